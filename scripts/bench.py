#!/usr/bin/env python3
# ruff: noqa: S105, S310, S603 (loopback URLs, our own commands, the bench data's password)
"""Throughput and latency of the main pages under gunicorn, measured with wrk.

    .venv/bin/python scripts/bench.py                       # both sizes, both databases
    .venv/bin/python scripts/bench.py --sizes small --databases sqlite --rounds 1

For each database (a temporary SQLite file; a throwaway PostgreSQL 15 cluster it starts
itself, skipped with a note when PG_BIN has no server) and each size:
1. `migrate` and `seed_scale --size <size>` on the fresh database (timed);
2. serves the app with `gunicorn -c config/gunicorn.conf.py -w 2` on 127.0.0.1 with
   production settings (DEBUG=false; REQUIRE_2FA=false so the bench personas sign in
   with a password alone; REDIS_URL to a throwaway Redis when redis-server exists, as on
   several servers, else each worker's local memory);
3. signs in the bench personas through the login form, then runs `wrk -t2 -c8
   -d<seconds>s` on every page with that persona's session cookie, all pages in turn, for
   --rounds rounds (each figure is the median of the rounds);
4. records each worker's peak memory.
Then it writes one table per database (every size side by side: req/s, p50/p95/p99,
errors, the ratio to the signed-in bare view and to the page's own small-size figure) and
the issue's targets, met or not (scripts/bench_report.py), to docs/performance.md (or
--output), with the machine it ran on.

Needs wrk (Debian: `apt-get install wrk`; `make bench` installs it when run as root).
Standard library only.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from bench_report import Run, table, verdicts
from loadtest_harness.throwaway import (
    PG_BIN,
    Processes,
    free_port,
    postgres_available,
    redis_available,
    start_postgres,
    start_redis,
)

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "bench-only-password"  # mediation/demo/scale.py BENCH_PASSWORD
CALENDAR_TOKEN = "bench-participant-calendar-token-0001"
LUA = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH %d %d %d %d %d %d %d %d\\n", summary.requests,
    summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), e.connect + e.read + e.write + e.timeout, e.status, 0))
end
"""


def manage(env, *args) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def sign_in(base: str, username: str) -> str:
    """The session cookie of `username`, signed in through the login form."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/accounts/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode(
        {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token}
    ).encode()
    opener.open(urllib.request.Request(f"{base}/accounts/login/", data=data))
    cookies = {c.name: c.value for c in jar}
    if "sessionid" not in cookies:
        sys.exit(f"could not sign in as {username}")
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def fetch(base: str, path: str, cookie: str | None) -> str:
    request = urllib.request.Request(base + path, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request) as response:
        return response.read().decode(errors="replace")


def pages(read, visitors: dict, summary: dict) -> list[tuple[str, str, object]]:
    """(name, path, visitor) of every page measured, found from the seeded data.

    `visitors` maps None (anonymous), "organizer", "facilitator" and "participant" to
    whatever signs a request in (a cookie here, a test client in profile_pages.py);
    `read(path, visitor)` returns the page's text."""
    anon, org, fac, par = (visitors[k] for k in (None, "organizer", "facilitator", "participant"))
    small_session, big_session = summary["bench sessions"]
    index = read("/glossary/", anon)
    term = next(m for m in re.findall(r'href="/glossary/([a-z0-9-]+)/"', index) if m != "compare")
    mine = re.search(r'href="/sessions/([0-9a-f-]{36})/"', read("/", par)).group(1)
    processes = read("/processes/", org)
    process = re.search(r'href="/processes/([0-9a-f-]{36})/"', processes).group(1)
    return [
        ("bare view, anonymous", "/health/", anon),
        ("bare view, signed in", "/health/", par),
        ("glossary index", "/glossary/", par),
        ("glossary term", f"/glossary/{term}/", par),
        ("participant home", "/", par),
        ("facilitator home", "/", fac),
        ("facilitator's session page, 15 invitees", f"/sessions/{small_session}/", fac),
        ("facilitator's session page, 150 invitees", f"/sessions/{big_session}/", fac),
        ("participant's session page", f"/sessions/{mine}/", par),
        ("process overview", f"/processes/{process}/", org),
        ("invitation search (no match)",
         f"/sessions/{big_session}/invitations/search/?q=zzzzqq", fac),
        ("calendar feed", f"/calendar/{CALENDAR_TOKEN}.ics", anon),
        ("admin: participants", "/admin/mediation/participant/", org),
        ("admin: sessions", "/admin/mediation/dialoguesession/", org),
        ("admin: invitations", "/admin/mediation/invitation/", org),
    ]  # fmt: skip


