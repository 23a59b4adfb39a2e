#!/usr/bin/env python3
"""Load and fault test: real clients against gunicorn, then a check that nothing was lost.

    .venv/bin/python scripts/loadtest.py                 # 16 clients, 60 s, SQLite
    .venv/bin/python scripts/loadtest.py --seconds 8 --clients 4
    DATABASE_URL=postgres://user@host:5432/postgres .venv/bin/python scripts/loadtest.py
    .venv/bin/python scripts/loadtest.py --fault         # kill a worker, then the server

What it does, on a fresh database (a temporary SQLite file, or a new database created next
to the one DATABASE_URL names, dropped afterwards):

1. migrate, seed_demo, and add load users (`manage.py loadtest_prepare`): facilitators of
   the demo sessions (sharing them, so saves collide) and participants invited to upcoming
   sessions;
2. start `gunicorn -c config/gunicorn.conf.py config.wsgi -w 2 --threads 4` (the production
   logging, access lines included) with DEBUG=false and REQUIRE_2FA=false;
3. sign in every client through the login form, then for --seconds mix reads (home, session
   pages, processes, glossary) and writes, each write carrying a unique marker:
   - facilitators save the session record: GET /sessions/<id>/record/, POST it back with
     `version`, `internal_notes`, `summary`, `outcomes` (302 = saved, 200 = version
     conflict: an acknowledged refusal, not a write);
   - participants answer: POST /sessions/<id>/answer/ with `response` and `note` (302);
   - the organizer changes an invitation's note in the admin (302), a write that needs no
     product page;
4. stop the server and check in the database (`manage.py loadtest_verify`) that every
   acknowledged write is there
   (records: the marker in mediation_historicalsessionrecord; answers: each participant's
   last acknowledged answer is the stored one; admin: the marker in the invitation history),
   that each record's version equals its number of history rows and its newest history row
   equals the row, and on SQLite `PRAGMA integrity_check`.

--fault kills one gunicorn worker with SIGKILL a third of the way through (mid-request:
writes are in flight), and the whole server with SIGKILL at two thirds, then restarts it.
Requests cut off by a kill are "interrupted": never acknowledged, so never counted missing.

Exit status: 0 if every check passed; 1 if any failed (a 5xx, "database is locked", an
acknowledged write missing, a half-written row); 2 if the record or answer endpoint does
not exist (404) and --allow-missing-endpoints was not given.
Standard library only, so it runs wherever the app's virtualenv does.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import http.cookiejar
import json
import os
import random
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "load-test-" + secrets.token_hex(8)

# --- Database and server ------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Database:
    """A fresh database for one run: a temporary SQLite file, or a new PostgreSQL database
    on the server DATABASE_URL names (created here, dropped afterwards)."""

    def __init__(self, base_url: str | None, workdir: Path, keep: bool):
        self.keep = keep
        self.pg_admin_url = None
        if base_url and base_url.startswith(("postgres://", "postgresql://")):
            self.name = f"tracker_load_{secrets.token_hex(4)}"
            parts = urllib.parse.urlsplit(base_url)
            # Create and drop through the maintenance database, so the database named in
            # DATABASE_URL need not exist.
            self.pg_admin_url = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
            self.url = urllib.parse.urlunsplit(parts._replace(path=f"/{self.name}"))
            self._pg(f'CREATE DATABASE "{self.name}"')
            self.vendor = "postgresql"
        else:
            self.url = f"sqlite:///{workdir / 'load.sqlite3'}"
            self.vendor = "sqlite"

    def _pg(self, statement: str) -> None:
        import psycopg

        with psycopg.connect(self.pg_admin_url, autocommit=True) as connection:
            connection.execute(statement)

    def drop(self) -> None:
        if self.pg_admin_url and not self.keep:
            self._pg(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def manage(env: dict, *args: str, stdin: str | None = None) -> str:
    result = subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-3000:] + result.stderr[-3000:])
        raise SystemExit(f"manage.py {' '.join(args)} failed")
    return result.stdout


def manage_json(env: dict, *args: str) -> dict:
    """Run one of the load test's management commands; they print one line of JSON."""
    return json.loads(manage(env, *args))


