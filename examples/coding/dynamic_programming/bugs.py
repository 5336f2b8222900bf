"""Six dynamic-programming bugs, each one line away from a correct solution.

Every function here is wrong on purpose; the page shows each one failing.
"""

from __future__ import annotations

from functools import cache


# --8<-- [start:amount_outer]
def count_ways_amount_outer(coins: list[int], amount: int) -> int:
    """BUG: amounts outside, coins inside counts ordered sequences, not combinations."""
    ways = [0] * (amount + 1)
    ways[0] = 1
    for total in range(1, amount + 1):
        for coin in coins:  # every coin may be last at every amount: 1+2 and 2+1
            if coin <= total:
                ways[total] += ways[total - coin]
    return ways[amount]


# --8<-- [end:amount_outer]


# --8<-- [start:forward]
def knapsack_forward(weights: list[int], values: list[int], capacity: int) -> int:
    """BUG: the capacity loop runs upward, so an item can be added again and again."""
    best = [0] * (capacity + 1)
    for weight, value in zip(weights, values, strict=True):
        for room in range(weight, capacity + 1):  # should run from capacity down
            best[room] = max(best[room], value + best[room - weight])
    return best[capacity]


# --8<-- [end:forward]


# --8<-- [start:short_table]
def min_coins_short_table(coins: list[int], amount: int) -> int:
    """BUG: `amount` slots for amounts 0..amount, which are amount + 1 subproblems."""
    unreachable = amount + 1
    fewest = [unreachable] * amount  # should be [unreachable] * (amount + 1)
    fewest[0] = 0
    for total in range(1, amount):
        for coin in coins:
            if coin <= total:
                fewest[total] = min(fewest[total], fewest[total - coin] + 1)
    answer = fewest[amount - 1]  # the answer for amount - 1
    return -1 if answer >= unreachable else answer


# --8<-- [end:short_table]


# --8<-- [start:zero_init]
def min_coins_zero_init(coins: list[int], amount: int) -> int:
    """BUG: 0 means "no coins needed", so a minimum that starts at 0 never moves."""
    fewest = [0] * (amount + 1)  # should be amount + 1 everywhere but fewest[0]
    for total in range(1, amount + 1):
        for coin in coins:
            if coin <= total:
                fewest[total] = min(fewest[total], fewest[total - coin] + 1)
    return -1 if fewest[amount] > amount else fewest[amount]


# --8<-- [end:zero_init]


# --8<-- [start:default_memo]
def house_robber_default_memo(
    values: list[int], i: int | None = None, memo={}  # noqa: B006 - the bug shown
) -> int:
    """BUG: the default dict is created once, at `def` time, and shared by every call.

    It is keyed by i alone, so a second street gets the first street's answers.
    """
    if i is None:
        i = len(values)
    if i <= 0:
        return 0
    if i not in memo:
        memo[i] = max(
            house_robber_default_memo(values, i - 1, memo),
            values[i - 1] + house_robber_default_memo(values, i - 2, memo),
        )
    return memo[i]


# --8<-- [end:default_memo]


# --8<-- [start:method_cache]
class Street:
    """BUG: functools.cache on a method keys its one class-wide cache by (self, i)."""

    def __init__(self, values: list[int]) -> None:
        self.values = values

    @cache  # noqa: B019 - the bug this class shows
    def best(self, i: int) -> int:
        if i <= 0:
            return 0
        return max(self.best(i - 1), self.values[i - 1] + self.best(i - 2))


# --8<-- [end:method_cache]


if __name__ == "__main__":
    from examples.coding.dynamic_programming.coin_change import min_coins
    from examples.coding.dynamic_programming.coin_ways import count_ways
    from examples.coding.dynamic_programming.knapsack import knapsack

    # --8<-- [start:demo_loops]
    print(count_ways([1, 2], 3), count_ways_amount_outer([1, 2], 3))  # 2+1 and 1+2
    #> 2 3
    print(count_ways([1, 2, 5], 5), count_ways_amount_outer([1, 2, 5], 5))
    #> 4 9
    print(knapsack([2], [3], 4), knapsack_forward([2], [3], 4))  # one item, used twice
    #> 3 6
    # --8<-- [end:demo_loops]
    # --8<-- [start:demo_tables]
    print(min_coins([1, 2, 5], 11), min_coins_short_table([1, 2, 5], 11))
    #> 3 2
    try:
        min_coins_short_table([1, 2, 5], 0)
    except IndexError as error:
        print("IndexError:", error)
        #> IndexError: list assignment index out of range
    print(min_coins([2], 3), min_coins_zero_init([2], 3))
    #> -1 0
    print(min_coins([1, 2, 5], 11), min_coins_zero_init([1, 2, 5], 11))
    #> 3 0
    # --8<-- [end:demo_tables]
    # --8<-- [start:demo_memo]
    print(house_robber_default_memo([1, 2, 3]))  # right: 1 + 3
    #> 4
    print(house_robber_default_memo([10, 1, 1]))  # wrong: should be 11
    #> 4
    # --8<-- [end:demo_memo]
    # --8<-- [start:demo_method]
    import gc
    import weakref

    street = Street([1] * 100)
    print(street.best(100))
    #> 50
    watcher = weakref.ref(street)
    del street
    gc.collect()
    print("still alive:", watcher() is not None)
    #> still alive: True
    print("cached entries:", Street.best.cache_info().currsize)
    #> cached entries: 102
    # --8<-- [end:demo_method]
