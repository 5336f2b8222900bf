"""0/1 knapsack: table, one row and plain recursion agree; the chosen items are real."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.dynamic_programming.knapsack import (
    knapsack,
    knapsack_brute_force,
    knapsack_items,
    knapsack_table,
)

ITEMS = st.lists(st.tuples(st.integers(1, 8), st.integers(-5, 20)), max_size=10)
CAPACITIES = st.integers(0, 25)


@settings(max_examples=200, deadline=None)
@given(ITEMS, CAPACITIES)
def test_matches_plain_recursion(items: list[tuple[int, int]], capacity: int) -> None:
    weights, values = [w for w, _ in items], [v for _, v in items]
    expected = knapsack_brute_force(weights, values, capacity)
    assert knapsack_table(weights, values, capacity) == expected
    assert knapsack(weights, values, capacity) == expected


@settings(max_examples=200, deadline=None)
@given(ITEMS, CAPACITIES)
def test_items_fit_and_reach_the_best_value(items: list[tuple[int, int]], capacity: int) -> None:
    weights, values = [w for w, _ in items], [v for _, v in items]
    chosen = knapsack_items(weights, values, capacity)
    assert len(set(chosen)) == len(chosen)
    assert sum(weights[i] for i in chosen) <= capacity
    assert sum(values[i] for i in chosen) == knapsack(weights, values, capacity)


@pytest.mark.parametrize("function", [knapsack, knapsack_table, knapsack_brute_force, knapsack_items])
def test_bad_input(function) -> None:
    with pytest.raises(ValueError, match="same length"):
        function([1, 2], [3], 5)
    with pytest.raises(ValueError, match="zero or more"):
        function([1], [3], -1)
    with pytest.raises(ValueError, match="positive"):
        function([0], [3], 5)
