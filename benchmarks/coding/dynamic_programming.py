"""Dynamic programming: time per call at two sizes for the solutions on docs/coding/dynamic-programming.md.

Each workload calls the solution once on a fresh, seeded random input. The
linear ones (house robber; coin change and knapsack with the coins or items
fixed and the amount or capacity growing; word break with a fixed dictionary)
run at 1,000 and 100,000, where O(n) predicts 100. The O(n^2) LIS runs at 200
and 2,000 (predicts 100), beside the O(n log n) one at the same sizes (predicts
14.3) and at 1,000 and 100,000 (predicts 166.7). Plain recursion for house
robber runs at 16 and 21 houses: its calls grow by phi^5, about 11.1, which
timing.py has no claim for, so that row prints no prediction.
"""

from __future__ import annotations

import random

from benchmarks.timing import calls, per_operation, quick_mode, report
from examples.coding.dynamic_programming.coin_change import min_coins
from examples.coding.dynamic_programming.coin_ways import count_ways
from examples.coding.dynamic_programming.house_robber import house_robber, house_robber_brute_force
from examples.coding.dynamic_programming.knapsack import knapsack
from examples.coding.dynamic_programming.lis import lis_length, lis_length_quadratic
from examples.coding.dynamic_programming.word_break import word_break

QUADRATIC_SIZES = (50, 200) if quick_mode() else (200, 2_000)
EXPONENTIAL_SIZES = (8, 12) if quick_mode() else (16, 21)
COINS = [1, 5, 10, 25, 50]
ITEMS = 20  # knapsack: 20 items, the capacity grows
WORDS = ["a", "ab", "abc", "b", "bc", "cab"]


def rng(size: int) -> random.Random:
    return random.Random(size)  # noqa: S311 - seeded, repeatable inputs


def street(size: int) -> tuple[list[int]]:
    r = rng(size)
    return ([r.randrange(1_000) for _ in range(size)],)


def coins_and_amount(size: int) -> tuple[list[int], int]:
    return COINS, size


def items_and_capacity(size: int) -> tuple[list[int], list[int], int]:
    r = rng(size)
    weights = [r.randint(1, 50) for _ in range(ITEMS)]
    values = [r.randint(1, 100) for _ in range(ITEMS)]
    return weights, values, size


def shuffled(size: int) -> tuple[list[int]]:
    r = rng(size)
    return ([r.randrange(size) for _ in range(size)],)


def text_of_words(size: int) -> tuple[str, list[str]]:
    # Words glued together, then one "c" that no split ends with: the answer is
    # False, found only after every prefix is tried.
    r = rng(size)
    pieces: list[str] = []
    length = 0
    while length < size:
        word = r.choice(WORDS)
        pieces.append(word)
        length += len(word)
    return "".join(pieces)[: size - 1] + "cc", WORDS


if __name__ == "__main__":
    report("house robber, two variables", per_operation(calls(house_robber, street)), claim="O(n)")
    report(
        "house robber, plain recursion",
        per_operation(calls(house_robber_brute_force, street), EXPONENTIAL_SIZES),
    )
    report("fewest coins, 5 coins", per_operation(calls(min_coins, coins_and_amount)), claim="O(n)")
    report("coin combinations, 5 coins", per_operation(calls(count_ways, coins_and_amount)), claim="O(n)")
    report("0/1 knapsack, 20 items", per_operation(calls(knapsack, items_and_capacity)), claim="O(n)")
    report(
        "LIS, O(n^2) table",
        per_operation(calls(lis_length_quadratic, shuffled), QUADRATIC_SIZES),
        claim="O(n^2)",
    )
    report(
        "LIS, bisect, same n",
        per_operation(calls(lis_length, shuffled), QUADRATIC_SIZES),
        claim="O(n log n)",
    )
    report("LIS, bisect", per_operation(calls(lis_length, shuffled)), claim="O(n log n)")
    report("word break, 6 words", per_operation(calls(word_break, text_of_words)), claim="O(n)")