def wrk(url: str, cookie: str | None, seconds: int, connections: int, script: str) -> dict:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s"]
    command += ["-s", script, url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    numbers = re.search(r"BENCH ([\d ]+)", output).group(1).split()
    requests, duration, p50, p95, p99, socket_errors, status_errors, _ = map(int, numbers)
    if not requests:  # none finished in the window: no latency to report, not a fast one
        p50 = p95 = p99 = float("inf")
    return {
        "rps": requests / (duration / 1e6),
        "p50": p50 / 1000,
        "p95": p95 / 1000,
        "p99": p99 / 1000,
        "errors": socket_errors + status_errors,
        "requests": requests,
    }


def peak_memory_mb(master_pid: int) -> list[float]:
    """VmHWM of each gunicorn worker (children of the master)."""
    peaks = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        if re.search(rf"^PPid:\s+{master_pid}$", text, re.M):
            match = re.search(r"^VmHWM:\s+(\d+) kB", text, re.M)
            if match:
                peaks.append(int(match.group(1)) / 1024)
    return peaks


def machine() -> str:
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        cpu = found.group(1) if found else cpu
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kb = int(re.search(r"MemTotal:\s+(\d+)", meminfo.read_text()).group(1))
        memory = f", {kb / 1024 / 1024:.1f} GB RAM"
    return (
        f"{os.cpu_count()} cores ({cpu}){memory}, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}"
    )


def serve(env: dict, work: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.conf.py", "-w", "2",
         "-b", f"127.0.0.1:{port}", "--log-level", "warning", "--no-control-socket"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            urllib.request.urlopen(f"{base}/health/", timeout=1)
            return server, base
        except OSError:
            time.sleep(0.2)
    server.kill()
    sys.exit("gunicorn did not answer /health/ within 30 s")


def measure(database: str, size: str, args, env: dict, work: Path) -> Run:
    """Seed `size` into a fresh `database`, serve it, and run every page --rounds times."""
    procs = Processes()
    here = work / f"{database}-{size}".lower()
    here.mkdir()
    try:
        env = dict(env)
        if database == "PostgreSQL":
            env["DATABASE_URL"] = start_postgres(procs, here, database="bench")
        else:
            env["DATABASE_URL"] = f"sqlite:///{here / 'bench.sqlite3'}"
        if redis_available():
            env["REDIS_URL"] = start_redis(procs, here)
        manage(env, "migrate", "--no-input", "-v0")
        summary_file = here / "summary.json"
        manage(env, "seed_scale", "--size", size, "--summary", str(summary_file))
        summary = json.loads(summary_file.read_text())
        run = Run(database=database, size=size, seeded=summary.get("seconds"))
        say(f"{database}, {size}: seeded in {run.seeded} s")
        server, base = serve(env, here)
        try:
            cookies = {
                persona: sign_in(base, f"bench-{persona}")
                for persona in ("organizer", "facilitator", "participant")
            }
            script = here / "report.lua"
            script.write_text(LUA)
            read = lambda path, cookie: fetch(base, path, cookie)  # noqa: E731
            measured = pages(read, {None: None, **cookies}, summary)
            for round_ in range(args.rounds):
                for name, path, cookie in measured:
                    figures = wrk(base + path, cookie, args.seconds, args.connections, str(script))
                    run.rounds.setdefault(name, []).append(figures)
                    say(f"{database}, {size}, round {round_ + 1}: {name}: "
                        f"{figures['rps']:.0f} req/s")  # fmt: skip
            run.peaks = peak_memory_mb(server.pid)
        finally:
            procs.stop(server)
        return run
    finally:
        procs.stop_all()


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="small,large", help="comma-separated: small,large")
    parser.add_argument("--databases", default="sqlite,postgresql",
                        help="comma-separated: sqlite,postgresql")  # fmt: skip
    parser.add_argument("--rounds", type=int, default=3, help="runs of every page; the median")
    parser.add_argument("--seconds", type=int, default=5, help="of wrk, per page and round")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--output", help="append the tables here (default: print them)")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk (make bench installs it as root)")
    sizes = [s for s in ("small", "large") if s in args.sizes.split(",")]
    databases = [d for d, key in (("SQLite", "sqlite"), ("PostgreSQL", "postgresql"))
                 if key in args.databases.split(",")]  # fmt: skip
    notes = []
    if "PostgreSQL" in databases and not postgres_available():
        databases.remove("PostgreSQL")
        notes.append(f"PostgreSQL was not measured: no server at {PG_BIN} (set PG_BIN).")
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    work.chmod(0o755)  # PostgreSQL's tools run as the postgres user when we are root
    env = {**os.environ, "DEBUG": "false", "REQUIRE_2FA": "false", "LOG_LEVEL": "WARNING"}
    for name in ("DATABASE_URL", "REDIS_URL", "EMAIL_HOST", "BEHIND_PROXY", "HTTPS"):
        env.pop(name, None)  # never the app's own database or cache
    # Production settings serve static files by their hashed names: collected once here.
    env["STATIC_ROOT"] = str(work / "static")
    env["DATABASE_URL"] = f"sqlite:///{work / 'static.sqlite3'}"
    manage(env, "collectstatic", "--no-input", "-v0")
    runs = []
    try:
        for database in databases:
            for size in sizes:
                runs.append(measure(database, size, args, env, work))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    cache = "a throwaway Redis" if redis_available() else "each worker's local memory"
    text = "\n".join([
        f"### {' and '.join(sizes)} data on {' and '.join(databases)}",
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {machine()}; "
        f"load average before the run {os.getloadavg()[0]:.1f}; gunicorn 2 sync workers, "
        f"cache in {cache}; wrk 2 threads, {args.connections} connections, {args.seconds} s "
        f"a page, median of {args.rounds} rounds.",
        *(["", *notes] if notes else []),
        "",
        table(runs),
        "Targets (inf: no request finished within a round):",
        "",
        *verdicts(runs),
        "",
    ])  # fmt: skip
    if args.output:
        with open(args.output, "a") as handle:
            handle.write("\n" + text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
