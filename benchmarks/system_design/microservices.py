"""Microservices: what one call costs in-process, over loopback HTTP, and through the gateway.

The same lookup (user 1) five ways, each timed per call: the function call
itself; GET /users/1 to the users process on a kept-alive connection and on a
new connection per call; and the same two through the gateway process, which
authenticates, rate-limits and forwards on its own pooled connection. All
processes share this machine's loopback and CPUs, so a real network adds its
round trip on top: read the ratios, and treat the microseconds as a floor.
The ways take turns in rounds, so load from other work falls on all of them.

    .venv/bin/python benchmarks/system_design/microservices.py
"""

from __future__ import annotations

import math
import statistics
import tempfile
from collections.abc import Callable
from pathlib import Path

from benchmarks.timing import quick_mode
from examples.system_design.microservices.network_cost import (
    in_process,
    over_http,
    users_behind_gateway,
)

CALLS = 50 if quick_mode() else 2_000  # per way; the in-process row times batches of 1,000
ROUNDS = 10  # the ways take turns, so a burst of load from elsewhere hits them all alike


def p99(times: list[float]) -> float:
    """The 99th percentile, nearest rank."""
    ordered = sorted(times)
    return ordered[math.ceil(0.99 * len(ordered)) - 1]


def main() -> None:
    with tempfile.TemporaryDirectory() as folder, users_behind_gateway(Path(folder)) as setup:
        over_http(setup.gateway_url, 50, headers=setup.headers)  # warm up both hops
        ways: dict[str, Callable[[int], list[float]]] = {
            "in-process get_user()": in_process,
            "loopback HTTP, kept-alive": lambda n: over_http(setup.users_url, n),
            "loopback HTTP, new connection": lambda n: over_http(setup.users_url, n, keep_alive=False),
            "via gateway, kept-alive": lambda n: over_http(setup.gateway_url, n, headers=setup.headers),
            "via gateway, new connection": lambda n: over_http(
                setup.gateway_url, n, headers=setup.headers, keep_alive=False
            ),
        }
        rows: dict[str, list[float]] = {label: [] for label in ways}
        for _ in range(ROUNDS):
            for label, way in ways.items():
                rows[label] += way(CALLS // ROUNDS)
    base = statistics.median(rows["in-process get_user()"])
    direct = statistics.median(rows["loopback HTTP, kept-alive"])
    print(f"{CALLS} calls per way in {ROUNDS} interleaved rounds; microseconds per call")
    print(f"{'way':<32}{'median':>10}{'p99':>10}{'ratio to in-process':>21}{'to direct':>11}")
    for label, times in rows.items():
        median = statistics.median(times)
        # One in-process call is too short to time alone: its values are means
        # of 1,000 calls, so a percentile of them is no per-call p99.
        tail = "n/a" if times is rows["in-process get_user()"] else f"{p99(times) * 1e6:.0f}"
        print(f"{label:<32}{median * 1e6:>10.2f}{tail:>10}{median / base:>21,.0f}{median / direct:>11.2f}")


if __name__ == "__main__":
    main()
