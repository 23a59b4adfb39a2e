"""--fault: SIGKILL one gunicorn worker a third of the way through, while writes are in
flight, then the whole server at two thirds, and restart it."""

from __future__ import annotations

import time

from .server import Server
from .stats import Stats


def inject_faults(server: Server, stats: Stats, seconds: float) -> list[str]:
    """Kill a worker, then the whole server, and restart it; what was done, for the report."""
    faults = []
    time.sleep(seconds / 3)
    in_flight = wait_for_a_write(stats)
    victim = server.kill_one_worker()
    faults.append(f"SIGKILL worker {victim} with {in_flight} writes in flight")
    time.sleep(seconds / 3)
    in_flight = wait_for_a_write(stats)
    server.kill_all()
    faults.append(f"SIGKILL the whole server with {in_flight} writes in flight")
    time.sleep(1)
    server.start()
    faults.append("restarted")
    return faults


def wait_for_a_write(stats: Stats, limit: float = 5.0) -> int:
    """Wait (a little) until a write is on its way, so the kill lands mid-request."""
    deadline = time.monotonic() + limit
    while stats.in_flight_writes == 0 and time.monotonic() < deadline:
        time.sleep(0.002)
    return stats.in_flight_writes
