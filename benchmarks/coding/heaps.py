"""Heaps: time per call (or per operation) at two sizes for the solutions on docs/coding/heaps.md.

Whole-call workloads run once on a fresh seeded input of size n, built outside
the timed part. With k fixed at 10 (top-k) or 16 (merge), O(n log k) is O(n),
so n = 1,000 and 100,000 predict a ratio of 100; a full sort predicts 166.
The stream workloads (running median, lazy queue) first fill the structure to
size n untimed, then time 1,000 operations on it: O(log n) predicts 1.7.
The k = n/2 rows put heapq.nlargest beside sorted() at the same sizes.
The "comparisons" rows count calls of < instead of timing, to tell a growing
number of comparisons from a growing cost per comparison; counts do not depend
on the machine's load, times do.
Inputs are built once per size and shared (functools.cache): every function
timed here leaves its input unchanged (the tests check the solutions' inputs).
"""

from __future__ import annotations

import heapq
import random
from collections.abc import Callable
from functools import cache

from benchmarks.timing import (
    DEFAULT_SIZES,
    QUICK_SIZES,
    calls,
    per_operation,
    quick_mode,
    report,
)
from examples.coding.heaps.k_closest import k_closest, k_closest_by_sorting
from examples.coding.heaps.kth_largest import (
    kth_largest,
    kth_largest_by_sorting,
    kth_largest_quickselect,
)
from examples.coding.heaps.lazy_queue import LazyPriorityQueue
from examples.coding.heaps.meeting_rooms import (
    min_meeting_rooms,
    min_meeting_rooms_brute_force,
)
from examples.coding.heaps.merge_k_sorted import (
    merge_k_sorted,
    merge_k_sorted_brute_force,
)
from examples.coding.heaps.running_median import MedianFinder, MedianFinderSortedList

QUADRATIC_SIZES = (50, 200) if quick_mode() else (200, 2_000)
STREAM_OPERATIONS = 1_000
REPEATS = 3  # best of 3: a full run stays near 10 s of CPU
K = 10
LISTS = 16


def rng(size: int) -> random.Random:
    return random.Random(size)  # noqa: S311 -- seeded, repeatable inputs


@cache
def numbers(size: int) -> list[int]:
    r = rng(size)
    return [r.randrange(10 * size) for _ in range(size)]


@cache
def points(size: int) -> list[list[int]]:
    r = rng(size)
    return [[r.randint(-1_000, 1_000), r.randint(-1_000, 1_000)] for _ in range(size)]


@cache
def sorted_lists(size: int) -> list[list[int]]:
    values = numbers(size)
    return [sorted(values[i::LISTS]) for i in range(LISTS)]


@cache
def meetings(size: int) -> list[list[int]]:
    r = rng(size)
    starts = [r.randrange(10 * size) for _ in range(size)]
    return [[s, s + r.randint(1, 50)] for s in starts]


