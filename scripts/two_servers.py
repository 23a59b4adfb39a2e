#!/usr/bin/env python3
"""Two app servers behind no balancer at all: what one does, the other sees.

Starts, on 127.0.0.1 and in a temporary folder, a throwaway PostgreSQL 15 and Redis, migrates
and seeds the database (`seed_demo`, `loadtest_prepare`, one participant who may be emailed),
then two gunicorn servers on different ports with the same settings (production settings,
DATABASE_URL, REDIS_URL, TASKS_BACKEND=database, each email a file in EMAIL_FILE_PATH) and
one worker (`manage.py db_worker`). Then, with an HTTP client that keeps cookies and sends
CSRF tokens as a browser does, it shows that:

1. a sign-in through server A works on server B (the same session cookie);
2. a session record saved through A is read through B;
3. a cached calendar file (the ETag a calendar program keeps) changed through A is fresh on
   B: B answers 304 while nothing changed, and the new file once the participant declines;
4. invitation emails queued through A are sent by the worker (a file appears, and the task
   row says it succeeded), not inside A's request.

Exits 1 with the failed check's message, 2 if PostgreSQL 15 or redis-server is missing. Every
process it started is stopped on the way out, whatever happened, and it gives up after
--timeout seconds (default 170). `make two-servers`; `.ci/run` runs it after the PostgreSQL
pass. Standard library only.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from loadtest_harness.forms import post_forms
from loadtest_harness.throwaway import (
    PG_BIN,
    Processes,
    StartFailed,
    free_port,
    postgres_available,
    redis_available,
    start_postgres,
    start_redis,
    wait_for_port,
)

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = secrets.token_urlsafe(16)
INVITEE_EMAIL = "two-servers-invitee@example.org"

# Adds one participant who agreed to be contacted, with an address, to the facilitator's
# session: the invitation the check sends. Run by `manage.py shell`; prints nothing else.
SEED_INVITEE = """
from mediation.models import Consent, DialogueSession, Invitation, Participant
session = DialogueSession.objects.get(pk="{session}")
person = Participant.objects.create(name="Two servers invitee", email="{email}",
                                    category=Participant.Category.OTHER)
Consent.objects.create(participant=person, process=session.process,
                       kind=Consent.Kind.CONTACTED)
Invitation.objects.create(session=session, participant=person)
"""

TASK_STATUSES = """
from django_tasks_db.models import DBTaskResult
from collections import Counter
print(dict(Counter(DBTaskResult.objects.values_list("status", flat=True))))
"""


class CheckFailed(Exception):
    pass


def check(condition: bool, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


def step(message: str) -> None:
    print(f"[{time.monotonic() - STARTED:5.1f}s] {message}", flush=True)


STARTED = time.monotonic()


def manage(env: dict, *args: str, stdin: str | None = None) -> str:
    done = subprocess.run(  # noqa: S603 (this interpreter, our manage.py)
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, input=stdin,
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode:
        raise CheckFailed(f"manage.py {args[0]} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """One person's cookies, sent to whichever server a request names."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )

    def request(self, url: str, data: list | None = None, headers: dict | None = None):
        body = (
            urllib.parse.urlencode([tuple(f) for f in data]).encode() if data is not None else None
        )
        # Both servers are reached under one name, as behind a load balancer: links in
        # pages and calendar files name the site, not the server that wrote them.
        headers = {"Host": "localhost", **(headers or {})}
        request = urllib.request.Request(url, data=body, headers=headers)  # noqa: S310
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode(errors="replace")

    def csrf(self) -> str:
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def sign_in(self, base: str, username: str) -> None:
        status, _, page = self.request(f"{base}/accounts/login/")
        check(status == 200, f"the login page of {base} answered {status}")
        fields = [
            f for f in post_forms(page)[-1]["fields"] if f[0] not in {"username", "password"}
        ]
        fields += [["username", username], ["password", PASSWORD]]
        status, _, _ = self.request(f"{base}/accounts/login/", fields)
        check(status == 302, f"signing in as {username} through {base} answered {status}")

    def post_form(self, base: str, path: str, having: str, changes: dict) -> int:
        """Submit the form of `path` that has a field named `having`, with `changes`."""
        status, _, page = self.request(base + path)
        check(status == 200, f"{path} on {base} answered {status}")
        forms = [f for f in post_forms(page) if any(n == having for n, _ in f["fields"])]
        check(bool(forms), f"{path} on {base} has no form with a {having!r} field")
        data = [[n, v] for n, v in forms[0]["fields"] if n not in changes]
        data += [[n, v] for n, v in changes.items()]
        action = urllib.parse.urljoin(path, forms[0]["action"] or path)
        return self.request(base + action, data)[0]


