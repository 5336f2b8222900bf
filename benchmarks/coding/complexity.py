"""Complexity, measured: each growth class timed at two sizes, with the ratio it predicts.

Per-operation rows (dict get, bisect, append) divide by the number of operations;
the dict and bisect rows run twice, with the same operations in a memory-friendly
order and in random order, to separate growth in work from the cost of memory;
whole-call rows (the duplicate checks, the practice functions) time one call, so
their ratio is the growth of the whole function. Inputs are distinct, shuffled
integers from a seeded generator: the duplicate checks never exit early.

    .venv/bin/python benchmarks/coding/complexity.py
"""

from __future__ import annotations

import random
import sys
from bisect import bisect_left
from collections.abc import Callable

from benchmarks.timing import calls, per_operation, quick_mode, report
from examples.coding.complexity.common_items import common_items, common_items_slow
from examples.coding.complexity.dedupe_keep_order import dedupe, dedupe_slow
from examples.coding.complexity.duplicate_pairs import has_duplicate_pairs
from examples.coding.complexity.duplicate_set import has_duplicate
from examples.coding.complexity.duplicate_sorted import has_duplicate_sorted
from examples.coding.complexity.dynamic_array import DynamicArray, constant_step

QUICK = quick_mode()
OPS = 1_000 if QUICK else 100_000
PER_OP = (1_000, 10_000) if QUICK else (10_000, 1_000_000)  # lookups, searches, appends
LINEAR = (1_000, 10_000) if QUICK else (10_000, 100_000)  # whole O(n), O(n log n) calls
QUADRATIC = (100, 300) if QUICK else (300, 3_000)  # O(n^2): 100x the work for 10x n
STEPPED = (1_000, 5_000) if QUICK else (10_000, 100_000)


def distinct(size: int) -> list[int]:
    values = list(range(size))
    random.Random(size).shuffle(values)  # noqa: S311 - a repeatable workload
    return values


def lookups(order: str) -> Callable[[int], tuple[Callable[[], None], int]]:
    """Look every key of a `size`-key dict up once, in insertion or in random order.

    Both orders do the same lookups on the same table, so the same operations;
    only the order in which they touch memory differs.
    """

    def workload(size: int) -> tuple[Callable[[], None], int]:
        keys = list(range(size))
        table = dict.fromkeys(keys, True)
        probes = keys[:]
        if order == "random":
            random.Random(size).shuffle(probes)  # noqa: S311 - a repeatable workload

        def run() -> None:
            get = table.get
            for key in probes:
                get(key)

        return run, size

    return workload


def footprint_mb(size: int) -> float:
    """Megabytes behind a `size`-key dict of ints: its own arrays plus the key objects."""
    keys = list(range(size))
    table = dict.fromkeys(keys, True)
    return (sys.getsizeof(table) + sum(map(sys.getsizeof, keys))) / 1e6


def bisects(order: str) -> Callable[[int], tuple[Callable[[], None], int]]:
    """OPS searches of a sorted `size`-item list, in random or in ascending order."""

    def workload(size: int) -> tuple[Callable[[], None], int]:
        ordered = list(range(0, 2 * size, 2))
        rng = random.Random(size)  # noqa: S311 - a repeatable workload
        probes = [rng.randrange(2 * size) for _ in range(OPS)]
        if order == "ascending":
            probes.sort()

        def run() -> None:
            for probe in probes:
                bisect_left(ordered, probe)

        return run, OPS

    return workload


def appends(
    make: Callable[[], object],
) -> Callable[[int], tuple[Callable[[], None], int]]:
    def workload(size: int) -> tuple[Callable[[], None], int]:
        def run() -> None:
            target = make()
            for value in range(size):
                target.append(value)

        return run, size

    return workload


def one_list(size: int) -> tuple[list[int]]:
    return (distinct(size),)


def one_list_in_order(size: int) -> tuple[list[int]]:
    return (list(range(size)),)


def two_lists(size: int) -> tuple[list[int], list[int]]:
    return distinct(size), [
        value + size // 2 for value in distinct(size)
    ]  # half overlap


if __name__ == "__main__":
    small, large = PER_OP
    print(
        f"memory behind the dict: {footprint_mb(small):.1f} MB at {small:,} keys,",
        f"{footprint_mb(large):.1f} MB at {large:,}",
    )
    for order in ("insertion", "random"):
        report(
            f"dict get, keys in {order} order",
            per_operation(lookups(order), PER_OP),
            claim="O(1)",
        )
    for order in ("random", "ascending"):
        report(
            f"bisect_left, {order} probes",
            per_operation(bisects(order), PER_OP),
            claim="O(log n)",
        )
    report(
        "list.append (per append)", per_operation(appends(list), PER_OP), claim="O(1)"
    )
    doubling = appends(DynamicArray)
    report(
        "DynamicArray doubling (per append)",
        per_operation(doubling, STEPPED),
        claim="O(1)",
    )
    stepped = appends(lambda: DynamicArray(constant_step(64)))
    report(
        "DynamicArray +64 (per append)", per_operation(stepped, STEPPED), claim="O(n)"
    )
    report(
        "has_duplicate_pairs",
        per_operation(calls(has_duplicate_pairs, one_list), QUADRATIC),
        claim="O(n^2)",
    )
    report(
        "has_duplicate_sorted",
        per_operation(calls(has_duplicate_sorted, one_list), LINEAR),
        claim="O(n log n)",
    )
    report(
        "has_duplicate (set)",
        per_operation(calls(has_duplicate, one_list), LINEAR),
        claim="O(n)",
    )
    report(
        "has_duplicate (set), input in order",
        per_operation(calls(has_duplicate, one_list_in_order), LINEAR),
        claim="O(n)",
    )
    report(
        "practice: dedupe_slow",
        per_operation(calls(dedupe_slow, one_list), QUADRATIC),
        claim="O(n^2)",
    )
    report(
        "practice: dedupe", per_operation(calls(dedupe, one_list), LINEAR), claim="O(n)"
    )
    report(
        "practice: common_items_slow (n = m)",
        per_operation(calls(common_items_slow, two_lists), QUADRATIC),
        claim="O(n^2)",
    )
    report(
        "practice: common_items (n = m)",
        per_operation(calls(common_items, two_lists), LINEAR),
        claim="O(n)",
    )