class Server:
    def __init__(self, env: dict, port: int, log: Path):
        self.env, self.port, self.log = env, port, log
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        command = [
            sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.conf.py", "config.wsgi",
            "-w", "2", "--threads", "4", "-b", f"127.0.0.1:{self.port}",
            "--graceful-timeout", "5", "--timeout", "30",
        ]  # fmt: skip
        with self.log.open("a") as log:
            # A session of its own, so a SIGKILL to its group reaches master and workers only.
            self.process = subprocess.Popen(  # noqa: S603 (gunicorn from our virtualenv)
                command, cwd=ROOT, env=self.env, stdout=log, stderr=log, start_new_session=True
            )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with (
                contextlib.suppress(OSError),
                urllib.request.urlopen(f"{self.base}/health/", timeout=2) as response,  # noqa: S310
            ):
                if response.status == 200:
                    return
            if self.process.poll() is not None:
                break
            time.sleep(0.2)
        raise SystemExit(f"gunicorn did not start; see {self.log}")

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def workers(self) -> list[int]:
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError, IndexError, ValueError):
                fields = stat.read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) == self.process.pid:
                    pids.append(int(stat.parent.name))
        return pids

    def kill_one_worker(self) -> int | None:
        workers = self.workers()
        if not workers:
            return None
        victim = random.choice(workers)
        os.kill(victim, signal.SIGKILL)
        return victim

    def kill_all(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


# --- Clients ------------------------------------------------------------------------------


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class _Forms(HTMLParser):
    """POST forms of a page: action and the fields a browser would send."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form = None
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._form = {"action": a.get("action", ""), "method": a.get("method", "get").lower(),
                          "fields": []}  # fmt: skip
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input" and a.get("name"):
            kind = a.get("type", "text").lower()
            if kind in {"submit", "button", "image", "reset", "file"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in a:
                return
            self._form["fields"].append([a["name"], a.get("value", "on" if kind in {
                "checkbox", "radio"} else "")])  # fmt: skip
        elif tag == "textarea" and a.get("name"):
            self._textarea = [a["name"], ""]
            self._form["fields"].append(self._textarea)
        elif tag == "select" and a.get("name"):
            self._select = a["name"]
        elif tag == "option" and self._select and "selected" in a:
            self._form["fields"].append([self._select, a.get("value", "")])

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._textarea is not None:
            self._textarea[1] = self._textarea[1].removeprefix("\n")
            self._textarea = None
        elif tag == "select":
            self._select = None


def post_forms(html: str) -> list[dict]:
    parser = _Forms()
    parser.feed(html)
    return [f for f in parser.forms if f["method"] == "post"]


@dataclass
class Result:
    kind: str  # read, record, answer, admin, login
    status: int  # 0: no answer (connection refused or cut off)
    seconds: float
    locked: bool = False


@dataclass
class Stats:
    results: list[Result] = field(default_factory=list)
    records: list[tuple[str, str]] = field(default_factory=list)
    admin: list[tuple[str, str]] = field(default_factory=list)
    answers: dict = field(default_factory=dict)  # (username, session) -> entry
    conflicts: int = 0
    missing_endpoints: set = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)
    in_flight_writes: int = 0
    crashes: list = field(default_factory=list)

    def add(self, result: Result) -> None:
        with self.lock:
            self.results.append(result)


class Client:
    def __init__(self, base: str, username: str, stats: Stats):
        self.base, self.username, self.stats = base, username, stats
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )

    def request(self, kind: str, path: str, data: list | None = None) -> tuple[int, str]:
        body = None
        if data is not None:
            body = urllib.parse.urlencode([(name, value) for name, value in data]).encode()
        request = urllib.request.Request(self.base + path, data=body)  # noqa: S310 (loopback)
        if body is not None:
            request.add_header("Referer", self.base + path)
        started = time.perf_counter()
        writing = kind in {"record", "answer", "admin"} and body is not None
        if writing:
            with self.stats.lock:
                self.stats.in_flight_writes += 1
        try:
            with self.opener.open(request, timeout=60) as response:
                status, text = response.status, response.read().decode(errors="replace")
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode(errors="replace")
        except (OSError, http.client.HTTPException):
            status, text = 0, ""
        finally:
            if writing:
                with self.stats.lock:
                    self.stats.in_flight_writes -= 1
        self.stats.add(
            Result(kind, status, time.perf_counter() - started, "database is locked" in text)
        )
        return status, text

    def csrf(self) -> str:
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def sign_in(self) -> bool:
        status, page = self.request("login", "/accounts/login/")
        forms = post_forms(page)
        if status != 200 or not forms:
            return False
        data = [f for f in forms[-1]["fields"] if f[0] not in {"username", "password"}]
        data += [["username", self.username], ["password", PASSWORD]]
        status, _ = self.request("login", "/accounts/login/", data)
        return status == 302


RECORD, ANSWER = "/sessions/<uuid>/record/", "/sessions/<uuid>/answer/"


def _marker() -> str:
    return f"LT-{uuid.uuid4().hex}"


def run_client(client: Client, role: str, plan: dict, deadline: float, glossary: list[str]):
    try:
        _client_loop(client, role, plan, deadline, glossary)
    except Exception as error:  # reported as a failure of the harness, not swallowed
        with client.stats.lock:
            client.stats.crashes.append(f"{client.username}: {error!r}")
        raise


def _client_loop(client: Client, role: str, plan: dict, deadline: float, glossary: list[str]):
    stats = client.stats
    while not client.sign_in():
        if time.monotonic() > deadline:
            return
        time.sleep(0.5)
    sessions = plan.get("sessions", [])
    rng = random.Random(client.username)
    while time.monotonic() < deadline:
        write_share = {"facilitator": 0.4, "participant": 0.3, "organizer": 0.5}[role]
        if rng.random() >= write_share or not sessions:
            path = rng.choice(
                ["/", f"/sessions/{rng.choice(sessions)}/" if sessions else "/",
                 "/glossary/", f"/glossary/{rng.choice(glossary)}/" if glossary else "/glossary/",
                 "/processes/" if role != "participant" else "/"]
            )  # fmt: skip
            status, _ = client.request("read", path)
            if status == 0:
                time.sleep(0.2)
            continue
        if role == "facilitator" and RECORD not in stats.missing_endpoints:
            save_record(client, rng.choice(sessions))
        elif role == "participant" and ANSWER not in stats.missing_endpoints:
            answer(client, rng.choice(sessions), rng)
        elif role in {"facilitator", "participant"}:
            client.request("read", f"/sessions/{rng.choice(sessions)}/")
        else:
            admin_note(client, rng.choice(plan["invitations"]))


def save_record(client: Client, session: str) -> None:
    path = f"/sessions/{session}/record/"
    status, page = client.request("record", path)
    if status == 404:
        client.stats.missing_endpoints.add(RECORD)
        return
    forms = [f for f in post_forms(page) if any(n == "version" for n, _ in f["fields"])]
    if status != 200 or not forms:
        return
    form, marker = forms[0], _marker()
    data = [
        [n, v] for n, v in form["fields"] if n not in {"internal_notes", "summary", "outcomes"}
    ]
    data += [["internal_notes", f"Notes {marker}"], ["summary", f"Summary {marker}"],
             ["outcomes", f"Outcomes {marker}"]]  # fmt: skip
    action = urllib.parse.urljoin(path, form["action"] or path)
    status, _ = client.request("record", action, data)
    if status == 302:
        with client.stats.lock:
            client.stats.records.append((session, marker))
    elif status == 200:
        with client.stats.lock:
            client.stats.conflicts += 1


def answer(client: Client, session: str, rng: random.Random) -> None:
    marker, response = _marker(), rng.choice(["accepted", "declined", "tentative"])
    data = [["csrfmiddlewaretoken", client.csrf()], ["response", response],
            ["note", f"Answer {marker}"]]  # fmt: skip
    status, _ = client.request("answer", f"/sessions/{session}/answer/", data)
    if status == 404:
        client.stats.missing_endpoints.add(ANSWER)
        return
    with client.stats.lock:
        entry = client.stats.answers.setdefault(
            (client.username, session),
            {"username": client.username, "session": session, "acked": [], "last": None,
             "unconfirmed_after_last": []},
        )  # fmt: skip
        if status == 302:
            entry["acked"].append(marker)
            entry["last"] = {"marker": marker, "response": response}
            entry["unconfirmed_after_last"] = []
        elif status == 0:
            # Cut off: it may or may not have been saved.
            entry["unconfirmed_after_last"].append(marker)


def admin_note(client: Client, invitation: str) -> None:
    path = f"/admin/mediation/invitation/{invitation}/change/"
    status, page = client.request("admin", path)
    forms = [f for f in post_forms(page) if any(n == "note" for n, _ in f["fields"])]
    if status != 200 or not forms:
        return
    marker = _marker()
    data = [[n, v] for n, v in forms[0]["fields"] if n != "note"] + [["note", f"Admin {marker}"]]
    status, _ = client.request("admin", path, data)
    if status == 302:
        with client.stats.lock:
            client.stats.admin.append((invitation, marker))


# --- The run ------------------------------------------------------------------------------


def wait_for_a_write(stats: Stats, limit: float = 5.0) -> int:
    """Wait (a little) until a write is on its way, so the kill lands mid-request."""
    deadline = time.monotonic() + limit
    while stats.in_flight_writes == 0 and time.monotonic() < deadline:
        time.sleep(0.002)
    return stats.in_flight_writes


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, int(share * len(values)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--fault", action="store_true", help="kill a worker, then the server")
    parser.add_argument("--allow-missing-endpoints", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the database and logs")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()

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
    }
    organizers = 1
    facilitators = max(1, args.clients // 4)
    participants = max(1, args.clients - organizers - facilitators)
    server = Server(env, free_port(), workdir / "gunicorn.log")
    try:
        print(f"database: {database.vendor} ({database.url})")
        manage(env, "migrate", "--no-input", "-v", "0")
        manage(env, "seed_demo", "--password", PASSWORD)
        plan = manage_json(
            env,
            "loadtest_prepare",
            "--no-input",
            f"--password={PASSWORD}",
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
        threads = [
            threading.Thread(
                target=run_client,
                args=(Client(server.base, p["username"], stats), role, p, deadline, glossary),
                daemon=True,
            )
            for role, p in roles
        ]
        print(f"{len(threads)} clients for {args.seconds:g} s against {server.base}")
        for thread in threads:
            thread.start()

        faults = []
        if args.fault:
            time.sleep(args.seconds / 3)
            in_flight = wait_for_a_write(stats)
            victim = server.kill_one_worker()
            faults.append(f"SIGKILL worker {victim} with {in_flight} writes in flight")
            time.sleep(args.seconds / 3)
            in_flight = wait_for_a_write(stats)
            server.kill_all()
            faults.append(f"SIGKILL the whole server with {in_flight} writes in flight")
            time.sleep(1)
            server.start()
            faults.append("restarted")
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


def report(args, stats: Stats, elapsed: float, verdict: dict, faults: list, vendor: str) -> int:
    results = [r for r in stats.results if r.kind != "login"]
    reads = [r for r in results if r.kind == "read"]
    writes = [r for r in results if r.kind != "read"]
    answered = [r for r in results if r.status]
    acknowledged = len(stats.records) + len(stats.admin)
    acknowledged += sum(len(e["acked"]) for e in stats.answers.values())
    figures = {
        "database": vendor,
        "clients": args.clients,
        "seconds": round(elapsed, 1),
        "requests": len(results),
        "reads_per_second": round(len(reads) / elapsed, 1),
        "write_requests_per_second": round(len(writes) / elapsed, 1),
        "acknowledged_writes": acknowledged,
        "acknowledged_writes_per_second": round(acknowledged / elapsed, 1),
        "record_saves": len(stats.records),
        "answers": sum(len(e["acked"]) for e in stats.answers.values()),
        "admin_saves": len(stats.admin),
        "version_conflicts": stats.conflicts,
        "p50_ms": round(percentile([r.seconds for r in answered], 0.50) * 1000),
        "p95_ms": round(percentile([r.seconds for r in answered], 0.95) * 1000),
        "read_p95_ms": round(percentile([r.seconds for r in reads if r.status], 0.95) * 1000),
        "write_p95_ms": round(percentile([r.seconds for r in writes if r.status], 0.95) * 1000),
        "status_5xx": sum(1 for r in stats.results if r.status >= 500),
        "database_locked": sum(1 for r in stats.results if r.locked),
        "interrupted": sum(1 for r in stats.results if r.status == 0),
        "refused_4xx": {
            kind: sum(1 for r in results if r.kind == kind and 400 <= r.status < 500)
            for kind in sorted({r.kind for r in results})
        },
        "acknowledged_missing": len(verdict["missing"]),
        "half_written": len(verdict["inconsistent"]),
        "integrity_check": verdict["integrity"],
        "faults": faults,
        "missing_endpoints": sorted(stats.missing_endpoints),
    }
    width = max(len(k) for k in figures)
    for key, value in figures.items():
        print(f"  {key:<{width}}  {value}")
    for line in verdict["missing"][:20] + verdict["inconsistent"][:20]:
        print(f"  ! {line}")
    for endpoint in figures["missing_endpoints"]:
        print(f"endpoint missing: {endpoint} answered 404")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))

    failures = []
    if figures["status_5xx"]:
        failures.append("5xx responses")
    if figures["database_locked"]:
        failures.append('"database is locked"')
    if figures["acknowledged_missing"]:
        failures.append("acknowledged writes missing")
    if figures["half_written"]:
        failures.append("half-written rows")
    if vendor == "sqlite" and verdict["integrity"] != "ok":
        failures.append("SQLite integrity check")
    if figures["interrupted"] and not args.fault:
        failures.append("requests without an answer")
    if stats.crashes:
        failures.append(f"clients crashed: {stats.crashes[:3]}")
    if acknowledged == 0:
        failures.append("no write was acknowledged")
    if failures:
        print("FAILED: " + ", ".join(failures))
        return 1
    if figures["missing_endpoints"] and not args.allow_missing_endpoints:
        print("INCOMPLETE: the record or answer endpoint is missing (see above)")
        return 2
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
