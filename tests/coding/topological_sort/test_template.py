"""Kahn and the three-color DFS: valid orders on DAGs, None and a real cycle otherwise."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings

from examples.coding.topological_sort.course_order import course_order_brute_force
from examples.coding.topological_sort.order_checks import order_problem
from examples.coding.topological_sort.template import dfs_order, find_cycle, kahn_order
from tests.coding.topological_sort.graphs import graphs


def has_order(n: int, edges: list[list[int]]) -> bool:
    # The permutation brute force, through the course convention [after, before].
    return n == 0 or course_order_brute_force(n, [[v, u] for u, v in edges]) != []


@settings(max_examples=200, deadline=None)
@given(graphs())
def test_kahn_and_dfs_agree_with_trying_every_order(graph: tuple[int, list[list[int]]]) -> None:
    n, edges = graph
    exists = has_order(n, edges)
    for order in (kahn_order(n, edges), dfs_order(n, edges)):
        if exists:
            assert order is not None
            assert order_problem(n, edges, order) is None
        else:
            assert order is None


@settings(max_examples=200, deadline=None)
@given(graphs())
def test_find_cycle_returns_a_real_cycle_exactly_when_there_is_one(graph: tuple[int, list[list[int]]]) -> None:
    n, edges = graph
    cycle = find_cycle(n, edges)
    if has_order(n, edges):
        assert cycle is None
        return
    assert cycle is not None
    assert cycle[0] == cycle[-1] and len(cycle) >= 2
    assert len(set(cycle[:-1])) == len(cycle) - 1  # no node twice inside the loop
    edge_set = {tuple(edge) for edge in edges}
    assert all((a, b) in edge_set for a, b in pairwise(cycle))


def test_a_long_chain_does_not_hit_the_recursion_limit() -> None:
    n = 20_000
    chain = [[node, node + 1] for node in range(n - 1)]
    assert dfs_order(n, chain) == list(range(n))
    assert find_cycle(n, [*chain, [n - 1, 0]]) == [*range(n), 0]


def test_isolated_nodes_are_in_the_order() -> None:
    assert sorted(kahn_order(4, [[0, 1]]) or []) == [0, 1, 2, 3]
    assert sorted(dfs_order(4, [[0, 1]]) or []) == [0, 1, 2, 3]


@pytest.mark.parametrize("function", [kahn_order, dfs_order, find_cycle])
@pytest.mark.parametrize(("n", "edges"), [(2, [[0, 2]]), (2, [[-1, 0]]), (2, [[0]]), (-1, [])])
def test_bad_input_is_refused(function, n: int, edges: list[list[int]]) -> None:
    with pytest.raises(ValueError):
        function(n, edges)


