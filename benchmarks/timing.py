"""Per-operation timing at two sizes, the evidence behind every complexity claim.

A benchmark reports numbers; nothing here asserts on time. A complexity claim
such as "O(1) get" is backed by showing that the time per operation barely
moves when the structure grows 100x (ratio near 1), where an O(n) operation's
ratio would be near 100.

    from benchmarks.timing import per_operation, report

    def lookups(size):            # returns a zero-argument callable doing `ops` operations
        cache = build_cache(size)
        keys = ...
        def run():
            for key in keys:
                cache.get(key)
        return run, len(keys)

    report("LRU get", per_operation(lookups))

Set BENCH_QUICK=1 for tiny sizes (the test suite does, to prove benchmarks run).
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable
from dataclasses import dataclass

Workload = Callable[[int], tuple[Callable[[], None], int]]

DEFAULT_SIZES = (1_000, 100_000)
QUICK_SIZES = (100, 1_000)


def quick_mode() -> bool:
    return os.environ.get("BENCH_QUICK", "") not in {"", "0"}


@dataclass(frozen=True)
class Measurement:
    size: int
    seconds_per_op: float


@dataclass(frozen=True)
class Comparison:
    small: Measurement
    large: Measurement

    @property
    def ratio(self) -> float:
        return self.large.seconds_per_op / self.small.seconds_per_op


# The clocks a benchmark can time with. Wall time includes waiting for a core,
# which on a busy machine inflates long runs more than short ones and skews the
# ratio; CPU time (this process only) leaves the waiting out. Code that waits
# on purpose (sleeps, locks held by other threads, I/O) needs wall time.
WALL_CLOCK = time.perf_counter
CPU_CLOCK = time.process_time


def per_operation(
    workload: Workload,
    sizes: tuple[int, int] | None = None,
    repeats: int = 5,
    clock: Callable[[], float] = WALL_CLOCK,
) -> Comparison:
    """Best-of-`repeats` time per operation of `workload` at a small and a large size, by `clock`."""
    small_size, large_size = sizes or (QUICK_SIZES if quick_mode() else DEFAULT_SIZES)
    if quick_mode():
        repeats = 1
    measurements = []
    for size in (small_size, large_size):
        best = float("inf")
        for _ in range(repeats):
            run, operations = workload(size)
            if operations <= 0:
                raise ValueError("a workload must perform at least one operation")
            start = clock()
            run()
            best = min(best, (clock() - start) / operations)
        measurements.append(Measurement(size, best))
    return Comparison(*measurements)


def format_row(label: str, comparison: Comparison) -> str:
    small, large = comparison.small, comparison.large
    return (
        f"{label:<36} n={small.size:>9,}: {small.seconds_per_op * 1e6:8.3f} us/op   "
        f"n={large.size:>9,}: {large.seconds_per_op * 1e6:8.3f} us/op   ratio {comparison.ratio:6.2f}"
    )


GROWTH: dict[str, Callable[[int], float]] = {
    "O(1)": lambda n: 1.0,
    "O(log n)": lambda n: math.log2(n),
    "O(n)": lambda n: float(n),
    "O(n log n)": lambda n: n * math.log2(n),
    "O(n^2)": lambda n: float(n) ** 2,
}


def predicted_ratio(claim: str, comparison: Comparison) -> float:
    """What the ratio would be if the time grew exactly as `claim` says (constants cancel)."""
    if claim not in GROWTH:
        raise ValueError(f"unknown growth {claim!r}; known: {list(GROWTH)}")
    grow = GROWTH[claim]
    return grow(comparison.large.size) / grow(comparison.small.size)


def report(label: str, comparison: Comparison, claim: str | None = None) -> Comparison:
    """Print the row; with a claim such as "O(n log n)", the ratio that claim predicts beside it."""
    row = format_row(label, comparison)
    if claim is not None:
        row += f"   {claim} predicts {predicted_ratio(claim, comparison):,.1f}"
    print(row, flush=True)
    return comparison


def calls(function: Callable[..., object], make_args: Callable[[int], tuple[object, ...]], repeat: int = 1) -> Workload:
    """A workload of `repeat` whole calls of `function` on fresh inputs of the given size.

    make_args(size) builds the arguments outside the timed part, so a function
    that sorts or mutates its input gets a new one for every measurement.
    """

    def workload(size: int) -> tuple[Callable[[], None], int]:
        inputs = [make_args(size) for _ in range(repeat)]

        def run() -> None:
            for args in inputs:
                function(*args)

        return run, repeat

    return workload
