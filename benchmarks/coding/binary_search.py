"""Binary search: time per call at two sizes for each solution on docs/coding/binary-search.md.

The searches on a sorted list share one seeded list per size (built outside the
timed part) and time many calls with random targets, because one O(log n) call
is a microsecond or two. From n = 1,000 to 100,000, O(log n) predicts a ratio of
about 1.7 and O(n) predicts 100. Integer square root is sized by the value n
itself (10**6 and 10**12). Shipping is O(n log(sum)), close to O(n log n) here
since the sum grows with n; its brute force is O(n^2) with the days fixed and runs
at smaller sizes. The k-th smallest runs on square matrices of side n.

Two rows are controls for growth beyond the claims, which comes from where the
data sits in memory, not from more work: the brute-force scan again on a copy of
the list whose int objects were created in list order (the original's were
created in random order, then sorted), and kth_smallest on a matrix of the same
shape whose rows are all one list (kth_smallest_work.py counts the cells each
reads: both grow about 14.5x from side 100 to 1,000).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from functools import cache

from benchmarks.timing import calls, per_operation, quick_mode, report
from examples.coding.binary_search.find_peak import find_peak
from examples.coding.binary_search.first_last_position import (
    search_range,
    search_range_brute_force,
)
from examples.coding.binary_search.integer_sqrt import (
    integer_sqrt,
    integer_sqrt_brute_force,
)
from examples.coding.binary_search.kth_smallest_matrix import kth_smallest
from examples.coding.binary_search.kth_smallest_work import one_shared_row, sorted_matrix
from examples.coding.binary_search.real_and_unbounded import lower_bound_unknown_size
from examples.coding.binary_search.rotated_minimum import find_min_rotated
from examples.coding.binary_search.rotated_search import search_rotated
from examples.coding.binary_search.search_insert import search_insert
from examples.coding.binary_search.ship_capacity import (
    ship_within_days,
    ship_within_days_brute_force,
)

SEARCHES = 200 if quick_mode() else 2_000
SQRT_SIZES = (10**3, 10**6) if quick_mode() else (10**6, 10**12)
SHIP_BRUTE_SIZES = (20, 100) if quick_mode() else (100, 1_000)
MATRIX_SIDES = (10, 100) if quick_mode() else (100, 1_000)


@cache
def sorted_list(size: int) -> list[int]:
    r = random.Random(size)  # noqa: S311 - seeded, repeatable inputs
    return sorted(r.randrange(size) for _ in range(size))


@cache
def sorted_list_made_in_order(size: int) -> list[int]:
    """The same values, each a new int object created in list order."""
    return [int(str(value)) for value in sorted_list(size)]


@cache
def rotated_list(size: int) -> list[int]:
    values = list(range(0, 2 * size, 2))
    shift = random.Random(size).randrange(size)  # noqa: S311 - seeded
    return values[shift:] + values[:shift]


def with_target(make_list: Callable[[int], list[int]]) -> Callable[[int], tuple]:
    def make_args(size: int) -> tuple[list[int], int]:
        nums = make_list(size)
        return nums, random.randrange(-1, 2 * size)  # noqa: S311 - seeded in __main__

    return make_args


def just_list(make_list: Callable[[int], list[int]]) -> Callable[[int], tuple]:
    return lambda size: (make_list(size),)


def reader(size: int) -> tuple[Callable[[int], int | None], int]:
    nums = sorted_list(size)
    return (lambda i: nums[i] if i < len(nums) else None), random.randrange(size)  # noqa: S311


def sqrt_argument(size: int) -> tuple[int]:
    return (random.randrange(size // 2, size),)  # noqa: S311


def shipment(size: int) -> tuple[list[int], int]:
    r = random.Random(size)  # noqa: S311
    return [r.randint(1, 100) for _ in range(size)], 10


@cache
def square_matrix(side: int) -> list[list[int]]:
    return sorted_matrix(side, seed=side)


def matrix_and_k(side: int) -> tuple[list[list[int]], int]:
    return square_matrix(side), random.randrange(1, side * side + 1)  # noqa: S311


def shared_row_matrix_and_k(side: int) -> tuple[list[list[int]], int]:
    matrix = one_shared_row(square_matrix(side))
    return matrix, random.randrange(1, side * side + 1)  # noqa: S311


if __name__ == "__main__":
    random.seed(2024)
    report(
        "search_range",
        per_operation(calls(search_range, with_target(sorted_list), SEARCHES)),
        claim="O(log n)",
    )
    report(
        "search_range brute force",
        per_operation(calls(search_range_brute_force, with_target(sorted_list), 20)),
        claim="O(n)",
    )
    report(
        "search_range brute, ints in order",
        per_operation(calls(search_range_brute_force, with_target(sorted_list_made_in_order), 20)),
        claim="O(n)",
    )
    report(
        "search_rotated",
        per_operation(calls(search_rotated, with_target(rotated_list), SEARCHES)),
        claim="O(log n)",
    )
    report(
        "find_min_rotated",
        per_operation(calls(find_min_rotated, just_list(rotated_list), SEARCHES)),
        claim="O(log n)",
    )
    report(
        "search_insert",
        per_operation(calls(search_insert, with_target(sorted_list), SEARCHES)),
        claim="O(log n)",
    )
    report(
        "find_peak",
        per_operation(calls(find_peak, just_list(rotated_list), SEARCHES)),
        claim="O(log n)",
    )
    report(
        "lower_bound_unknown_size",
        per_operation(calls(lower_bound_unknown_size, reader, SEARCHES)),
        claim="O(log n)",
    )
    report(
        "integer_sqrt (n = value)",
        per_operation(calls(integer_sqrt, sqrt_argument, SEARCHES), SQRT_SIZES),
        claim="O(log n)",
    )
    # O(sqrt n) is not one of timing.GROWTH's claims; it predicts 1,000 here.
    report(
        "integer_sqrt brute force (n = value)",
        per_operation(calls(integer_sqrt_brute_force, sqrt_argument), SQRT_SIZES),
    )
    report(
        "ship_within_days",
        per_operation(calls(ship_within_days, shipment)),
        claim="O(n log n)",
    )
    report(
        "ship_within_days brute force",
        per_operation(calls(ship_within_days_brute_force, shipment), SHIP_BRUTE_SIZES),
        claim="O(n^2)",
    )
    report(
        "kth_smallest (n = side)",
        per_operation(calls(kth_smallest, matrix_and_k, 20), MATRIX_SIDES),
        claim="O(n log n)",
    )
    report(
        "kth_smallest, rows share one list",
        per_operation(calls(kth_smallest, shared_row_matrix_and_k, 20), MATRIX_SIDES),
        claim="O(n log n)",
    )