def run_checks(a: str, b: str, plan: dict, env: dict, mail_dir: Path) -> None:
    facilitator = plan["facilitators"][0]
    session = facilitator["sessions"][0]

    step("1. sign in through A, then use the same cookie on B")
    staff = Browser()
    staff.sign_in(a, facilitator["username"])
    status, headers, _ = staff.request(f"{b}/sessions/{session}/")
    check(status == 200, f"B answered {status} (to {headers.get('Location')}) to A's session")
    status, _, _ = Browser().request(f"{b}/sessions/{session}/")
    check(status == 302, f"B let an anonymous visitor see the session page ({status})")

    step("2. save a session record through A, read it through B")
    marker = f"saved-through-A-{secrets.token_hex(4)}"
    status = staff.post_form(
        a, f"/sessions/{session}/record/", "version",
        {"internal_notes": f"Notes {marker}", "summary": f"Summary {marker}",
         "outcomes": f"Outcomes {marker}"},
    )  # fmt: skip
    check(status == 302, f"saving the record through A answered {status}")
    status, _, page = staff.request(f"{b}/sessions/{session}/record/")
    check(status == 200 and marker in page, "B does not show the record saved through A")

    step("3. a calendar file cached by its ETag, changed through A, is fresh on B")
    participant = plan["participants"][0]
    invited = participant["sessions"][0]
    person = Browser()
    person.sign_in(a, participant["username"])
    ics = f"/sessions/{invited}/calendar.ics"
    status, headers, before = person.request(b + ics)
    etag = headers.get("ETag")
    check(status == 200 and bool(etag), f"B answered {status} without an ETag to {ics}")
    check("STATUS:CANCELLED" not in before, "the calendar event is cancelled before the change")
    for server in (a, b):
        status, _, _ = person.request(server + ics, headers={"If-None-Match": etag})
        check(status == 304, f"{server} answered {status}, not 304, to an unchanged file")
    answer = [["csrfmiddlewaretoken", person.csrf()], ["response", "declined"],
              ["note", "Declined through A"]]  # fmt: skip
    status, _, _ = person.request(f"{a}/sessions/{invited}/answer/", answer)
    check(status == 302, f"declining through A answered {status}")
    status, headers, after = person.request(b + ics, headers={"If-None-Match": etag})
    check(status == 200, f"B answered {status} to the ETag of the file before the change")
    check("STATUS:CANCELLED" in after, "B's calendar file does not show the declined event")
    check(headers.get("ETag") != etag, "B gave the changed file the old ETag")

    step("4. invitations queued through A are sent by the worker")
    started = time.monotonic()
    data = [["csrfmiddlewaretoken", staff.csrf()]]
    status, _, _ = staff.request(f"{a}/sessions/{session}/invitations/send/", data)
    check(status == 302, f"sending the invitations through A answered {status}")
    sent = []
    while time.monotonic() - started < 30 and not sent:
        sent = [p for p in mail_dir.glob("*") if INVITEE_EMAIL in p.read_text(errors="replace")]
        time.sleep(0.2)
    check(bool(sent), f"no email to {INVITEE_EMAIL} in {mail_dir} within 30 s")
    statuses = manage(env, "shell", "--no-imports", "-c", TASK_STATUSES).strip()
    check("'SUCCESSFUL'" in statuses, f"no task ran through the worker: {statuses}")
    check("'FAILED'" not in statuses, f"a task failed: {statuses}")
    step(f"   the worker sent it after {time.monotonic() - started:.1f} s; tasks: {statuses}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--timeout", type=int, default=170, help="give up after (seconds)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder and logs")
    args = parser.parse_args()
    missing = [what for what, ok in [
        (f"PostgreSQL 15 ({PG_BIN}/postgres)", postgres_available()),
        ("redis-server", redis_available()),
    ] if not ok]  # fmt: skip
    if missing:
        print(f"two servers: missing {', '.join(missing)} (apt-get install postgresql-15 "
              "redis-server)", file=sys.stderr)  # fmt: skip
        return 2

    def give_up(signum, frame):
        late = signum == signal.SIGALRM
        raise CheckFailed(f"gave up after {args.timeout} s" if late else "stopped by SIGTERM")

    signal.signal(signal.SIGTERM, give_up)
    signal.signal(signal.SIGALRM, give_up)
    signal.alarm(args.timeout)  # the whole run, cleanup excepted
    work = Path(tempfile.mkdtemp(prefix="two-servers-"))
    procs = Processes(say=step)
    failed = None
    try:
        database, redis = start_postgres(procs, work), start_redis(procs, work)
        step(f"PostgreSQL at {database}, Redis at {redis}")
        mail_dir = work / "mail"
        env = {**os.environ, "DATABASE_URL": database, "REDIS_URL": redis,
               "TASKS_BACKEND": "database", "EMAIL_FILE_PATH": str(mail_dir),
               "DEBUG": "false", "REQUIRE_2FA": "false", "SECRET_KEY": secrets.token_urlsafe(50),
               "ALLOWED_HOSTS": "127.0.0.1,localhost", "STATIC_ROOT": str(work / "static"),
               "LOG_LEVEL": "WARNING", "PYTHONUNBUFFERED": "1"}  # fmt: skip
        for name in ("EMAIL_HOST", "BEHIND_PROXY", "HTTPS"):
            env.pop(name, None)
        manage(env, "migrate", "--no-input", "-v", "0")
        step("migrated")
        manage(env, "collectstatic", "--no-input", "-v", "0")
        step("static files collected (hashed, compressed)")
        manage(env, "seed_demo", "--password", PASSWORD)
        prepared = manage(env, "loadtest_prepare", "--facilitators", "1", "--participants", "1",
                          "--password", PASSWORD, "--no-input")  # fmt: skip
        plan = json.loads(prepared)
        session = plan["facilitators"][0]["sessions"][0]
        manage(
            env,
            "shell",
            "--no-imports",
            "-c",
            SEED_INVITEE.format(session=session, email=INVITEE_EMAIL),
        )
        step("seeded: the demo, one facilitator and participant without 2FA, one invitee")
        servers = []
        for name in ("A", "B"):
            port = free_port()
            procs.start(
                f"server {name}",
                [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.conf.py", "-w", "2",
                 "-b", f"127.0.0.1:{port}", "--no-control-socket"],
                work / f"server-{name}.log", cwd=ROOT, env=env,
            )  # fmt: skip
            servers.append(f"http://127.0.0.1:{port}")
        procs.start(
            "worker", [sys.executable, "manage.py", "db_worker", "--interval", "0.2"],
            work / "worker.log", cwd=ROOT, env=env,
        )  # fmt: skip
        for server in servers:
            wait_for_port(int(server.rpartition(":")[2]), server)
            deadline = time.monotonic() + 30
            while Browser().request(f"{server}/health/")[0] != 200:
                check(time.monotonic() < deadline, f"{server}/health/ never answered 200")
                time.sleep(0.2)
        step(f"server A at {servers[0]}, server B at {servers[1]}, one worker")
        run_checks(servers[0], servers[1], plan, env, mail_dir)
    except (CheckFailed, StartFailed, subprocess.CalledProcessError) as error:
        failed = str(error)
    finally:
        signal.alarm(0)
        procs.stop_all()
        if failed:
            for log in sorted(work.glob("*.log")):
                tail = log.read_text(errors="replace").splitlines()[-15:]
                print(f"--- {log.name}, last lines:\n" + "\n".join(tail), file=sys.stderr)
        if args.keep:
            print(f"kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    took = time.monotonic() - STARTED
    if failed:
        print(f"two servers: FAILED after {took:.0f} s: {failed}", file=sys.stderr)
        return 1
    print(f"two servers: all four checks passed in {took:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
