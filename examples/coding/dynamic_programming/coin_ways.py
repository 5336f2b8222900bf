"""Coin change, number of ways: how many multisets of coins make an amount.

Order does not matter: 1 + 2 and 2 + 1 are one way. The state in words:
ways(a) using only the coins seen so far. Loop over coins outside, amounts
inside: each coin's copies are added once, after every earlier coin, so each
multiset is built in one order only.
"""

from __future__ import annotations


def _check(coins: list[int], amount: int) -> None:
    if amount < 0:
        raise ValueError("amount must be zero or more")
    if any(coin <= 0 for coin in coins):
        raise ValueError("every coin must be a positive integer")
    if len(set(coins)) != len(coins):
        raise ValueError("coins must be distinct denominations")


# --8<-- [start:optimal]
def count_ways(coins: list[int], amount: int) -> int:
    """Combinations of coins (each usable any number of times) summing to `amount`.

    Time O(amount * k) for k coins, space O(amount).
    """
    _check(coins, amount)
    ways = [0] * (amount + 1)
    ways[0] = 1  # one way to make 0: no coins
    for coin in coins:  # coins outside: combinations, not orders
        for total in range(coin, amount + 1):
            ways[total] += ways[total - coin]
    return ways[amount]


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def count_ways_brute_force(coins: list[int], amount: int) -> int:
    """Plain recursion on (coin index, rest): use coin i once more, or never again.

    Time exponential in amount / smallest coin, space O(amount + k) depth.
    """
    _check(coins, amount)

    def ways(index: int, rest: int) -> int:
        if rest == 0:
            return 1
        if index == len(coins):
            return 0
        skip = ways(index + 1, rest)
        use = ways(index, rest - coins[index]) if coins[index] <= rest else 0
        return skip + use

    return ways(0, amount)


# --8<-- [end:brute_force]


if __name__ == "__main__":
    # --8<-- [start:demo]
    print(count_ways([1, 2, 5], 5))  # 5, 2+2+1, 2+1+1+1, 1*5
    #> 4
    print(count_ways([2], 3))
    #> 0
    print(count_ways([3, 5], 0))  # the empty combination
    #> 1
    # --8<-- [end:demo]
