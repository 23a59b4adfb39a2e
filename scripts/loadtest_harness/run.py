"""One run, start to finish: fresh database, demo and load users, gunicorn, the clients for
the given seconds (with --fault, the kills), then the database check and the report."""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from .clients import Client, run_client
from .database import Database, manage, manage_json
from .faults import inject_faults
from .report import report
from .server import Server, free_port
from .stats import Stats


def run(args: argparse.Namespace) -> int:
    """The exit status: see report()."""
    password = "load-test-" + secrets.token_hex(8)
    workdir = Path(tempfile.mkdtemp(prefix="loadtest-"))
    database = Database(os.environ.get("DATABASE_URL"), workdir, args.keep)
    env = {
        **os.environ,
        "DATABASE_URL": database.url,
        "DEBUG": "false",
        "REQUIRE_2FA": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "WARNING",
        "LOGIN_FAILURE_LIMIT": "1000",
        "PYTHONUNBUFFERED": "1",
        # Production settings serve static files by their hashed names: collected here.
        "STATIC_ROOT": str(workdir / "static"),
    }
    organizers = 1
    facilitators = max(1, args.clients // 4)
    participants = max(1, args.clients - organizers - facilitators)
    server = Server(env, free_port(), workdir / "gunicorn.log")
    try:
        print(f"database: {database.vendor} ({database.url})")
        if args.sqlite_template and database.vendor == "sqlite":
            # Migrated already (tests/migrated_template.py): migrate then finds nothing to do.
            shutil.copyfile(args.sqlite_template, database.path)
        manage(env, "migrate", "--no-input", "-v", "0")
        manage(env, "collectstatic", "--no-input", "-v", "0")
        manage(env, "seed_demo", "--password", password)
        plan = manage_json(
            env,
            "loadtest_prepare",
            "--no-input",
            f"--password={password}",
            f"--facilitators={facilitators}",
            f"--participants={participants}",
        )
        server.start()
        with urllib.request.urlopen(server.base + "/glossary/", timeout=10) as response:  # noqa: S310
            slugs = set(re.findall(r'href="/glossary/([a-z0-9-]+)/"', response.read().decode()))
        glossary = sorted(slugs - {"compare"})[:20]

        stats = Stats()
        started = time.monotonic()
        deadline = started + args.seconds
        roles = [("organizer", plan["organizer"])]
        roles += [("facilitator", p) for p in plan["facilitators"]]
        roles += [("participant", p) for p in plan["participants"]]
        clients = [
            (Client(server.base, p["username"], password, stats), role, p) for role, p in roles
        ]
        threads = [
            threading.Thread(
                target=run_client, args=(client, role, p, deadline, glossary), daemon=True
            )
            for client, role, p in clients
        ]
        print(f"{len(threads)} clients for {args.seconds:g} s against {server.base}")
        for thread in threads:
            thread.start()

        faults = inject_faults(server, stats, args.seconds) if args.fault else []
        for thread in threads:
            thread.join(timeout=args.seconds + 120)
        elapsed = time.monotonic() - started
        server.stop()

        acks_file = workdir / "acks.json"
        acks_file.write_text(json.dumps({
            "records": stats.records, "admin": stats.admin,
            "answers": list(stats.answers.values()),
        }))  # fmt: skip
        verdict = manage_json(env, "loadtest_verify", str(acks_file))
        return report(args, stats, elapsed, verdict, faults, database.vendor)
    finally:
        server.stop()
        database.drop()
        if not args.keep:
            for path in sorted(workdir.rglob("*"), reverse=True):
                path.unlink() if path.is_file() else path.rmdir()
            workdir.rmdir()
        else:
            print(f"kept: {workdir}")
