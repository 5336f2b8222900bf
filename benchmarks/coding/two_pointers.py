"""Two pointers: time per call at two input sizes for each solution on docs/coding/two-pointers.md.

Each workload calls the solution once on a fresh, seeded random input of size n
(built outside the timed part, so in-place solutions never see their own
output). The linear solutions run at n = 1,000 and 100,000, where O(n) predicts
a ratio of 100. Three sum is O(n^2) and the brute-force container is O(n^2), so
they run at n = 200 and 2,000, where O(n^2) predicts 100 too. Remove duplicates
runs twice, on the same values with their int objects scattered in memory (as
sorting leaves them) and laid out in list order, to show that its ratio above
100 comes from memory, not from the loop.
"""

from __future__ import annotations

import random

from benchmarks.timing import calls, per_operation, quick_mode, report
from examples.coding.two_pointers.container_water import max_area, max_area_brute_force
from examples.coding.two_pointers.pair_sum_sorted import pair_with_sum
from examples.coding.two_pointers.remove_duplicates import remove_duplicates
from examples.coding.two_pointers.three_sum import three_sum
from examples.coding.two_pointers.trapping_rain_water import trapped_water
from examples.coding.two_pointers.valid_palindrome import is_palindrome

QUADRATIC_SIZES = (50, 200) if quick_mode() else (200, 2_000)


def rng(size: int) -> random.Random:
    return random.Random(size)  # noqa: S311 - seeded, repeatable inputs


def sorted_evens_odd_target(size: int) -> tuple[list[int], int]:
    # Every sum of two evens is even, so an odd target is never found: the full scan.
    r = rng(size)
    return sorted(2 * r.randrange(size) for _ in range(size)), 2 * size + 1


def heights(size: int) -> tuple[list[int]]:
    r = rng(size)
    return ([r.randrange(10_000) for _ in range(size)],)


def sorted_with_repeats(size: int) -> tuple[list[int]]:
    r = rng(size)
    return (sorted(r.randrange(size // 4 + 1) for _ in range(size)),)


def sorted_with_repeats_in_memory_order(size: int) -> tuple[list[int]]:
    # The same values, each rebuilt as a new int in list order. Sorting leaves the
    # int objects where they were created, in random order, so reading the sorted
    # list jumps around memory; here it walks memory front to back.
    (values,) = sorted_with_repeats(size)
    return ([int(str(value)) for value in values],)


def mixed_numbers(size: int) -> tuple[list[int]]:
    r = rng(size)
    return ([r.randint(-size, size) for _ in range(size)],)


def palindrome_text(size: int) -> tuple[str]:
    r = rng(size)
    half = "".join(r.choice("abc, ") for _ in range(size // 2))
    return (half + half[::-1],)  # a palindrome: the scan goes all the way in


if __name__ == "__main__":
    report(
        "pair with sum (sorted)",
        per_operation(calls(pair_with_sum, sorted_evens_odd_target)),
        claim="O(n)",
    )
    report(
        "max area (two pointers)", per_operation(calls(max_area, heights)), claim="O(n)"
    )
    report(
        "remove duplicates (in place)",
        per_operation(calls(remove_duplicates, sorted_with_repeats)),
        claim="O(n)",
    )
    report(
        "remove duplicates (ints in order)",
        per_operation(calls(remove_duplicates, sorted_with_repeats_in_memory_order)),
        claim="O(n)",
    )
    report(
        "valid palindrome",
        per_operation(calls(is_palindrome, palindrome_text)),
        claim="O(n)",
    )
    report(
        "trapped water (practice)",
        per_operation(calls(trapped_water, heights)),
        claim="O(n)",
    )
    report(
        "three sum",
        per_operation(calls(three_sum, mixed_numbers), QUADRATIC_SIZES),
        claim="O(n^2)",
    )
    report(
        "max area (brute force)",
        per_operation(calls(max_area_brute_force, heights), QUADRATIC_SIZES),
        claim="O(n^2)",
    )
    report(
        "max area (two pointers), same n",
        per_operation(calls(max_area, heights), QUADRATIC_SIZES),
        claim="O(n)",
    )
