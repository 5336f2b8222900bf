"""Each buggy variant on the page really fails the way the page says."""

from __future__ import annotations

import gc
import weakref

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.dynamic_programming.bugs import (
    Street,
    count_ways_amount_outer,
    house_robber_default_memo,
    knapsack_forward,
    min_coins_short_table,
    min_coins_zero_init,
)
from examples.coding.dynamic_programming.coin_change import min_coins
from examples.coding.dynamic_programming.coin_ways import count_ways
from examples.coding.dynamic_programming.house_robber import house_robber
from examples.coding.dynamic_programming.knapsack import knapsack


def ordered_sequences(coins: list[int], amount: int) -> int:
    """Plain recursion over the first coin: sequences where order matters."""
    if amount == 0:
        return 1
    return sum(ordered_sequences(coins, amount - coin) for coin in coins if coin <= amount)


def unbounded_brute_force(weights: list[int], values: list[int], room: int) -> int:
    """Every item any number of times, by plain recursion over which item goes in next."""
    options = [
        value + unbounded_brute_force(weights, values, room - weight)
        for weight, value in zip(weights, values, strict=True)
        if weight <= room
    ]
    return max([0, *options])


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(1, 6), max_size=3, unique=True), st.integers(0, 12))
def test_amount_outer_counts_ordered_sequences(coins: list[int], amount: int) -> None:
    assert count_ways_amount_outer(coins, amount) == ordered_sequences(coins, amount)


def test_amount_outer_overcounts_on_the_page_example() -> None:
    assert (count_ways([1, 2], 3), count_ways_amount_outer([1, 2], 3)) == (2, 3)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.tuples(st.integers(2, 6), st.integers(0, 15)), max_size=3),
    st.integers(0, 12),
)
def test_forward_loop_is_the_unbounded_knapsack(items: list[tuple[int, int]], capacity: int) -> None:
    weights, values = [w for w, _ in items], [v for _, v in items]
    assert knapsack_forward(weights, values, capacity) == unbounded_brute_force(weights, values, capacity)


def test_forward_loop_reuses_one_item() -> None:
    assert (knapsack([2], [3], 4), knapsack_forward([2], [3], 4)) == (3, 6)


def test_short_table_answers_the_amount_below() -> None:
    assert min_coins_short_table([1, 2, 5], 11) == min_coins([1, 2, 5], 10) == 2
    with pytest.raises(IndexError):
        min_coins_short_table([1, 2, 5], 0)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(1, 6), max_size=3), st.integers(0, 20))
def test_zero_init_always_says_zero(coins: list[int], amount: int) -> None:
    assert min_coins_zero_init(coins, amount) == 0


def test_default_memo_leaks_between_calls() -> None:
    house_robber_default_memo.__defaults__[1].clear()  # type: ignore[index]
    assert house_robber_default_memo([1, 2, 3]) == 4
    assert house_robber_default_memo([10, 1, 1]) == 4
    assert house_robber([10, 1, 1]) == 11
    house_robber_default_memo.__defaults__[1].clear()  # type: ignore[index]


def test_method_cache_keeps_the_instance_alive() -> None:
    Street.best.cache_clear()
    street = Street([1] * 10)
    assert street.best(10) == 5
    watcher = weakref.ref(street)
    del street
    gc.collect()
    assert watcher() is not None
    assert Street.best.cache_info().currsize == 12
    Street.best.cache_clear()
    gc.collect()
    assert watcher() is None
