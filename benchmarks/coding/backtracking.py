"""Backtracking: time per call at two sizes, and node counts, for docs/coding/backtracking.md.

Backtracking is exponential, and benchmarks/timing.py's claims stop at O(n^2),
so no row passes a claim to `report`. Instead each timed row prints the ratio of
a count this file measures at the same two sizes: the output size (values
written into all the answers: n * 2^(n-1) for subsets, n * n! for
permutations), or, where the answer is a number or a yes/no, the nodes the
search visits. Time is at least proportional to the output. The count
rows at the end are counts, not times, so they are the same on every machine.

Control rows: "gc paused" times the same call with the cyclic garbage
collector off; "CPU time" measures with time.process_time, which leaves out
time the process spent waiting for a core. On a busy machine the wall-clock
ratio can overshoot while the CPU-time ratio stays near the count's growth.
"""

from __future__ import annotations

import gc
import math
import random
from collections.abc import Callable
from typing import Any

from benchmarks.timing import (
    CPU_CLOCK,
    Comparison,
    calls,
    format_row,
    per_operation,
    quick_mode,
)
from examples.coding.backtracking.balanced_parentheses import balanced_parentheses
from examples.coding.backtracking.combination_sum import combination_sum
from examples.coding.backtracking.n_queens import count_n_queens, count_n_queens_bitmask, count_nodes
from examples.coding.backtracking.permutations import permutations
from examples.coding.backtracking.permutations_with_duplicates import (
    permutations_with_duplicates,
    permutations_with_duplicates_brute_force,
)
from examples.coding.backtracking.subsets import subsets
from examples.coding.backtracking.subsets_with_duplicates import (
    subsets_with_duplicates,
    subsets_with_duplicates_brute_force,
)
from examples.coding.backtracking.word_search import word_search

QUICK = quick_mode()
SUBSET_SIZES = (6, 8) if QUICK else (12, 16)
PERMUTATION_SIZES = (4, 5) if QUICK else (6, 8)
DUPLICATE_SIZES = (4, 6) if QUICK else (6, 10)
QUEEN_SIZES = (4, 5) if QUICK else (8, 10)
PAREN_SIZES = (3, 4) if QUICK else (8, 10)
WORD_SIZES = (3, 4) if QUICK else (8, 10)
TARGET_SIZES = (10, 15) if QUICK else (30, 45)


def rng(size: int) -> random.Random:
    return random.Random(size)  # noqa: S311 - seeded, repeatable inputs


def distinct(size: int) -> tuple[list[int]]:
    return (rng(size).sample(range(-1_000, 1_000), size),)


def all_equal(size: int) -> tuple[list[int]]:
    return ([7] * size,)


