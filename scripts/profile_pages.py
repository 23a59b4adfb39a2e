#!/usr/bin/env python3

"""CPU time and queries of the bench's pages, in process: steadier than `make bench` on a
busy machine, since it counts this process's CPU time, not the wall clock.

    DATABASE_URL=sqlite:////tmp/p.sqlite3 .venv/bin/python manage.py migrate
    DATABASE_URL=sqlite:////tmp/p.sqlite3 .venv/bin/python manage.py seed_scale \
        --size small --summary /tmp/p.json
    DATABASE_URL=sqlite:////tmp/p.sqlite3 .venv/bin/python scripts/profile_pages.py \
        --summary /tmp/p.json [--only "participant home"] [--profile 25]
    (PROFILE_SORT=tottime sorts the profile by time spent in each function itself.)

Production-like settings: DEBUG and REQUIRE_2FA off (as `make bench`), Django's cached
template loader. Each page is requested twice to warm caches, then `--repeat` times; the
table gives CPU milliseconds per request (process time), queries per request and the
response's size. `--profile N` prints the N costliest functions (cumulative) per page.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("REQUIRE_2FA", "false")
os.environ.setdefault("LOG_LEVEL", "WARNING")

from bench import PASSWORD, pages  # noqa: E402 (scripts/bench.py: the same pages, found alike)


def client_for(username: str | None):
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    if username:
        response = client.post("/accounts/login/", {"username": username, "password": PASSWORD})
        if response.status_code != 302:
            sys.exit(f"could not sign in as {username}")
    return client


class QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def measure(client, path: str, repeat: int) -> dict:
    from django.db import connection

    for _ in range(2):
        response = client.get(path)
        if response.status_code != 200:
            sys.exit(f"{path}: {response.status_code}")
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        started = time.process_time()
        for _ in range(repeat):
            response = client.get(path)
        cpu = (time.process_time() - started) / repeat
    return {
        "cpu_ms": cpu * 1000,
        "queries": counter.count / repeat,
        "kb": len(response.content) / 1024,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--summary", required=True, help="seed_scale's --summary file")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--only", action="append", help="a page's name (repeatable)")
    parser.add_argument("--profile", type=int, default=0, metavar="N")
    args = parser.parse_args()
    import django

    django.setup()
    summary = json.loads(Path(args.summary).read_text())
    clients = {
        persona: client_for(f"bench-{persona}" if persona else None)
        for persona in (None, "organizer", "facilitator", "participant")
    }
    bare = None
    print("| page | CPU ms/request | queries | KB | ratio to signed-in bare view | peak MB |")
    print("|---|---:|---:|---:|---:|---:|")
    read = lambda path, client: client.get(path).content.decode()  # noqa: E731
    for name, path, client in pages(read, clients, summary):
        if args.only and name not in args.only and name != "bare view, signed in":
            continue
        result = measure(client, path, args.repeat)
        if name == "bare view, signed in":
            bare = result["cpu_ms"]
        ratio = f"{bare / result['cpu_ms']:.2f}" if bare else ""
        print(
            f"| {name} | {result['cpu_ms']:.1f} | {result['queries']:.0f} "
            f"| {result['kb']:.0f} | {ratio} "
            f"| {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} |",
            flush=True,
        )
        if args.profile and (not args.only or name in args.only):
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(5):
                client.get(path)
            profiler.disable()
            pstats.Stats(profiler, stream=sys.stdout).sort_stats(
                os.environ.get("PROFILE_SORT", "cumulative")
            ).print_stats(args.profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
