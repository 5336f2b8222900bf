"""Rate limiter: allow() stays O(1) as the number of keys grows 100x; the sliding
log's memory and its first call after a quiet spell grow with the requests in
the window, while the sliding counter's do not.

    .venv/bin/python benchmarks/machine_coding/rate_limiter.py
"""

from __future__ import annotations

import gc
import random
import sys
from types import FunctionType, ModuleType

from benchmarks.timing import DEFAULT_SIZES, QUICK_SIZES, per_operation, quick_mode, report
from examples.machine_coding.clock import ManualClock
from examples.machine_coding.rate_limiter.factory import Algorithm, LimiterConfig, create_limiter
from examples.machine_coding.rate_limiter.limiter import RateLimiter

OPS = 1_000 if quick_mode() else 20_000
WINDOW = 1_000.0


def limiter_for(algorithm: Algorithm, limit: int) -> tuple[RateLimiter, ManualClock]:
    clock = ManualClock()
    return create_limiter(LimiterConfig(algorithm, limit, WINDOW), clock=clock), clock


def distinct_keys(algorithm: Algorithm):
    """allow() on random keys of a table that already holds `size` keys."""

    def workload(size: int):
        limiter, _ = limiter_for(algorithm, limit=100)
        keys = [f"user-{index}" for index in range(size)]
        for key in keys:
            limiter.allow(key)
        rng = random.Random(7)  # noqa: S311 -- a repeatable workload, not a secret
        picks = [rng.choice(keys) for _ in range(OPS)]

        def run() -> None:
            for key in picks:
                limiter.allow(key)

        return run, len(picks)

    return workload


def filled_log(algorithm: Algorithm, size: int) -> tuple[RateLimiter, ManualClock, float]:
    """One key with `size` requests spread evenly across its window."""
    limiter, clock = limiter_for(algorithm, limit=size)
    step = WINDOW / size
    for _ in range(size):
        limiter.allow("hot")
        clock.advance(step)
    return limiter, clock, step


def steady_state(algorithm: Algorithm):
    """allow() on one key that always has `size` requests in its window."""

    def workload(size: int):
        limiter, clock, step = filled_log(algorithm, size)

        def run() -> None:
            for _ in range(OPS):
                limiter.allow("hot")  # one old request expires, one is added
                clock.advance(step)

        return run, OPS

    return workload


def first_call_after_quiet_window(algorithm: Algorithm):
    """The one allow() that must forget `size` requests at once."""

    def workload(size: int):
        limiter, clock, _ = filled_log(algorithm, size)
        clock.advance(WINDOW)

        def run() -> None:
            limiter.allow("hot")

        return run, 1

    return workload


SHARED = type | ModuleType | FunctionType  # not owned by one limiter


def deep_size(root: object) -> int:
    """Bytes held by `root` and everything it references (classes and modules excluded)."""
    seen: set[int] = set()
    total, frontier = 0, [root]
    while frontier:
        fresh = [obj for obj in frontier if not isinstance(obj, SHARED) and id(obj) not in seen]
        for obj in fresh:
            seen.add(id(obj))
            total += sys.getsizeof(obj)
        frontier = gc.get_referents(*fresh)
    return total


def state_bytes(algorithm: Algorithm, size: int) -> int:
    limiter, _, _ = filled_log(algorithm, size)
    return deep_size(limiter)


def report_memory(algorithm: Algorithm) -> None:
    small, large = QUICK_SIZES if quick_mode() else DEFAULT_SIZES
    small_bytes, large_bytes = state_bytes(algorithm, small), state_bytes(algorithm, large)
    label = f"{algorithm} bytes, in window"
    print(
        f"{label:<36} n={small:>9,}: {small_bytes:>9,} B    n={large:>9,}: {large_bytes:>10,} B   "
        f"ratio {large_bytes / small_bytes:6.2f}",
        flush=True,
    )


if __name__ == "__main__":
    for algorithm in Algorithm:
        report(f"{algorithm} allow(), keys", per_operation(distinct_keys(algorithm), repeats=7))
    for algorithm in (Algorithm.SLIDING_LOG, Algorithm.SLIDING_COUNTER):
        report(f"{algorithm} allow(), in window", per_operation(steady_state(algorithm)))
        report(f"{algorithm} allow() after a gap", per_operation(first_call_after_quiet_window(algorithm)))
        report_memory(algorithm)
