"""graphlib beside the hand-written sorts: same existence, valid orders, real cycles."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings

from examples.coding.topological_sort.order_checks import order_problem
from examples.coding.topological_sort.template import kahn_order
from examples.coding.topological_sort.with_graphlib import graphlib_cycle, graphlib_order, ready_batches
from tests.coding.topological_sort.graphs import graphs


@settings(max_examples=200, deadline=None)
@given(graphs())
def test_graphlib_agrees_with_kahn(graph: tuple[int, list[list[int]]]) -> None:
    n, edges = graph
    mine, theirs = kahn_order(n, edges), graphlib_order(n, edges)
    assert (mine is None) == (theirs is None)
    if theirs is not None:
        assert order_problem(n, edges, theirs) is None
        assert graphlib_cycle(n, edges) is None
    else:
        cycle = graphlib_cycle(n, edges)
        assert cycle is not None and cycle[0] == cycle[-1]
        assert all([a, b] in edges for a, b in pairwise(cycle))  # each a predecessor of the next


def test_batches_raise_on_a_cycle_before_any_work() -> None:
    with pytest.raises(ValueError, match="cycle"):
        ready_batches({"a": ["b"], "b": ["a"]})


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError):
        graphlib_order(1, [[0, 1]])


def test_cycle_input_is_validated_like_the_order() -> None:
    with pytest.raises(ValueError):
        graphlib_cycle(1, [[0, 1]])
