"""Floyd's cycle start against a set of visited nodes, on lists with and without a cycle."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.linked_lists.cycle_start import (
    build_cycle,
    cycle_start_index,
    find_cycle_start,
    find_cycle_start_brute_force,
    index_of,
)


@st.composite
def lists_with_pos(draw: st.DrawFn) -> tuple[list[int], int]:
    values = draw(st.lists(st.integers(-5, 5), max_size=50))
    pos = draw(st.integers(-1, len(values) - 1))
    return values, pos


@given(lists_with_pos())
@settings(max_examples=300, deadline=None)
def test_floyd_finds_the_same_node_as_the_visited_set(case: tuple[list[int], int]) -> None:
    values, pos = case
    head = build_cycle(values, pos)
    assert find_cycle_start(head) is find_cycle_start_brute_force(head)
    assert cycle_start_index(values, pos) == pos


@pytest.mark.parametrize(("values", "pos"), [([1, 2, 3], 3), ([1, 2, 3], -2), ([], 0)])
def test_a_pos_outside_the_list_is_refused(values: list[int], pos: int) -> None:
    with pytest.raises(ValueError, match="pos must be -1 or an index"):
        build_cycle(values, pos)


def test_index_of_a_node_not_in_the_list_is_minus_one() -> None:
    assert index_of(build_cycle([1, 2], -1), None) == -1
