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
table gives CPU milliseconds per request (process time), split into SQL, template rendering
and the rest (middleware, view, forms), queries per request and the response's size.
`--profile N` prints the N costliest functions (cumulative) per page.
"""

from __future__ import annotations

import argparse
import contextlib
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


class CostSplitter:
    """Counts queries and splits the process's CPU time between SQL (as this process sees
    it: the whole engine on SQLite, the client side on PostgreSQL), template rendering
    (outermost `Template.render` calls, less the SQL their lazy querysets ran) and the rest
    (middleware, view, forms, Python)."""

    def __init__(self):
        self.count = 0
        self.sql = self.template = self.sql_in_template = 0.0
        self.depth = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        started = time.process_time()
        try:
            return execute(sql, params, many, context)
        finally:
            spent = time.process_time() - started
            self.sql += spent
            if self.depth:
                self.sql_in_template += spent

    @contextlib.contextmanager
    def timing_templates(self):
        from django.template.base import Template

        original = Template.render
        splitter = self

        def render(template, context):
            if splitter.depth:
                splitter.depth += 1
                try:
                    return original(template, context)
                finally:
                    splitter.depth -= 1
            splitter.depth = 1
            started = time.process_time()
            try:
                return original(template, context)
            finally:
                splitter.depth = 0
                splitter.template += time.process_time() - started

        Template.render = render
        try:
            yield
        finally:
            Template.render = original


def measure(client, path: str, repeat: int) -> dict:
    from django.db import connection

    for _ in range(2):
        response = client.get(path)
        if response.status_code != 200:
            sys.exit(f"{path}: {response.status_code}")
    split = CostSplitter()
    with connection.execute_wrapper(split), split.timing_templates():
        started = time.process_time()
        for _ in range(repeat):
            response = client.get(path)
        cpu = (time.process_time() - started) / repeat
    sql, template = split.sql / repeat, (split.template - split.sql_in_template) / repeat
    return {
        "cpu_ms": cpu * 1000,
        "sql_ms": sql * 1000,
        "template_ms": template * 1000,
        "rest_ms": (cpu - sql - template) * 1000,
        "queries": split.count / repeat,
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
    print(
        "| page | CPU ms/request | of which SQL | templates | the rest | queries | KB "
        "| ratio to signed-in bare view | peak MB |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    read = lambda path, client: client.get(path).content.decode()  # noqa: E731
    for name, path, client in pages(read, clients, summary):
        if args.only and name not in args.only and name != "bare view, signed in":
            continue
        result = measure(client, path, args.repeat)
        if name == "bare view, signed in":
            bare = result["cpu_ms"]
        ratio = f"{bare / result['cpu_ms']:.2f}" if bare else ""
        print(
            f"| {name} | {result['cpu_ms']:.1f} | {result['sql_ms']:.1f} "
            f"| {result['template_ms']:.1f} | {result['rest_ms']:.1f} | {result['queries']:.0f} "
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
