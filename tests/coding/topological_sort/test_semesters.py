"""minimum_semesters: BFS levels = rescanning = graphlib's batches = the longest chain."""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import given, settings

from examples.coding.topological_sort.semesters import minimum_semesters, minimum_semesters_brute_force
from examples.coding.topological_sort.template import kahn_order, successors_of
from examples.coding.topological_sort.with_graphlib import ready_batches
from tests.coding.topological_sort.graphs import graphs


@settings(max_examples=200, deadline=None)
@given(graphs())
def test_levels_agree_with_rescanning(graph: tuple[int, list[list[int]]]) -> None:
    n, edges = graph
    prerequisites = [[v, u] for u, v in edges]
    assert minimum_semesters(n, prerequisites) == minimum_semesters_brute_force(n, prerequisites)


@settings(max_examples=200, deadline=None)
@given(graphs(acyclic=True))
def test_semesters_are_the_longest_chain_and_graphlib_batches(graph: tuple[int, list[list[int]]]) -> None:
    n, edges = graph
    assert kahn_order(n, edges) is not None
    successors = successors_of(n, edges)

    @cache
    def chain_from(node: int) -> int:  # nodes on the longest path starting here
        return 1 + max((chain_from(after) for after in successors[node]), default=0)

    longest = max((chain_from(node) for node in range(n)), default=0)
    prerequisites = [[v, u] for u, v in edges]
    assert minimum_semesters(n, prerequisites) == longest
    predecessors = {str(node): [] for node in range(n)}
    for u, v in edges:
        predecessors[str(v)].append(str(u))
    assert len(ready_batches(predecessors)) == longest


def test_bad_input_is_refused() -> None:
    for function in (minimum_semesters, minimum_semesters_brute_force):
        with pytest.raises(ValueError):
            function(2, [[0, 3]])
