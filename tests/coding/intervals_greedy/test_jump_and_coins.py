"""Jump game greedy against its DP, and the coin greedy that fails."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.intervals_greedy.coin_change_greedy import (
    fewest_coins_brute_force,
    greedy_coin_count,
)
from examples.coding.intervals_greedy.jump_game import can_jump, can_jump_dp


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 4), min_size=1, max_size=30))
def test_greedy_reach_matches_the_dp(steps) -> None:
    assert can_jump(steps) == can_jump_dp(steps)


@pytest.mark.parametrize("function", [can_jump, can_jump_dp])
@pytest.mark.parametrize("bad", [[], [1, -1]])
def test_jump_refuses_bad_steps(function, bad) -> None:
    with pytest.raises(ValueError, match="steps must"):
        function(bad)


def test_largest_coin_first_fails_on_1_3_4() -> None:
    assert greedy_coin_count([1, 3, 4], 6) == 3  # 4 + 1 + 1
    assert fewest_coins_brute_force([1, 3, 4], 6) == 2  # 3 + 3


@settings(max_examples=50, deadline=None)
@given(st.integers(0, 60))
def test_greedy_is_optimal_for_us_coins(amount) -> None:
    coins = [1, 5, 10, 25]
    assert greedy_coin_count(coins, amount) == fewest_coins_brute_force(coins, amount)


@settings(max_examples=100, deadline=None)
@given(st.sets(st.integers(2, 9), max_size=3), st.integers(0, 30))
def test_greedy_never_beats_the_optimum(others, amount) -> None:
    coins = [1, *sorted(others)]  # a 1 coin: every amount can be paid
    greedy = greedy_coin_count(coins, amount)
    best = fewest_coins_brute_force(coins, amount)
    assert greedy is not None and best is not None and greedy >= best


def test_no_answer_is_none_for_both() -> None:
    assert greedy_coin_count([2], 3) is None
    assert fewest_coins_brute_force([2], 3) is None


@pytest.mark.parametrize("function", [greedy_coin_count, fewest_coins_brute_force])
@pytest.mark.parametrize(("coins", "amount"), [([], 3), ([0, 1], 3), ([1], -1)])
def test_coins_refuse_bad_input(function, coins, amount) -> None:
    with pytest.raises(ValueError):
        function(coins, amount)
