"""A greedy that fails: largest coin first does not always use the fewest coins."""

from __future__ import annotations

from itertools import product


def _require_coins(coins: list[int], amount: int) -> None:
    if not coins or any(coin <= 0 for coin in coins):
        raise ValueError("coins must be one or more positive values")
    if amount < 0:
        raise ValueError("amount must be zero or more")


# --8<-- [start:greedy]
def greedy_coin_count(coins: list[int], amount: int) -> int | None:
    """Take as many of the largest coin as fit, then the next. None if stuck.

    Optimal for some coin systems (1, 5, 10, 25) and wrong for others.
    Time O(k log k) for k coins, space O(k).
    """
    _require_coins(coins, amount)
    count = 0
    for coin in sorted(coins, reverse=True):
        used, amount = divmod(amount, coin)
        count += used
    return count if amount == 0 else None


# --8<-- [end:greedy]


# --8<-- [start:brute_force]
def fewest_coins_brute_force(coins: list[int], amount: int) -> int | None:
    """Try every count of every coin. None if no mix makes the amount.

    Time O(k * product of (amount // c + 1) over the k coins), space O(k).
    """
    _require_coins(coins, amount)
    best = None
    for counts in product(*(range(amount // coin + 1) for coin in coins)):
        paid = sum(coin * count for coin, count in zip(coins, counts, strict=True))
        if paid == amount and (best is None or sum(counts) < best):
            best = sum(counts)
    return best


# --8<-- [end:brute_force]


if __name__ == "__main__":
    # --8<-- [start:demo]
    print(greedy_coin_count([1, 3, 4], 6))  # 4 + 1 + 1
    #> 3
    print(fewest_coins_brute_force([1, 3, 4], 6))  # 3 + 3
    #> 2
    us_coins = [1, 5, 10, 25]
    print(greedy_coin_count(us_coins, 63), fewest_coins_brute_force(us_coins, 63))
    #> 6 6
    # --8<-- [end:demo]
