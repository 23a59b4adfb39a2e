"""gunicorn as in production, on a free loopback port, with the kills --fault needs."""

from __future__ import annotations

import contextlib
import os
import random
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from . import ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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
