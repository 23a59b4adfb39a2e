"""What the clients saw, shared between their threads: every answer and every acknowledged
write, with the marker the database check looks for."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field


@dataclass
class Result:
    kind: str  # read, record, answer, admin, login
    status: int  # 0: no answer (connection refused or cut off)
    seconds: float
    locked: bool = False


@dataclass
class Stats:
    results: list[Result] = field(default_factory=list)
    records: list[tuple[str, str]] = field(default_factory=list)
    admin: list[tuple[str, str]] = field(default_factory=list)
    answers: dict = field(default_factory=dict)  # (username, session) -> entry
    conflicts: int = 0
    missing_endpoints: set = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)
    in_flight_writes: int = 0
    crashes: list = field(default_factory=list)

    def add(self, result: Result) -> None:
        with self.lock:
            self.results.append(result)
