"""Sliding window: every optimal solution is O(n) per call, so its time per call
grows about 100x when the input grows 100x; the brute forces grow about 100x
when the input grows only 10x (quadratic), as the two sizes chosen for them show.

    .venv/bin/python benchmarks/coding/sliding_window.py
"""

from __future__ import annotations

import random
import resource
import string
from collections.abc import Callable
from itertools import accumulate

from benchmarks.timing import (
    DEFAULT_SIZES,
    QUICK_SIZES,
    calls,
    per_operation,
    quick_mode,
    report,
)
from examples.coding.sliding_window.longest_k_distinct import longest_k_distinct
from examples.coding.sliding_window.longest_unique_substring import (
    longest_unique_substring,
    longest_unique_substring_with_set,
)
from examples.coding.sliding_window.max_window_sum import (
    max_window_sum,
    max_window_sum_brute_force,
)
from examples.coding.sliding_window.min_window_substring import min_window
from examples.coding.sliding_window.shortest_subarray_at_least import (
    shortest_subarray_at_least,
    shortest_subarray_at_least_brute_force,
)
from examples.coding.sliding_window.window_maxima import (
    window_maxima,
    window_maxima_brute_force,
)

QUADRATIC_SIZES = (50, 500) if quick_mode() else (500, 5_000)


def rng(size: int) -> random.Random:
    return random.Random(size)  # noqa: S311 -- a repeatable workload, not a secret


def numbers(size: int) -> list[int]:
    generator = rng(size)
    return [generator.randint(-50, 100) for _ in range(size)]


def letters(size: int, alphabet: str = string.ascii_lowercase) -> str:
    generator = rng(size)
    return "".join(generator.choice(alphabet) for _ in range(size))


def prefix_sums(nums: list[int]) -> list[int]:
    """The first line of shortest_subarray_at_least, timed on its own."""
    return [0, *accumulate(nums)]


def fewest_minor_faults(function: Callable[..., object], args: tuple) -> int:
    """Minor page faults (pages of fresh memory touched) in the quietest of 5 calls."""
    counts = []
    for _ in range(5):
        before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        function(*args)
        counts.append(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
    return min(counts)


def report_faults(
    label: str, function: Callable[..., object], make_args: Callable[[int], tuple]
) -> None:
    """One line: page faults per call at the two sizes the timings use."""
    small, large = QUICK_SIZES if quick_mode() else DEFAULT_SIZES
    faults = [fewest_minor_faults(function, make_args(n)) for n in (small, large)]
    print(
        f"{label:<36} n={small:>9,}: {faults[0]:5} faults   "
        f"n={large:>9,}: {faults[1]:5} faults   (minor page faults per call)",
        flush=True,
    )


def tenth(size: int) -> int:
    """k = n / 10, so a cost of n * k is quadratic in n."""
    return max(1, size // 10)


if __name__ == "__main__":
    report(
        "max window sum, k = n/10",
        per_operation(calls(max_window_sum, lambda n: (numbers(n), tenth(n)))),
        "O(n)",
    )
    report(
        "max window sum brute force, k = n/10",
        per_operation(
            calls(max_window_sum_brute_force, lambda n: (numbers(n), tenth(n))),
            QUADRATIC_SIZES,
        ),
        "O(n^2)",
    )
    report(
        "longest unique, last-seen map",
        per_operation(calls(longest_unique_substring, lambda n: (letters(n),))),
        "O(n)",
    )
    report(
        "longest unique, set + shrink",
        per_operation(
            calls(longest_unique_substring_with_set, lambda n: (letters(n),))
        ),
        "O(n)",
    )
    report(
        "min window, pattern of 6",
        per_operation(calls(min_window, lambda n: (letters(n, "ACGT"), "AACCGT"))),
        "O(n)",
    )
    report(
        "at most 3 distinct",
        per_operation(calls(longest_k_distinct, lambda n: (letters(n, "abcdef"), 3))),
        "O(n)",
    )
    report(
        "window maxima, deque, k = n/10",
        per_operation(calls(window_maxima, lambda n: (numbers(n), tenth(n)))),
        "O(n)",
    )
    report(
        "window maxima brute force, k = n/10",
        per_operation(
            calls(window_maxima_brute_force, lambda n: (numbers(n), tenth(n))),
            QUADRATIC_SIZES,
        ),
        "O(n^2)",
    )
    # A target no subarray reaches: the brute force cannot stop early.
    report(
        "shortest sum >= k, prefix deque",
        per_operation(calls(shortest_subarray_at_least, lambda n: (numbers(n), 10**9))),
        "O(n)",
    )
    # The part of it that creates n + 1 new integers (and frees them on return).
    report(
        "prefix sums alone, built and freed",
        per_operation(calls(prefix_sums, lambda n: (numbers(n),))),
        "O(n)",
    )
    report(
        "shortest sum >= k, brute force",
        per_operation(
            calls(
                shortest_subarray_at_least_brute_force, lambda n: (numbers(n), 10**9)
            ),
            QUADRATIC_SIZES,
        ),
        "O(n^2)",
    )
    # Why the prefix-deque ratio sits above 100: count fresh memory per call.
    report_faults(
        "shortest sum >= k, prefix deque",
        shortest_subarray_at_least,
        lambda n: (numbers(n), 10**9),
    )
    report_faults(
        "prefix sums alone, built and freed", prefix_sums, lambda n: (numbers(n),)
    )
    report_faults(
        "window maxima, deque, k = n/10",
        window_maxima,
        lambda n: (numbers(n), tenth(n)),
    )
