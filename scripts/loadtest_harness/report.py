"""The figures of a run, the lines that went wrong, and the verdict (the exit status)."""

from __future__ import annotations

import json

from .stats import Stats


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, int(share * len(values)))]


def report(args, stats: Stats, elapsed: float, verdict: dict, faults: list, vendor: str) -> int:
    results = [r for r in stats.results if r.kind != "login"]
    reads = [r for r in results if r.kind == "read"]
    writes = [r for r in results if r.kind != "read"]
    answered = [r for r in results if r.status]
    acknowledged = len(stats.records) + len(stats.admin)
    acknowledged += sum(len(e["acked"]) for e in stats.answers.values())
    figures = {
        "database": vendor,
        "clients": args.clients,
        "seconds": round(elapsed, 1),
        "requests": len(results),
        "reads_per_second": round(len(reads) / elapsed, 1),
        "write_requests_per_second": round(len(writes) / elapsed, 1),
        "acknowledged_writes": acknowledged,
        "acknowledged_writes_per_second": round(acknowledged / elapsed, 1),
        "record_saves": len(stats.records),
        "answers": sum(len(e["acked"]) for e in stats.answers.values()),
        "admin_saves": len(stats.admin),
        "version_conflicts": stats.conflicts,
        "p50_ms": round(percentile([r.seconds for r in answered], 0.50) * 1000),
        "p95_ms": round(percentile([r.seconds for r in answered], 0.95) * 1000),
        "read_p95_ms": round(percentile([r.seconds for r in reads if r.status], 0.95) * 1000),
        "write_p95_ms": round(percentile([r.seconds for r in writes if r.status], 0.95) * 1000),
        "status_5xx": sum(1 for r in stats.results if r.status >= 500),
        "database_locked": sum(1 for r in stats.results if r.locked),
        "interrupted": sum(1 for r in stats.results if r.status == 0),
        "refused_4xx": {
            kind: sum(1 for r in results if r.kind == kind and 400 <= r.status < 500)
            for kind in sorted({r.kind for r in results})
        },
        "acknowledged_missing": len(verdict["missing"]),
        "half_written": len(verdict["inconsistent"]),
        "integrity_check": verdict["integrity"],
        "faults": faults,
        "missing_endpoints": sorted(stats.missing_endpoints),
    }
    width = max(len(k) for k in figures)
    for key, value in figures.items():
        print(f"  {key:<{width}}  {value}")
    for line in verdict["missing"][:20] + verdict["inconsistent"][:20]:
        print(f"  ! {line}")
    for endpoint in figures["missing_endpoints"]:
        print(f"endpoint missing: {endpoint} answered 404")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))

    failures = []
    if figures["status_5xx"]:
        failures.append("5xx responses")
    if figures["database_locked"]:
        failures.append('"database is locked"')
    if figures["acknowledged_missing"]:
        failures.append("acknowledged writes missing")
    if figures["half_written"]:
        failures.append("half-written rows")
    if vendor == "sqlite" and verdict["integrity"] != "ok":
        failures.append("SQLite integrity check")
    if figures["interrupted"] and not args.fault:
        failures.append("requests without an answer")
    if stats.crashes:
        failures.append(f"clients crashed: {stats.crashes[:3]}")
    if acknowledged == 0:
        failures.append("no write was acknowledged")
    if failures:
        print("FAILED: " + ", ".join(failures))
        return 1
    if figures["missing_endpoints"] and not args.allow_missing_endpoints:
        print("INCOMPLETE: the record or answer endpoint is missing (see above)")
        return 2
    print("OK")
    return 0
