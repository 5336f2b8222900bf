"""Load balancing: the cost of one pick as the pool grows 100x.

Least connections scans every eligible server (O(n)); power of two choices
looks at two (O(1)); the consistent-hash ring is a binary search over
servers x 100 points (O(log n)); round robin is a counter (O(1)).

    .venv/bin/python benchmarks/system_design/load_balancing.py
"""

from __future__ import annotations

import random

from benchmarks.timing import CPU_CLOCK, per_operation, quick_mode, report
from examples.system_design.load_balancing.balancers import make_balancer

OPS = 500 if quick_mode() else 20_000
SIZES = (4, 40) if quick_mode() else (10, 1_000)


def picks(strategy: str):
    """pick() on a pool of `size` servers with random in-flight counts."""

    def workload(size: int):
        balancer = make_balancer(strategy, size, seed=1)
        rng = random.Random(7)  # noqa: S311 -- a repeatable workload, not a secret
        load = [rng.randrange(20) for _ in range(size)]
        eligible = list(range(size))
        keys = [f"client-{rng.randrange(10_000)}" for _ in range(OPS)]

        def run() -> None:
            for key in keys:
                balancer.pick(key, load, eligible)

        return run, OPS

    return workload


CLAIMS = {
    "round_robin": "O(1)",
    "p2c": "O(1)",
    "consistent_hash": "O(log n)",
    "least_connections": "O(n)",
}

if __name__ == "__main__":
    for strategy, claim in CLAIMS.items():
        comparison = per_operation(picks(strategy), sizes=SIZES, repeats=5, clock=CPU_CLOCK)
        report(f"{strategy} pick(), servers", comparison, claim)
