"""Throwaway servers on 127.0.0.1 for the checks that need real ones: PostgreSQL 15 and
Redis in a temporary folder, each process in its own group and all stopped together.

Used by scripts/two_servers.py and scripts/bench.py. Standard library only.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))


class StartFailed(Exception):
    """A server did not come up."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, name: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise StartFailed(f"{name} did not start listening on port {port} within {seconds} s")


class Processes:
    """Everything started, each in its own process group, stopped in reverse order."""

    def __init__(self, say=lambda message: None):
        self.started: list[tuple[str, subprocess.Popen]] = []
        self.say = say

    def start(self, name: str, command: list[str], log: Path, **kwargs) -> subprocess.Popen:
        handle = log.open("ab")
        process = subprocess.Popen(  # noqa: S603 (our own commands)
            command, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True, **kwargs
        )
        self.started.append((name, process))
        return process

    def stop(self, process: subprocess.Popen) -> None:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()

    def stop_all(self) -> None:
        for name, process in reversed(self.started):
            if process.poll() is None:
                self.stop(process)
                self.say(f"stopped {name}")
        self.started.clear()


def postgres_available() -> bool:
    return (PG_BIN / "postgres").exists()


def redis_available() -> bool:
    return shutil.which("redis-server") is not None


def as_postgres(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: as root, its tools run as the postgres user."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def start_postgres(procs: Processes, work: Path, database: str = "tracker") -> str:
    """A fresh cluster in `work`/pg with one empty database; returns its DATABASE_URL.

    fsync and synchronous commits are off: the data is thrown away, and the figures measured
    on it are of reading, which they do not change."""
    data, port = work / "pg", free_port()
    work.chmod(0o755)
    if os.geteuid() == 0:
        data.mkdir(mode=0o700)
        shutil.chown(data, "postgres", "postgres")
    subprocess.run(  # noqa: S603
        as_postgres([str(PG_BIN / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
                     "--no-sync", "--encoding=UTF8", "--locale=C.UTF-8"]),
        check=True, capture_output=True, cwd=work,
    )  # fmt: skip
    procs.start(
        "PostgreSQL",
        as_postgres([str(PG_BIN / "postgres"), "-D", str(data), "-p", str(port),
                     "-c", "listen_addresses=127.0.0.1", "-c", f"unix_socket_directories={data}",
                     "-c", "fsync=off", "-c", "synchronous_commit=off"]),
        work / "postgres.log", cwd=work,
    )  # fmt: skip
    wait_for_port(port, "PostgreSQL")
    for _ in range(50):  # accepting connections, then accepting queries
        done = subprocess.run(  # noqa: S603
            as_postgres([str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(port),
                         "-U", "postgres", database]),
            capture_output=True, cwd=work,
        )  # fmt: skip
        if done.returncode == 0:
            return f"postgres://postgres@127.0.0.1:{port}/{database}"
        time.sleep(0.2)
    raise StartFailed(f"could not create the database: {done.stderr.decode()}")


def start_redis(procs: Processes, work: Path) -> str:
    """A Redis that keeps nothing on disk; returns its REDIS_URL."""
    port = free_port()
    procs.start(
        "Redis",
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--dir", str(work)],
        work / "redis.log",
    )  # fmt: skip
    wait_for_port(port, "Redis")
    return f"redis://127.0.0.1:{port}/0"
