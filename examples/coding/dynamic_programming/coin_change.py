"""Coin change: the fewest coins that make an amount, or -1 when none can.

Any coin may be used any number of times. The state in words: fewest(a) is
the fewest coins that make amount a. The transition: the last coin is some
coin c <= a, so fewest(a) = 1 + min over c of fewest(a - c). Base case:
fewest(0) = 0. A table slot no combination reaches holds amount + 1, more
coins than any real answer (at most `amount` coins of 1), never 0.
"""

from __future__ import annotations

import math


def _check(coins: list[int], amount: int) -> None:
    if amount < 0:
        raise ValueError("amount must be zero or more")
    if any(coin <= 0 for coin in coins):
        raise ValueError("every coin must be a positive integer")


# --8<-- [start:optimal]
def min_coins(coins: list[int], amount: int) -> int:
    """Fewest coins summing to `amount`, or -1 if no combination does.

    Time O(amount * k) for k coins, space O(amount).
    """
    _check(coins, amount)
    unreachable = amount + 1  # more coins than any answer: "not reachable yet"
    fewest = [0] + [unreachable] * amount  # fewest[0] = 0: no coins make 0
    for total in range(1, amount + 1):
        for coin in coins:
            if coin <= total and fewest[total - coin] + 1 < fewest[total]:
                fewest[total] = fewest[total - coin] + 1
    return -1 if fewest[amount] == unreachable else fewest[amount]


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def min_coins_brute_force(coins: list[int], amount: int) -> int:
    """Plain recursion: try every coin as the last one.

    Time O(k^(amount / smallest coin)) calls, space O(amount / smallest coin) depth.
    """
    _check(coins, amount)

    def fewest(rest: int) -> float:
        if rest == 0:
            return 0
        options = [fewest(rest - coin) + 1 for coin in coins if coin <= rest]
        return min(options, default=math.inf)

    answer = fewest(amount)
    return -1 if answer == math.inf else int(answer)


# --8<-- [end:brute_force]


# --8<-- [start:choice]
def fewest_coins_used(coins: list[int], amount: int) -> list[int] | None:
    """The coins themselves: remember which coin won at each amount, then walk back.

    Time O(amount * k), space O(amount). None when no combination makes `amount`.
    """
    _check(coins, amount)
    unreachable = amount + 1
    fewest = [0] + [unreachable] * amount
    last_coin = [0] * (amount + 1)  # the coin that achieved fewest[total]
    for total in range(1, amount + 1):
        for coin in coins:
            if coin <= total and fewest[total - coin] + 1 < fewest[total]:
                fewest[total] = fewest[total - coin] + 1
                last_coin[total] = coin
    if fewest[amount] == unreachable:
        return None
    used = []
    while amount > 0:
        used.append(last_coin[amount])
        amount -= last_coin[amount]
    return used


# --8<-- [end:choice]


# --8<-- [start:greedy]
def greedy_coins(coins: list[int], amount: int) -> list[int] | None:
    """Always take the largest coin that still fits. Fast, and wrong for some coin sets."""
    _check(coins, amount)
    used = []
    for coin in sorted(coins, reverse=True):
        while coin <= amount:
            used.append(coin)
            amount -= coin
    return used if amount == 0 else None


# --8<-- [end:greedy]


if __name__ == "__main__":
    # --8<-- [start:demo]
    print(min_coins([1, 2, 5], 11))  # 5 + 5 + 1
    #> 3
    print(min_coins([2], 3))  # odd amounts are out of reach
    #> -1
    print(min_coins([7], 0))  # zero coins make zero
    #> 0
    # --8<-- [end:demo]
    # --8<-- [start:demo_greedy]
    print("greedy:", greedy_coins([1, 3, 4], 6))
    #> greedy: [4, 1, 1]
    print("dynamic programming:", fewest_coins_used([1, 3, 4], 6))
    #> dynamic programming: [3, 3]
    print("greedy:", greedy_coins([1, 5, 10, 25], 63))
    #> greedy: [25, 25, 10, 1, 1, 1]
    print("dynamic programming:", fewest_coins_used([1, 5, 10, 25], 63))
    #> dynamic programming: [1, 1, 1, 10, 25, 25]
    print("greedy:", greedy_coins([4, 3], 6))  # stuck at 2 after taking a 4
    #> greedy: None
    # --8<-- [end:demo_greedy]
