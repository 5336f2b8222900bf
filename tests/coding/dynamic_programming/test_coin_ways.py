"""Coin change, combinations: against plain recursion and against explicit enumeration."""

from __future__ import annotations

from bisect import bisect_left

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.dynamic_programming.coin_ways import count_ways, count_ways_brute_force

COINS = st.lists(st.integers(1, 8), max_size=4, unique=True)
AMOUNTS = st.integers(0, 20)


def multisets(coins: list[int], amount: int) -> set[tuple[int, ...]]:
    """Every multiset, as a sorted tuple, built by adding coins in any order."""
    found: set[tuple[int, ...]] = set()

    def grow(chosen: tuple[int, ...], rest: int) -> None:
        if rest == 0:
            found.add(tuple(sorted(chosen)))
        for coin in coins:
            if coin <= rest:
                grow((*chosen, coin), rest - coin)

    grow((), amount)
    return found


@settings(max_examples=200, deadline=None)
@given(COINS, AMOUNTS)
def test_matches_plain_recursion(coins: list[int], amount: int) -> None:
    assert count_ways(coins, amount) == count_ways_brute_force(coins, amount)


@settings(max_examples=100, deadline=None)
@given(COINS, st.integers(0, 12))
def test_counts_multisets(coins: list[int], amount: int) -> None:
    assert count_ways(coins, amount) == len(multisets(coins, amount))


@pytest.mark.parametrize("function", [count_ways, count_ways_brute_force])
def test_bad_input(function) -> None:
    with pytest.raises(ValueError, match="distinct"):
        function([2, 2], 4)
    with pytest.raises(ValueError, match="zero or more"):
        function([1], -1)
    with pytest.raises(ValueError, match="positive"):
        function([-1], 1)


def first_amount_over(limit: int, coins: list[int]) -> int:
    # With a 1 coin the count never falls as the amount grows (add one more 1),
    # so a binary search over amounts finds the first count above `limit`.
    return bisect_left(range(20_000), True, key=lambda amount: count_ways(coins, amount) > limit)


def test_where_the_counts_outgrow_a_machine_word() -> None:
    coins = [1, 5, 10, 25, 50]  # the benchmark's coins
    assert first_amount_over(2**30 - 1, coins) == 6_290  # past one CPython int digit
    assert first_amount_over(2**31 - 1, coins) == 7_490  # past a Java or C++ int
    assert count_ways(coins, 1_000) == 801_451
    assert count_ways(coins, 100_000) == 66_793_412_685_001
