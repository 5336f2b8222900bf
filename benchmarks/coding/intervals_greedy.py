"""Intervals and greedy: time per call at two sizes for each solution on docs/coding/intervals-greedy.md.

Each workload calls the solution once on a fresh, seeded random input of size n,
built outside the timed part; best of five. Most solutions sort, so from
n = 1,000 to 10,000 O(n log n) predicts a ratio of about 13.3; the linear ones
(insert into a sorted list, the jump game's greedy reach, the practice scans)
predict 10. The quadratic baselines run at n = 200 and 2,000, where O(n^2)
predicts 100: the jump game's DP on all-ones steps (each index scans every
earlier one) and the timeline brute force for meeting rooms with meetings up to
n / 10 units long. The subset brute force for removals is exponential: it runs
at n = 8 and 12 with no claim (2^n * n^2 predicts about 36).

Two controls that a loaded machine cannot move: CPU time of this thread
(time.thread_time()), which leaves out the time the process waits for a core,
and the number of key comparisons the sorts make, counted on the same inputs.
The comparison count is the work O(n log n) is about; if it grows as predicted
while the time grows faster, each comparison got slower, not more numerous.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from benchmarks.timing import (
    GROWTH,
    QUICK_SIZES,
    Comparison,
    Measurement,
    calls,
    per_operation,
    quick_mode,
    report,
)
from examples.coding.intervals_greedy.arrows import min_arrows
from examples.coding.intervals_greedy.gas_station import can_complete_circuit
from examples.coding.intervals_greedy.insert_interval import insert_interval
from examples.coding.intervals_greedy.interval_intersections import (
    interval_intersections,
)
from examples.coding.intervals_greedy.jump_game import can_jump, can_jump_dp
from examples.coding.intervals_greedy.meeting_rooms import can_attend_all
from examples.coding.intervals_greedy.meeting_rooms_ii import (
    min_rooms,
    min_rooms_brute_force,
    min_rooms_sweep,
)
from examples.coding.intervals_greedy.merge_intervals import merge_intervals
from examples.coding.intervals_greedy.non_overlapping import (
    min_removals,
    min_removals_brute_force,
)
from examples.coding.intervals_greedy.partition_labels import partition_labels

SIZES = QUICK_SIZES if quick_mode() else (1_000, 10_000)
QUADRATIC_SIZES = (50, 200) if quick_mode() else (200, 2_000)
EXPONENTIAL_SIZES = (6, 8) if quick_mode() else (8, 12)


def rng(size: int) -> random.Random:
    return random.Random(size)  # noqa: S311 - seeded, repeatable inputs


def random_intervals(size: int) -> tuple[list[list[int]]]:
    # Starts spread over 10n units, lengths 1 to 100: many overlaps, many gaps.
    r = rng(size)
    starts = [r.randrange(10 * size) for _ in range(size)]
    return ([[start, start + r.randint(1, 100)] for start in starts],)


def back_to_back(size: int) -> tuple[list[list[int]]]:
    # Shuffled meetings that never overlap, so can_attend_all checks every pair.
    r = rng(size)
    meetings = [[10 * i, 10 * i + 10] for i in range(size)]
    r.shuffle(meetings)
    return (meetings,)


def long_meetings(size: int) -> tuple[list[list[int]]]:
    r = rng(size)
    starts = [r.randrange(size) for _ in range(size)]
    return ([[start, start + r.randint(1, size // 10)] for start in starts],)


def sorted_disjoint_and_new(size: int) -> tuple[list[list[int]], list[int]]:
    # The new interval lands in the middle and absorbs about a tenth of the list.
    intervals = [[10 * i, 10 * i + 5] for i in range(size)]
    middle = 10 * (size // 2)
    return intervals, [middle, middle + size]


def all_ones(size: int) -> tuple[list[int]]:
    return ([1] * size,)  # every index is visited; the DP's worst case


def text_of(size: int) -> tuple[str]:
    r = rng(size)
    return ("".join(r.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(size)),)


def two_disjoint_lists(size: int) -> tuple[list[list[int]], list[list[int]]]:
    first = [[10 * i, 10 * i + 4] for i in range(size)]
    second = [[10 * i + 3, 10 * i + 8] for i in range(size)]
    return first, second


def stations(size: int) -> tuple[list[int], list[int]]:
    r = rng(size)
    return [r.randint(0, 10) for _ in range(size)], [r.randint(0, 10) for _ in range(size)]


def cpu_time_per_call(
    function: Callable[..., object], make_args: Callable[[int], tuple], repeats: int = 5
) -> Comparison:
    """Like per_operation(calls(...)), but best-of CPU time, not wall-clock time."""
    measurements = []
    for size in SIZES:
        best = float("inf")
        for _ in range(1 if quick_mode() else repeats):
            args = make_args(size)
            start = time.thread_time()
            function(*args)
            best = min(best, time.thread_time() - start)
        measurements.append(Measurement(size, best))
    return Comparison(*measurements)


class CountedKey:
    """A sort key that counts how often the sort compares it."""

    __slots__ = ("value",)
    comparisons = 0

    def __init__(self, value: int) -> None:
        self.value = value

    def __lt__(self, other: CountedKey) -> bool:
        CountedKey.comparisons += 1
        return self.value < other.value


def report_sort_comparisons(label: str, position: int) -> None:
    """Comparisons made sorting random_intervals(n) by start (0) or end (1).

    The solutions sort these same keys with the same sorted(), so they make
    exactly these comparisons; the count depends on the input only, not on load.
    """
    counts = []
    for size in SIZES:
        (intervals,) = random_intervals(size)
        CountedKey.comparisons = 0
        sorted(intervals, key=lambda interval: CountedKey(interval[position]))
        counts.append(CountedKey.comparisons)
    small, large = SIZES
    grow = GROWTH["O(n log n)"]
    print(
        f"{label:<36} n={small:>9,}: {counts[0]:>8,} cmp     "
        f"n={large:>9,}: {counts[1]:>8,} cmp     ratio {counts[1] / counts[0]:6.2f}"
        f"   O(n log n) predicts {grow(large) / grow(small):,.1f}",
        flush=True,
    )


if __name__ == "__main__":
    report(
        "merge_intervals",
        per_operation(calls(merge_intervals, random_intervals), SIZES),
        claim="O(n log n)",
    )
    report(
        "insert_interval",
        per_operation(calls(insert_interval, sorted_disjoint_and_new), SIZES),
        claim="O(n)",
    )
    report(
        "can_attend_all",
        per_operation(calls(can_attend_all, back_to_back), SIZES),
        claim="O(n log n)",
    )
    report(
        "min_rooms (heap)",
        per_operation(calls(min_rooms, random_intervals), SIZES),
        claim="O(n log n)",
    )
    report(
        "min_rooms_sweep",
        per_operation(calls(min_rooms_sweep, random_intervals), SIZES),
        claim="O(n log n)",
    )
    report(
        "min_removals",
        per_operation(calls(min_removals, random_intervals), SIZES),
        claim="O(n log n)",
    )
    report(
        "min_arrows",
        per_operation(calls(min_arrows, random_intervals), SIZES),
        claim="O(n log n)",
    )
    report("can_jump", per_operation(calls(can_jump, all_ones), SIZES), claim="O(n)")
    report(
        "partition_labels (practice)",
        per_operation(calls(partition_labels, text_of), SIZES),
        claim="O(n)",
    )
    report(
        "interval_intersections (practice)",
        per_operation(calls(interval_intersections, two_disjoint_lists), SIZES),
        claim="O(n)",
    )
    report(
        "can_complete_circuit (practice)",
        per_operation(calls(can_complete_circuit, stations), SIZES),
        claim="O(n)",
    )
    report(
        "can_jump_dp",
        per_operation(calls(can_jump_dp, all_ones), QUADRATIC_SIZES),
        claim="O(n^2)",
    )
    report(
        "can_jump (greedy), same n",
        per_operation(calls(can_jump, all_ones), QUADRATIC_SIZES),
        claim="O(n)",
    )
    report(
        "min_rooms_brute_force (timeline)",
        per_operation(calls(min_rooms_brute_force, long_meetings), QUADRATIC_SIZES),
        claim="O(n^2)",
    )
    report(
        "min_rooms (heap), same input",
        per_operation(calls(min_rooms, long_meetings), QUADRATIC_SIZES),
        claim="O(n log n)",
    )
    report(
        "min_removals_brute_force (subsets)",
        per_operation(
            calls(min_removals_brute_force, random_intervals), EXPONENTIAL_SIZES
        ),
    )
    report(
        "merge_intervals, CPU time",
        cpu_time_per_call(merge_intervals, random_intervals),
        claim="O(n log n)",
    )
    report(
        "min_removals, CPU time",
        cpu_time_per_call(min_removals, random_intervals),
        claim="O(n log n)",
    )
    report("can_jump, CPU time", cpu_time_per_call(can_jump, all_ones), claim="O(n)")
    report_sort_comparisons("sort by start, comparisons", position=0)
    report_sort_comparisons("sort by end, comparisons", position=1)