def nlargest_half(values: list[int]) -> list[int]:
    return heapq.nlargest(len(values) // 2, values)


def sorted_half(values: list[int]) -> list[int]:
    return sorted(values, reverse=True)[: len(values) // 2]


class Counted:
    """An int wrapper that counts the < comparisons made on it."""

    comparisons = 0
    __slots__ = ("value",)

    def __init__(self, value: int) -> None:
        self.value = value

    def __lt__(self, other: Counted) -> bool:
        Counted.comparisons += 1
        return self.value < other.value

    def __eq__(self, other: object) -> bool:  # tuples test == before <; not counted
        return isinstance(other, Counted) and self.value == other.value

    __hash__ = None  # type: ignore[assignment]

    def __add__(self, other: int) -> Counted:
        return Counted(self.value + other)


def report_comparisons(
    label: str,
    function: Callable[[list[Counted]], object],
    prepare: Callable[[list[Counted]], list[Counted]] = list,
) -> None:
    """Comparisons per call at the two sizes: did the count, or the cost of each, grow?

    prepare(values) shapes the input first; its comparisons are not counted.
    """
    small, large = QUICK_SIZES if quick_mode() else DEFAULT_SIZES
    counts = []
    for size in (small, large):
        wrapped = prepare([Counted(v) for v in numbers(size)])
        Counted.comparisons = 0
        function(wrapped)
        counts.append(Counted.comparisons)
    print_counts(label, (small, large), counts)


def print_counts(label: str, sizes: tuple[int, int], counts: list[float]) -> None:
    small, large = sizes
    print(
        f"{label:<36} n={small:>9,}: {counts[0]:9,} compares  "
        f"n={large:>9,}: {counts[1]:9,} compares  ratio {counts[1] / counts[0]:6.2f}",
        flush=True,
    )


def sixteen_sorted_runs(values: list[Counted]) -> list[Counted]:
    """The values as 16 sorted runs, one after another: the concatenated lists."""
    return [v for i in range(LISTS) for v in sorted(values[i::LISTS])]


def median_stream(make: Callable[[], MedianFinder | MedianFinderSortedList]):
    """Fill a finder with n numbers (untimed), then time add + median, 1,000 times.

    The fill goes in ascending order: the sorted list then appends instead of
    shifting (an O(n^2) fill at n = 100,000), and both finders end up holding
    the same values a random fill would give them.
    """

    def workload(size: int) -> tuple[Callable[[], None], int]:
        finder = make()
        for num in sorted(numbers(size)):
            finder.add(num)
        more = numbers(STREAM_OPERATIONS + size)[:STREAM_OPERATIONS]

        def run() -> None:
            for num in more:
                finder.add(num)
                finder.median()

        return run, STREAM_OPERATIONS

    return workload


def lazy_queue_updates(
    size: int, wrap: Callable[[int], object] = int
) -> tuple[Callable[[], None], int]:
    """n items queued; each operation re-prioritizes one item, then pops and re-adds.

    wrap(priority) is Counted to count comparisons instead of timing.
    """
    queue: LazyPriorityQueue[int] = LazyPriorityQueue()
    for item, priority in enumerate(numbers(size)):
        queue.push(item, wrap(priority))  # type: ignore[arg-type]
    r = rng(size + 1)
    steps = [
        (r.randrange(size), wrap(r.randrange(10 * size)))
        for _ in range(STREAM_OPERATIONS)
    ]

    def run() -> None:
        for item, priority in steps:
            queue.push(item, priority)  # update: one stale entry left behind
            top, top_priority = queue.pop()
            queue.push(top, top_priority + size)

    return run, STREAM_OPERATIONS


def report_lazy_queue_comparisons(label: str) -> None:
    """Comparisons per operation of the lazy-queue workload (the fill not counted)."""
    sizes = QUICK_SIZES if quick_mode() else DEFAULT_SIZES
    counts = []
    for size in sizes:
        run, operations = lazy_queue_updates(size, wrap=Counted)
        Counted.comparisons = 0
        run()
        counts.append(round(Counted.comparisons / operations, 1))
    print_counts(label, sizes, counts)


if __name__ == "__main__":
    args = lambda n: (numbers(n), K)  # noqa: E731
    report(
        "kth largest, heap of k = 10",
        per_operation(calls(kth_largest, args), repeats=REPEATS),
        "O(n)",
    )
    report(
        "kth largest, quickselect, k = 10",
        per_operation(calls(kth_largest_quickselect, args), repeats=REPEATS),
        "O(n)",
    )
    report(
        "kth largest, sort, k = 10",
        per_operation(calls(kth_largest_by_sorting, args), repeats=REPEATS),
        "O(n log n)",
    )
    report_comparisons("kth largest, sort: comparisons", sorted)
    report_comparisons(
        "kth largest, heap of 10: comparisons", lambda v: kth_largest(v, K)
    )
    report(
        "heapq.nlargest, k = 10",
        per_operation(
            calls(heapq.nlargest, lambda n: (K, numbers(n))), repeats=REPEATS
        ),
        "O(n)",
    )
    report(
        "heapq.nlargest, k = n/2",
        per_operation(calls(nlargest_half, lambda n: (numbers(n),)), repeats=REPEATS),
        "O(n log n)",
    )
    report(
        "sorted()[:k], k = n/2",
        per_operation(calls(sorted_half, lambda n: (numbers(n),)), repeats=REPEATS),
        "O(n log n)",
    )
    report(
        "k closest, heap of k = 10",
        per_operation(calls(k_closest, lambda n: (points(n), K)), repeats=REPEATS),
        "O(n)",
    )
    report(
        "k closest, sort",
        per_operation(
            calls(k_closest_by_sorting, lambda n: (points(n), K)), repeats=REPEATS
        ),
        "O(n log n)",
    )
    report(
        "merge 16 lists, heap",
        per_operation(
            calls(merge_k_sorted, lambda n: (sorted_lists(n),)), repeats=REPEATS
        ),
        "O(n)",
    )
    report(
        "heapq.merge, 16 lists",
        per_operation(
            calls(lambda ls: list(heapq.merge(*ls)), lambda n: (sorted_lists(n),)),
            repeats=REPEATS,
        ),
        "O(n)",
    )
    report(
        "merge 16 lists, concatenate + sort",
        per_operation(
            calls(merge_k_sorted_brute_force, lambda n: (sorted_lists(n),)),
            repeats=REPEATS,
        ),
        "O(n log n)",
    )
    report_comparisons("concatenate + sort: comparisons", sorted, sixteen_sorted_runs)
    report(
        "median, two heaps, per add",
        per_operation(median_stream(MedianFinder), repeats=REPEATS),
        "O(log n)",
    )
    report(
        "median, sorted list, per add",
        per_operation(median_stream(MedianFinderSortedList), repeats=REPEATS),
        "O(n)",
    )
    report(
        "lazy queue, update + pop + push",
        per_operation(lazy_queue_updates, repeats=REPEATS),
        "O(log n)",
    )
    report_lazy_queue_comparisons("lazy queue: comparisons per op")
    report(
        "meeting rooms, heap of end times",
        per_operation(
            calls(min_meeting_rooms, lambda n: (meetings(n),)), repeats=REPEATS
        ),
        "O(n log n)",
    )
    report(
        "meeting rooms, brute force",
        per_operation(
            calls(min_meeting_rooms_brute_force, lambda n: (meetings(n),)),
            QUADRATIC_SIZES,
            repeats=REPEATS,
        ),
        "O(n^2)",
    )
    report(
        "meeting rooms, heap, same n",
        per_operation(
            calls(min_meeting_rooms, lambda n: (meetings(n),)),
            QUADRATIC_SIZES,
            repeats=REPEATS,
        ),
        "O(n log n)",
    )
