"""The tabulate helper: base cases, sizes smaller than the base, bad input."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.dynamic_programming.climbing_stairs import climb_ways
from examples.coding.dynamic_programming.template import tabulate


@settings(max_examples=50, deadline=None)
@given(st.integers(0, 40))
def test_fills_size_plus_one_answers(size: int) -> None:
    table = tabulate(size, [1, 1], lambda ways, i: ways[i - 1] + ways[i - 2])
    assert len(table) == size + 1
    assert table == [climb_ways(i) for i in range(size + 1)]


def test_step_sees_exactly_the_smaller_answers() -> None:
    seen = []

    def step(table: list[int], i: int) -> int:
        seen.append((len(table), i))
        return i

    tabulate(4, [0], step)
    assert seen == [(1, 1), (2, 2), (3, 3), (4, 4)]


def test_size_below_the_base_cases_keeps_only_what_was_asked() -> None:
    assert tabulate(0, [1, 1], lambda t, i: 0) == [1]


def test_bad_input() -> None:
    with pytest.raises(ValueError, match="zero or more"):
        tabulate(-1, [0], lambda t, i: 0)
    with pytest.raises(ValueError, match="base case"):
        tabulate(3, [], lambda t, i: 0)
