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
def test_concurrent_reads_and_writes_lose_nothing():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "scripts/loadtest.py", "--seconds", "8", "--clients", "4"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=150,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    assert "status_5xx                      0" in result.stdout
