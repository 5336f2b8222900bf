"""Practice problems against their brute forces."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.intervals_greedy.gas_station import (
    can_complete_circuit,
    can_complete_circuit_brute_force,
)
from examples.coding.intervals_greedy.interval_intersections import (
    interval_intersections,
    interval_intersections_brute_force,
)
from examples.coding.intervals_greedy.merge_intervals import merge_intervals
from examples.coding.intervals_greedy.partition_labels import (
    partition_labels,
    partition_labels_brute_force,
)
from tests.coding.intervals_greedy.strategies import closed_intervals


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcd", max_size=11))
def test_partition_labels_matches_every_cut(text) -> None:
    assert partition_labels(text) == partition_labels_brute_force(text)


@settings(max_examples=200, deadline=None)
@given(closed_intervals(), closed_intervals())
def test_intersections_match_every_pair(first, second) -> None:
    first, second = merge_intervals(first), merge_intervals(second)
    assert interval_intersections(first, second) == interval_intersections_brute_force(
        first, second
    )


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 6), st.integers(0, 6)), max_size=10))
def test_gas_station_matches_driving_from_every_start(stations) -> None:
    gas = [g for g, _ in stations]
    cost = [c for _, c in stations]
    assert can_complete_circuit(gas, cost) == can_complete_circuit_brute_force(gas, cost)


@pytest.mark.parametrize("function", [can_complete_circuit, can_complete_circuit_brute_force])
@pytest.mark.parametrize(("gas", "cost"), [([1, 2], [1]), ([1, -1], [0, 0])])
def test_gas_station_refuses_bad_input(function, gas, cost) -> None:
    with pytest.raises(ValueError):
        function(gas, cost)


def test_intersections_refuse_touching_input() -> None:
    with pytest.raises(ValueError, match="sorted and disjoint"):
        interval_intersections([[1, 2], [2, 3]], [[0, 5]])
