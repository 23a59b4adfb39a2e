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
Standard library only, so it runs wherever the app's virtualenv does. The parts are in
scripts/loadtest_harness/; the Django side is `manage.py loadtest_prepare` and
`loadtest_verify` (mediation/management/commands/).
"""

import argparse
import sys
from pathlib import Path

from loadtest_harness.run import run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--fault", action="store_true", help="kill a worker, then the server")
    parser.add_argument("--allow-missing-endpoints", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the database and logs")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument(
        "--sqlite-template",
        type=Path,
        help="on SQLite, start from a copy of this migrated database (the test suite's)",
    )
    return run(parser.parse_args())


if __name__ == "__main__":
    sys.exit(main())
