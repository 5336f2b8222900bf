"""Dynamic programming: time per call at two sizes for the solutions on docs/coding/dynamic-programming.md.

Each workload calls the solution once on a fresh, seeded random input, timed by
CPU time (timing.CPU_CLOCK, time.process_time): on a machine shared with other
jobs, wall time also counts the moments this process waits for a core. The
linear ones (house robber; coin change and knapsack with the coins or items
fixed and the amount or capacity growing; word break with a fixed dictionary)
run at 1,000 and 100,000, where O(n) predicts 100. The O(n^2) LIS runs at 200
and 2,000 (predicts 100), beside the O(n log n) one at the same sizes (predicts
14.3) and at 1,000 and 100,000 (predicts 166.7). Plain recursion for house
robber runs at 16 and 21 houses: its calls grow by phi^5, about 11.1, which
timing.py has no claim for, so that row prints no prediction. A control row
runs the coin-combinations loop with every count taken mod 2^29, so each count
and each sum stays below 2^30, one CPython int digit: if the exact loop's ratio
above 100 comes from counts that outgrow one digit, this row's ratio is near 100.
"""

from __future__ import annotations

import random

from benchmarks.timing import CPU_CLOCK, Comparison, Workload, calls, per_operation, quick_mode, report
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
ONE_DIGIT = 2**29  # counts below 2^29, so a sum of two stays below 2^30


def cpu(workload: Workload, sizes: tuple[int, int] | None = None) -> Comparison:
    return per_operation(workload, sizes, clock=CPU_CLOCK)


def count_ways_one_digit(coins: list[int], amount: int) -> int:
    """count_ways with every count mod 2^29: the same loop on one-digit ints."""
    ways = [0] * (amount + 1)
    ways[0] = 1
    for coin in coins:
        for total in range(coin, amount + 1):
            ways[total] = (ways[total] + ways[total - coin]) % ONE_DIGIT
    return ways[amount]


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
    # Words glued together, cut to size - 2 characters, then "cc": every word
    # that ends in "c" has "b" before it, so no word ends the text and the
    # answer is False, after the table has been filled for every prefix.
    r = rng(size)
    pieces: list[str] = []
    length = 0
    while length < size:
        word = r.choice(WORDS)
        pieces.append(word)
        length += len(word)
    return "".join(pieces)[: size - 2] + "cc", WORDS


if __name__ == "__main__":
    report("house robber, two variables", cpu(calls(house_robber, street)), claim="O(n)")
    report("house robber, plain recursion", cpu(calls(house_robber_brute_force, street), EXPONENTIAL_SIZES))
    report("fewest coins, 5 coins", cpu(calls(min_coins, coins_and_amount)), claim="O(n)")
    report("coin combinations, 5 coins", cpu(calls(count_ways, coins_and_amount)), claim="O(n)")
    report("coin combinations, mod 2^29", cpu(calls(count_ways_one_digit, coins_and_amount)), claim="O(n)")
    report("0/1 knapsack, 20 items", cpu(calls(knapsack, items_and_capacity)), claim="O(n)")
    report("LIS, O(n^2) table", cpu(calls(lis_length_quadratic, shuffled), QUADRATIC_SIZES), claim="O(n^2)")
    report("LIS, bisect, same n", cpu(calls(lis_length, shuffled), QUADRATIC_SIZES), claim="O(n log n)")
    report("LIS, bisect", cpu(calls(lis_length, shuffled)), claim="O(n log n)")
    report("word break, 6 words", cpu(calls(word_break, text_of_words)), claim="O(n)")
