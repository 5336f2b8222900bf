"""2-D dynamic programming: time per call at two sizes for the solutions on docs/coding/dp-grids-strings.md.

n is the side of a square grid, or the length of each string, so every
table has (n + 1)^2 cells or so: O(n^2) predicts a ratio of 100 from
n = 50 to n = 500. A timing runs whole calls on fresh, seeded random
inputs built outside the timed part: one call at n = 500, ten at n = 50
(see whole_calls), so no timing is shorter than a few milliseconds. It is
CPU time (CPU_CLOCK), which leaves out waiting for a core on a busy machine.
Grids are random costs, or 10% obstacles kept off the corners; strings are
random over four letters. Plain-recursion LCS runs at lengths 6 and 8, with
no claim (timing.py has no exponential growth); its calls on the same
inputs are counted too, a number no other job on the machine can move.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from benchmarks.timing import CPU_CLOCK, Workload, calls, per_operation, quick_mode, report
from examples.coding.dp_grids_strings.edit_distance import edit_distance, edit_operations
from examples.coding.dp_grids_strings.lcs import (
    lcs_length,
    lcs_length_brute_force,
    longest_common_subsequence,
)
from examples.coding.dp_grids_strings.min_path_sum import min_path_sum
from examples.coding.dp_grids_strings.palindrome_subsequence import (
    longest_palindrome_subsequence,
    longest_palindrome_subsequence_via_lcs,
)
from examples.coding.dp_grids_strings.unique_paths import unique_paths_with_obstacles

SIZES = (10, 50) if quick_mode() else (50, 500)
BRUTE_SIZES = (4, 6) if quick_mode() else (6, 8)


def rng(size: int) -> random.Random:
    return random.Random(size)  # noqa: S311 - seeded, repeatable inputs


def obstacle_grid(size: int) -> tuple[list[list[int]]]:
    r = rng(size)
    grid = [[1 if r.random() < 0.1 else 0 for _ in range(size)] for _ in range(size)]
    grid[0][0] = grid[-1][-1] = 0
    return (grid,)


def cost_grid(size: int) -> tuple[list[list[int]]]:
    r = rng(size)
    return ([[r.randint(-9, 9) for _ in range(size)] for _ in range(size)],)


def two_strings(size: int) -> tuple[str, str]:
    r = rng(size)
    return (
        "".join(r.choice("acgt") for _ in range(size)),
        "".join(r.choice("acgt") for _ in range(size)),
    )


def one_string(size: int) -> tuple[str]:
    return (two_strings(size)[0],)


def whole_calls(function: Callable[..., object], make_args: Callable[[int], tuple[object, ...]]) -> Workload:
    """calls(), with ten calls per timing at the small size instead of one.

    One call at n = 50 takes a few tenths of a millisecond, short enough that
    one interruption can double it; ten keep each timing in milliseconds.
    The time reported is still per call.
    """

    def workload(size: int) -> tuple[Callable[[], None], int]:
        repeat = max(1, (SIZES[1] // size) ** 2 // 10)  # 10 at n = 50, 1 at n = 500
        return calls(function, make_args, repeat)(size)

    return workload


def plain_recursion_calls(a: str, b: str) -> int:
    """Calls the plain-recursion LCS makes on (a, b): the same recursion, counted."""
    count = 0

    def best(i: int, j: int) -> int:
        nonlocal count
        count += 1
        if i == len(a) or j == len(b):
            return 0
        length = max(best(i + 1, j), best(i, j + 1))
        if a[i] == b[j]:
            length = max(length, 1 + best(i + 1, j + 1))
        return length

    best(0, 0)
    return count


if __name__ == "__main__":
    rows = [
        ("unique paths, one row", unique_paths_with_obstacles, obstacle_grid),
        ("min path sum, one row", min_path_sum, cost_grid),
        ("LCS length, one row", lcs_length, two_strings),
        ("LCS reconstructed, full table", longest_common_subsequence, two_strings),
        ("edit distance, one row", edit_distance, two_strings),
        ("edit operations, full table", edit_operations, two_strings),
        ("palindrome subsequence, intervals", longest_palindrome_subsequence, one_string),
        ("palindrome subsequence, via LCS", longest_palindrome_subsequence_via_lcs, one_string),
    ]
    for label, function, make_args in rows:
        timing = per_operation(whole_calls(function, make_args), SIZES, clock=CPU_CLOCK)
        report(label, timing, claim="O(n^2)")
    report(
        "LCS length, plain recursion",
        per_operation(calls(lcs_length_brute_force, two_strings), BRUTE_SIZES, clock=CPU_CLOCK),
    )
    small, large = (plain_recursion_calls(*two_strings(size)) for size in BRUTE_SIZES)
    print(
        f"LCS plain recursion, calls counted: n={BRUTE_SIZES[0]}: {small:,}   "
        f"n={BRUTE_SIZES[1]}: {large:,}   ratio {large / small:.1f}",
        flush=True,
    )
