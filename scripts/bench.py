#!/usr/bin/env python3
# ruff: noqa: S105, S310, S603 (loopback URLs, our own commands, the bench data's password)
"""Throughput and latency of the main pages under gunicorn, measured with wrk.

    .venv/bin/python scripts/bench.py                       # small data, SQLite
    .venv/bin/python scripts/bench.py --size large --seconds 10
    BENCH_DATABASE_URL=postgres://user@127.0.0.1:5432/bench .venv/bin/python scripts/bench.py

What it does:
1. on a fresh database (a temporary SQLite file, or the empty one BENCH_DATABASE_URL names;
   never the app's DATABASE_URL), `migrate` and `seed_scale --size <size>`;
2. serves the app with `gunicorn -c config/gunicorn.conf.py -w 2` on 127.0.0.1 with
   production settings (DEBUG=false; REQUIRE_2FA=false so the bench personas sign in
   with a password alone);
3. signs in the bench personas through the login form, then for each page runs
   `wrk -t2 -c8 -d<seconds>s` with that persona's session cookie, one page after another;
4. writes the table (req/s, p50/p95/p99, errors, ratio to the signed-in bare view) to
   docs/performance.md (or --output), with the machine it ran on and each worker's peak
   memory.

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
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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


def report(results, *, size, database, seconds, connections, peaks, seeded) -> str:
    bare = next(r for name, r in results if name == "bare view, signed in")["rps"]
    lines = [
        f"### {size} data on {database}",
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {machine()}; "
        f"gunicorn 2 sync workers, wrk 2 threads, {connections} connections, {seconds} s a "
        f"page; seed_scale --size {size} took {seeded} s. Peak memory per worker: "
        + ", ".join(f"{p:.0f} MB" for p in peaks)
        + ".",
        "",
        "| page | req/s | p50 ms | p95 ms | p99 ms | errors | ratio to signed-in bare view |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, r in results:
        lines.append(
            f"| {name} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p95']:.1f} | {r['p99']:.1f} "
            f"| {r['errors']} | {r['rps'] / bare:.2f} |"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=("small", "large"), default="small")
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--output", help="write the table here (default: print it)")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk (make bench installs it as root)")
    workdir = Path(tempfile.mkdtemp(prefix="bench-"))
    env = {**os.environ, "DEBUG": "false", "REQUIRE_2FA": "false", "LOG_LEVEL": "WARNING"}
    # Production settings serve static files by their hashed names: collected here.
    env["STATIC_ROOT"] = str(workdir / "static")
    # Its own variable, so a DATABASE_URL set for the app is never filled with bench data.
    env["DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}"
    )
    database = "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "collectstatic", "--no-input", "-v0")
    summary_file = workdir / "summary.json"
    manage(env, "seed_scale", "--size", args.size, "--summary", str(summary_file))
    summary = json.loads(summary_file.read_text())
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.conf.py", "-w", "2",
         "-b", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/health/", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        cookies = {
            persona: sign_in(base, f"bench-{persona}")
            for persona in ("organizer", "facilitator", "participant")
        }
        script = workdir / "report.lua"
        script.write_text(LUA)
        results = []
        visitors = {None: None, **cookies}
        read = lambda path, cookie: fetch(base, path, cookie)  # noqa: E731
        for name, path, cookie in pages(read, visitors, summary):
            results.append(
                (name, wrk(base + path, cookie, args.seconds, args.connections, str(script)))
            )
            print(f"{name}: {results[-1][1]['rps']:.0f} req/s", file=sys.stderr)
        peaks = peak_memory_mb(server.pid)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)
    table = report(
        results,
        size=args.size,
        database=database,
        seconds=args.seconds,
        connections=args.connections,
        peaks=peaks,
        seeded=summary.get("seconds"),
    )
    if args.output:
        with open(args.output, "a") as handle:
            handle.write("\n" + table)
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