def two_values_half_each(size: int) -> tuple[list[int]]:
    values = [1] * (size // 2) + [2] * (size - size // 2)
    rng(size).shuffle(values)
    return (values,)


def size_only(size: int) -> tuple[int]:
    return (size,)


def small_candidates(target: int) -> tuple[list[int], int]:
    return ([3, 5, 7, 11, 13], target)


def grid_of_a_with_a_miss(length: int) -> tuple[list[list[str]], str]:
    # A 4 x 4 grid of "A" with a "B" and a "C" in opposite corners, and the word
    # "A" * length + "BC". Every letter is on the board often enough, so the
    # letter-count check does not end it early; B and C never touch, so the
    # search follows every path of `length` As and finds nothing.
    board = [["A"] * 4 for _ in range(4)]
    board[0][0], board[3][3] = "B", "C"
    return board, "A" * length + "BC"


def output_size(result: Any) -> int:
    """Values written into all the answers (a list of lists or of strings)."""
    return sum(len(answer) for answer in result)


def gc_off(function: Callable[..., Any]) -> Callable[..., Any]:
    """The same call with Python's cyclic garbage collector paused (a control row)."""

    def run(*args: Any) -> Any:
        gc.disable()
        try:
            return function(*args)
        finally:
            gc.enable()

    return run


def cpu_per_operation(
    workload: Callable[[int], tuple[Callable[[], None], int]], sizes: tuple[int, int], repeats: int = 5
) -> Comparison:
    """per_operation with the process's CPU time instead of the wall clock.

    Time the process spends waiting for a core (descheduled on a busy machine)
    counts on the wall clock but not here: a control for the timed rows.
    """
    return per_operation(workload, sizes, repeats=repeats, clock=CPU_CLOCK)


def show(
    label: str,
    function: Callable[..., Any],
    make_args: Callable[[int], tuple[Any, ...]],
    sizes: tuple[int, int],
    count_name: str = "output",
    count: Callable[[int], int] | None = None,
    workload: Callable[[int], tuple[Callable[[], None], int]] | None = None,
    cpu: bool = False,
) -> Comparison:
    """Time at two sizes, then the ratio of `count` (default: the output size) beside it."""
    timer = cpu_per_operation if cpu else per_operation
    comparison = timer(workload or calls(function, make_args), sizes)
    measure = count or (lambda size: output_size(function(*make_args(size))))
    small, large = (measure(size) for size in sizes)
    print(f"{format_row(label, comparison)}   {count_name} grows {large / small:,.1f}", flush=True)
    return comparison


def show_counts(label: str, sizes: tuple[int, int], count: Callable[[int], int], formula: str,
                growth: Callable[[int], float]) -> None:
    small, large = (count(size) for size in sizes)
    predicted = growth(sizes[1]) / growth(sizes[0])
    print(
        f"{label:<36} n={sizes[0]:>9,}: {small:>10,}    n={sizes[1]:>9,}: {large:>12,}   "
        f"ratio {large / small:8.2f}   {formula} predicts {predicted:,.1f}",
        flush=True,
    )


def word_search_nodes(length: int) -> int:
    """Calls of the search on the word-search workload: one per path of As tried."""
    board, _ = grid_of_a_with_a_miss(length)
    nodes = 0

    def walk(r: int, c: int, depth: int, seen: set[tuple[int, int]]) -> None:
        nonlocal nodes
        nodes += 1
        if depth == length:
            return
        for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
            if 0 <= nr < 4 and 0 <= nc < 4 and board[nr][nc] == "A" and (nr, nc) not in seen:
                walk(nr, nc, depth + 1, seen | {(nr, nc)})

    for r in range(4):
        for c in range(4):
            if board[r][c] == "A":
                walk(r, c, 1, {(r, c)})
    return nodes


if __name__ == "__main__":
    show("subsets (distinct)", subsets, distinct, SUBSET_SIZES)
    show("  same, gc paused (control)", gc_off(subsets), distinct, SUBSET_SIZES)
    show("subsets with dups, all equal", subsets_with_duplicates, all_equal, SUBSET_SIZES)
    show("  same, brute force (2^n masks)", subsets_with_duplicates_brute_force, all_equal, SUBSET_SIZES,
         "masks", lambda n: 2**n)
    show("permutations (distinct)", permutations, distinct, PERMUTATION_SIZES)
    show("  same, gc paused (control)", gc_off(permutations), distinct, PERMUTATION_SIZES)
    show("  same, CPU time (control)", permutations, distinct, PERMUTATION_SIZES, cpu=True)
    show("perms with dups, half 1s half 2s", permutations_with_duplicates, two_values_half_each,
         DUPLICATE_SIZES)
    show("  same, brute force (n! + a set)", permutations_with_duplicates_brute_force,
         two_values_half_each, DUPLICATE_SIZES, "n! orderings", math.factorial)
    show("count n-queens", count_n_queens, size_only, QUEEN_SIZES, "nodes",
         lambda n: count_nodes(n, prune=True)[0])
    queens_nodes = lambda n: count_nodes(n, prune=True)[0]  # noqa: E731
    sets = show("  same, CPU time (control)", count_n_queens, size_only, QUEEN_SIZES, "nodes",
                queens_nodes, cpu=True)
    masks = show("  same, bitmasks, CPU time", count_n_queens_bitmask, size_only, QUEEN_SIZES,
                 "nodes", queens_nodes, cpu=True)
    print(f"  bitmasks vs sets at n={QUEEN_SIZES[1]}, CPU time: "
          f"{sets.large.seconds_per_op / masks.large.seconds_per_op:.1f}x faster", flush=True)
    show("balanced parentheses", balanced_parentheses, size_only, PAREN_SIZES)
    show("combination sum (n = target)", combination_sum, small_candidates, TARGET_SIZES)
    show("word search miss (n = As in word)", word_search, grid_of_a_with_a_miss, WORD_SIZES,
         "nodes", word_search_nodes)
    print("-- nodes visited by the search (a count, not a time)", flush=True)
    show_counts("n-queens nodes, pruned", QUEEN_SIZES, lambda n: count_nodes(n, prune=True)[0],
                "n!", math.factorial)
    unpruned = (4, 5) if QUICK else (5, 6)
    show_counts("n-queens nodes, unpruned", unpruned, lambda n: count_nodes(n, prune=False)[0],
                "n^n", lambda n: float(n) ** n)
    show_counts("word search nodes (n = As in word)", WORD_SIZES, word_search_nodes, "3^n",
                lambda n: 3.0**n)
