"""Time per call of the arrays-and-hashing solutions at two sizes, against their claims.

Every input is built from a seeded random generator outside the timed part.
An O(n) solution's ratio should be near the size factor (100 for the default
sizes); an O(n^2) brute force runs at sizes 10x apart, so its ratio should be
near 100 too, where an O(n) one would be near 10.
"""

from __future__ import annotations

import random
import string
from collections.abc import Callable

from benchmarks.timing import calls, per_operation, quick_mode, report
from examples.coding.arrays_hashing.group_anagrams import (
    group_anagrams,
    group_anagrams_sorted_key,
)
from examples.coding.arrays_hashing.longest_consecutive import (
    longest_consecutive,
    longest_consecutive_brute_force,
)
from examples.coding.arrays_hashing.product_except_self import product_except_self
from examples.coding.arrays_hashing.string_building import (
    LineBuilder,
    csv_line,
    csv_line_with_plus,
)
from examples.coding.arrays_hashing.subarray_sum import (
    subarray_sum,
    subarray_sum_brute_force,
)
from examples.coding.arrays_hashing.top_k_frequent import top_k_frequent
from examples.coding.arrays_hashing.two_sum import two_sum, two_sum_brute_force

LINEAR_SIZES = (100, 1_000) if quick_mode() else (1_000, 100_000)
QUADRATIC_SIZES = (50, 200) if quick_mode() else (200, 2_000)
# Smaller: the O(n^2) += takes seconds at 100,000 pieces.
STRING_SIZES = (200, 2_000) if quick_mode() else (2_000, 20_000)


def seeded(size: int) -> random.Random:
    return random.Random(size)  # noqa: S311 - a repeatable workload, not a secret


def numbers(size: int) -> list[int]:
    rng = seeded(size)
    return [rng.randrange(-1_000, 1_000) for _ in range(size)]


def no_pair(size: int) -> tuple[list[int], int]:
    """Two sum's worst case: no pair adds up, so every index is visited."""
    return numbers(size), 10_000


def with_k(size: int) -> tuple[list[int], int]:
    return numbers(size), 7


def one_shuffled_run(size: int) -> tuple[list[int]]:
    values = list(range(size))
    seeded(size).shuffle(values)
    return (values,)


def signs(size: int) -> tuple[list[int]]:
    """Entries of -1 and 1, so the products stay small ints (see the page on overflow)."""
    rng = seeded(size)
    return ([rng.choice((-1, 1)) for _ in range(size)],)


def words(size: int) -> tuple[list[str]]:
    rng = seeded(size)
    return (["".join(rng.choices("abcdefgh", k=8)) for _ in range(size)],)


def fields(size: int) -> tuple[list[str]]:
    rng = seeded(size)
    return ([rng.choice(string.ascii_lowercase) * 8 for _ in range(size)],)


def build_with_builder(pieces: list[str]) -> str:
    builder = LineBuilder()
    for piece in pieces:
        builder.add(piece)
    return builder.text


def membership(container: Callable[[list[int]], object]) -> Callable[[int], tuple]:
    """100 lookups of absent values in a list or a set of `size` values."""

    def make_args(size: int) -> tuple:
        haystack = container(list(range(size)))
        return haystack, range(-100, 0)

    return make_args


def look_up_all(haystack: object, needles: range) -> None:
    for needle in needles:
        _ = needle in haystack  # type: ignore[operator]


if __name__ == "__main__":
    linear, quadratic = LINEAR_SIZES, QUADRATIC_SIZES
    report(
        "two sum, one-pass map",
        per_operation(calls(two_sum, no_pair), linear),
        claim="O(n)",
    )
    report(
        "two sum, nested loops",
        per_operation(calls(two_sum_brute_force, no_pair), quadratic),
        claim="O(n^2)",
    )
    report(
        "subarray sum, prefix-sum map",
        per_operation(calls(subarray_sum, with_k), linear),
        claim="O(n)",
    )
    report(
        "subarray sum, every start",
        per_operation(calls(subarray_sum_brute_force, with_k), quadratic),
        claim="O(n^2)",
    )
    report(
        "longest run, walk from starts only",
        per_operation(calls(longest_consecutive, one_shuffled_run), linear),
        claim="O(n)",
    )
    report(
        "longest run, walk from every value",
        per_operation(
            calls(longest_consecutive_brute_force, one_shuffled_run), quadratic
        ),
        claim="O(n^2)",
    )
    report(
        "group anagrams, count key",
        per_operation(calls(group_anagrams, words), linear),
        claim="O(n)",
    )
    report(
        "group anagrams, sorted key",
        per_operation(calls(group_anagrams_sorted_key, words), linear),
        claim="O(n)",
    )
    report(
        "product except self, two passes",
        per_operation(calls(product_except_self, signs), linear),
        claim="O(n)",
    )
    report(
        "top k frequent, buckets",
        per_operation(calls(top_k_frequent, with_k), linear),
        claim="O(n)",
    )
    report(
        "string, one join",
        per_operation(calls(csv_line, fields), STRING_SIZES),
        claim="O(n)",
    )
    report(
        "string, += on a local",
        per_operation(calls(csv_line_with_plus, fields), STRING_SIZES),
        claim="O(n)",
    )
    report(
        "string, += on an attribute",
        per_operation(calls(build_with_builder, fields), STRING_SIZES),
        claim="O(n^2)",
    )
    report(
        "100 x `in` on a set",
        per_operation(calls(look_up_all, membership(set)), linear),
        claim="O(1)",
    )
    report(
        "100 x `in` on a list",
        per_operation(calls(look_up_all, membership(list)), linear),
        claim="O(n)",
    )
