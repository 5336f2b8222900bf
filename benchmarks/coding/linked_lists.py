"""Linked lists: every solution on the page is one pass (or a few), so a call
should take about 100x longer when the list grows 100x. The brute forces
show what copying to a Python list and building new nodes cost. The sorting
brute force is O(n) here too: CPython's sort finds the two ascending runs
that the two inputs make and merges them in linear time (Objects/listsort.txt).

The cyclic garbage collector is paused during each timed call: the inputs
hold hundreds of thousands of nodes, and a collection triggered by a brute
force's allocations would walk all of them and be charged to that call.

    .venv/bin/python benchmarks/coding/linked_lists.py
"""

from __future__ import annotations

import gc
import random
from collections.abc import Callable

from benchmarks.timing import calls, per_operation, report
from examples.coding.linked_lists.cycle_start import (
    build_cycle,
    find_cycle_start,
    find_cycle_start_brute_force,
)
from examples.coding.linked_lists.merge_two_lists import merge_two_lists, merge_two_lists_brute_force
from examples.coding.linked_lists.palindrome import is_palindrome
from examples.coding.linked_lists.remove_nth_from_end import remove_nth_from_end
from examples.coding.linked_lists.reorder_list import reorder_list
from examples.coding.linked_lists.reverse_list import reverse_list, reverse_list_brute_force
from examples.coding.linked_lists.template import remove_value
from examples.coding.nodes import ListNode, build_list

REPEAT = 2  # calls per measurement, each on a freshly built list
BEST_OF = 5


def without_gc(function: Callable[..., object]) -> Callable[..., object]:
    def call(*args: object) -> object:
        gc.disable()
        try:
            return function(*args)
        finally:
            gc.enable()

    return call


def random_values(size: int, seed: int = 1) -> list[int]:
    rng = random.Random(seed * 1_000_003 + size)  # noqa: S311 -- a repeatable workload, not a secret
    return [rng.randrange(-1_000, 1_000) for _ in range(size)]


def one_list(size: int) -> tuple[ListNode | None]:
    return (build_list(random_values(size)),)


def sorted_values(size: int, seed: int) -> list[int]:
    """Ascending values made in order: sorting random ones would scatter the int objects
    in memory, and the merge would then pay for cache misses on every comparison."""
    rng = random.Random(seed * 1_000_003 + size)  # noqa: S311 -- a repeatable workload, not a secret
    value, values = -1_000, []
    for _ in range(size):
        value += rng.randrange(3)
        values.append(value)
    return values


def two_sorted_lists(size: int) -> tuple[ListNode | None, ListNode | None]:
    return build_list(sorted_values(size // 2, 1)), build_list(sorted_values(size // 2, 2))


def cycle_halfway(size: int) -> tuple[ListNode | None]:
    return (build_cycle(random_values(size), size // 2),)


def palindrome_list(size: int) -> tuple[ListNode | None]:
    half = random_values(size // 2)
    return (build_list(half + half[::-1]),)  # a palindrome: the check walks the whole list


WORKLOADS: list[tuple[str, Callable[..., object], Callable[[int], tuple[object, ...]], str]] = [
    ("remove_value (template)", remove_value, lambda size: (*one_list(size), 0), "O(n)"),
    ("reverse_list (iterative)", reverse_list, one_list, "O(n)"),
    ("reverse_list brute force (copy)", reverse_list_brute_force, one_list, "O(n)"),
    ("merge_two_lists (splice)", merge_two_lists, two_sorted_lists, "O(n)"),
    # two ascending runs: Timsort merges them in O(n), not O(n log n)
    ("merge_two_lists brute force (sort)", merge_two_lists_brute_force, two_sorted_lists, "O(n)"),
    ("find_cycle_start (Floyd)", find_cycle_start, cycle_halfway, "O(n)"),
    ("find_cycle_start brute force (set)", find_cycle_start_brute_force, cycle_halfway, "O(n)"),
    ("remove_nth_from_end (gap)", remove_nth_from_end, lambda size: (*one_list(size), size // 2), "O(n)"),
    ("reorder_list", reorder_list, one_list, "O(n)"),
    ("is_palindrome (restores input)", is_palindrome, palindrome_list, "O(n)"),
]


def main() -> None:
    print("time per call, n = nodes in the input", flush=True)
    for label, function, make_args, claim in WORKLOADS:
        workload = calls(without_gc(function), make_args, repeat=REPEAT)
        report(label, per_operation(workload, repeats=BEST_OF), claim=claim)


if __name__ == "__main__":
    main()
