"""build_order is the alphabetically first valid order; a cycle is named in the error."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.topological_sort.build_order import DependencyCycle, build_order, build_order_brute_force
from tests.coding.topological_sort.graphs import graphs

NAMES = st.lists(st.text("abcxyz", min_size=1, max_size=3), min_size=7, max_size=7, unique=True)


@settings(max_examples=150, deadline=None)
@given(graphs(), NAMES)
def test_heap_order_equals_the_first_valid_permutation(graph: tuple[int, list[list[int]]], names: list[str]) -> None:
    n, edges = graph
    projects = names[:n]
    dependencies = [[projects[u], projects[v]] for u, v in edges]
    try:
        expected = build_order_brute_force(projects, dependencies)
    except DependencyCycle as error:
        with pytest.raises(DependencyCycle) as raised:
            build_order(projects, dependencies)
        cycle = raised.value.cycle
        assert cycle[0] == cycle[-1]
        assert all([a, b] in dependencies for a, b in pairwise(cycle))
        assert str(error).startswith("dependency cycle: ")
        return
    assert build_order(projects, dependencies) == expected


def test_the_error_names_the_cycle() -> None:
    with pytest.raises(ValueError, match="dependency cycle: a -> b -> a"):
        build_order(["a", "b", "c"], [["c", "a"], ["a", "b"], ["b", "a"]])


@pytest.mark.parametrize(
    ("projects", "dependencies", "message"),
    [
        (["a", "a"], [], "listed once"),
        (["a"], [["a", "b"]], "two listed projects"),
        (["a"], [["a"]], "two listed projects"),
    ],
)
def test_bad_input_is_refused(projects: list[str], dependencies: list[list[str]], message: str) -> None:
    for function in (build_order, build_order_brute_force):
        with pytest.raises(ValueError, match=message):
            function(projects, dependencies)
