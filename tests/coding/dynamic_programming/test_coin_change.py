"""Coin change: fewest coins against plain recursion; the coins returned; greedy's failure."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.dynamic_programming.coin_change import (
    fewest_coins_used,
    greedy_coins,
    min_coins,
    min_coins_brute_force,
)

# Distinct coins keep plain recursion small: with [1, 1, 1, 1] it would make
# about 4^amount calls. test_repeated_coins_change_nothing covers repeats.
COINS = st.lists(st.integers(1, 9), max_size=3, unique=True)
AMOUNTS = st.integers(0, 16)


@settings(max_examples=200, deadline=None)
@given(COINS, AMOUNTS)
def test_matches_plain_recursion(coins: list[int], amount: int) -> None:
    assert min_coins(coins, amount) == min_coins_brute_force(coins, amount)


@settings(max_examples=200, deadline=None)
@given(COINS, AMOUNTS)
def test_the_coins_returned_are_real_and_fewest(coins: list[int], amount: int) -> None:
    used = fewest_coins_used(coins, amount)
    fewest = min_coins(coins, amount)
    if fewest == -1:
        assert used is None
    else:
        assert used is not None and sum(used) == amount and len(used) == fewest
        assert all(coin in coins for coin in used)


@settings(max_examples=200, deadline=None)
@given(COINS, AMOUNTS)
def test_greedy_is_never_better(coins: list[int], amount: int) -> None:
    greedy = greedy_coins(coins, amount)
    if greedy is not None:
        assert sum(greedy) == amount
        assert len(greedy) >= min_coins(coins, amount)


def test_repeated_coins_change_nothing() -> None:
    assert min_coins([5, 5, 1, 1], 11) == min_coins_brute_force([5, 5, 1, 1], 11) == 3


def test_greedy_loses_on_1_3_4() -> None:
    assert greedy_coins([1, 3, 4], 6) == [4, 1, 1]
    assert sorted(fewest_coins_used([1, 3, 4], 6) or []) == [3, 3]


@pytest.mark.parametrize("function", [min_coins, min_coins_brute_force, fewest_coins_used, greedy_coins])
def test_bad_input(function) -> None:
    with pytest.raises(ValueError, match="zero or more"):
        function([1], -1)
    with pytest.raises(ValueError, match="positive"):
        function([0, 1], 3)
