"""Coin change, combinations: against plain recursion and against explicit enumeration."""

from __future__ import annotations

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
