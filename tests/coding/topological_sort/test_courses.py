"""can_finish and course_order against their brute forces, and their checker."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from examples.coding.topological_sort.can_finish import can_finish, can_finish_brute_force
from examples.coding.topological_sort.course_order import course_order, course_order_brute_force
from examples.coding.topological_sort.order_checks import course_order as check_course_order
from tests.coding.topological_sort.graphs import graphs


def as_prerequisites(edges: list[list[int]]) -> list[list[int]]:
    return [[after, before] for before, after in edges]  # [course, before]


@settings(max_examples=200, deadline=None)
@given(graphs())
def test_can_finish_agrees_with_rescanning(graph: tuple[int, list[list[int]]]) -> None:
    n, edges = graph
    prerequisites = as_prerequisites(edges)
    assert can_finish(n, prerequisites) == can_finish_brute_force(n, prerequisites)


@settings(max_examples=200, deadline=None)
@given(graphs())
def test_course_order_is_valid_when_brute_force_finds_one(graph: tuple[int, list[list[int]]]) -> None:
    n, edges = graph
    prerequisites = as_prerequisites(edges)
    expected = course_order_brute_force(n, prerequisites)
    actual = course_order(n, prerequisites)
    assert check_course_order(expected, actual, [n, prerequisites]) is None
    assert (actual == []) == (expected == [])
    assert (actual != [] or n == 0) == can_finish(n, prerequisites)


def test_checker_rejects_a_wrong_order_and_a_missing_course() -> None:
    args = [3, [[1, 0]]]
    assert check_course_order([0, 1, 2], [1, 0, 2], args) is not None
    assert check_course_order([0, 1, 2], [0, 1], args) is not None
    assert check_course_order([0, 1, 2], [], args) is not None
    assert check_course_order([], [0, 1], [2, [[0, 1], [1, 0]]]) is not None


@pytest.mark.parametrize("function", [can_finish, can_finish_brute_force, course_order, course_order_brute_force])
def test_bad_input_is_refused(function) -> None:
    with pytest.raises(ValueError, match="two courses"):
        function(2, [[0, 2]])
    with pytest.raises(ValueError, match=">= 0"):
        function(-1, [])


def test_brute_force_refuses_big_inputs() -> None:
    with pytest.raises(ValueError, match="too many"):
        course_order_brute_force(9, [])
