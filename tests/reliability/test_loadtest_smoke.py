"""The load test, small: 4 clients for 8 seconds against gunicorn, on the database the suite
runs on (SQLite, or a fresh database next to PostgreSQL's). Bounded to about 30 seconds.

The full run (16 clients, 60 seconds, and --fault) is `make loadtest`; README, "Reliability".
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.reliability
def test_concurrent_reads_and_writes_lose_nothing(django_db_setup, _migrated_template):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    # On SQLite, the suite's migrated database (tests/migrated_template.py) spares the run
    # its own migrations, about 9 s of CPU; the load and the checks are the same.
    template = _migrated_template.file()
    command = [sys.executable, "scripts/loadtest.py", "--seconds", "8", "--clients", "4"]
    if template:
        command += ["--sqlite-template", str(template)]
    result = subprocess.run(  # noqa: S603 (our own interpreter and script)
        command,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=150,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    assert "status_5xx                      0" in result.stdout
