"""Each canonical problem's optimal solution against its brute force."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.shortest_paths.cheapest_flights import (
    cheapest_flight,
    cheapest_flight_brute_force,
    cheapest_flight_no_copy,
)
from examples.coding.shortest_paths.min_obstacles import (
    minimum_obstacles,
    minimum_obstacles_brute_force,
)
from examples.coding.shortest_paths.negative_cycle import (
    distances_or_none,
    distances_or_none_brute_force,
)
from examples.coding.shortest_paths.network_delay import (
    network_delay_time,
    network_delay_time_brute_force,
)
from examples.coding.shortest_paths.weighted_path import (
    path_weight,
    shortest_path,
    shortest_path_brute_force,
)
from examples.coding.shortest_paths.weighted_path_checker import check_shortest_path
from tests.coding.shortest_paths.strategies import graphs, grids


@settings(max_examples=200, deadline=None)
@given(graphs())
def test_network_delay(graph) -> None:
    n, edges = graph
    times = [[u + 1, v + 1, w] for u, v, w in edges]
    for source in range(1, n + 1):
        assert network_delay_time(times, n, source) == network_delay_time_brute_force(times, n, source)


@settings(max_examples=200, deadline=None)
@given(graphs(), st.data())
def test_weighted_path_is_a_lightest_path(graph, data) -> None:
    n, edges = graph
    source, target = data.draw(st.integers(0, n - 1)), data.draw(st.integers(0, n - 1))
    found = shortest_path(n, edges, source, target)
    expected = shortest_path_brute_force(n, edges, source, target)
    assert check_shortest_path(expected, found, [n, edges, source, target]) is None
    if found is not None:
        assert path_weight(edges, found) == path_weight(edges, expected)


def test_checker_rejects_bad_paths() -> None:
    args = [3, [[0, 1, 1], [1, 2, 1], [0, 2, 5]], 0, 2]
    assert "weighs 5" in check_shortest_path([0, 1, 2], [0, 2], args)
    assert "not an edge" in check_shortest_path([0, 1, 2], [0, 0, 2], args)
    assert "from 0 to 2" in check_shortest_path([0, 1, 2], [1, 2], args)
    assert "no path" in check_shortest_path(None, [0, 2], args)
    assert check_shortest_path([0, 1, 2], None, args) is not None


@settings(max_examples=200, deadline=None)
@given(graphs(), st.data())
def test_cheapest_flight(graph, data) -> None:
    n, edges = graph
    source, target = data.draw(st.integers(0, n - 1)), data.draw(st.integers(0, n - 1))
    k = data.draw(st.integers(0, n))
    assert cheapest_flight(n, edges, source, target, k) == cheapest_flight_brute_force(
        n, edges, source, target, k
    )


def test_in_place_relaxation_breaks_the_stop_limit() -> None:
    flights = [[0, 1, 100], [1, 2, 100], [0, 2, 500]]
    assert cheapest_flight(3, flights, 0, 2, 0) == 500
    assert cheapest_flight_no_copy(3, flights, 0, 2, 0) == 200


@settings(max_examples=200, deadline=None)
@given(grids())
def test_minimum_obstacles(grid) -> None:
    assert minimum_obstacles(grid) == minimum_obstacles_brute_force(grid)


@settings(max_examples=200, deadline=None)
@given(graphs(max_nodes=5, low=-4, high=6))
def test_negative_cycle(graph) -> None:
    n, edges = graph
    assert distances_or_none(n, edges, 0) == distances_or_none_brute_force(n, edges, 0)


@pytest.mark.parametrize(
    ("function", "args"),
    [
        (network_delay_time, ([[1, 2, -1]], 2, 1)),
        (network_delay_time, ([], 0, 1)),
        (shortest_path, (2, [[0, 1, -3]], 0, 1)),
        (cheapest_flight, (2, [[0, 1, 1]], 0, 5, 1)),
        (minimum_obstacles, ([[0, 2]],)),
        (distances_or_none, (2, [[0, 3, 1]], 0)),
    ],
)
def test_bad_input_is_refused(function, args) -> None:
    with pytest.raises(ValueError):
        function(*args)
