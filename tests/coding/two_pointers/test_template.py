"""The two templates on their own: converge over sorted data, compact in place."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.two_pointers.pair_sum_sorted import pair_with_sum
from examples.coding.two_pointers.template import compact, converge


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-20, 20), max_size=30).map(sorted), st.integers(-40, 40))
def test_converge_is_the_pair_search(numbers: list[int], target: int) -> None:
    found = converge(len(numbers), lambda i, j: numbers[i] + numbers[j] - target)
    assert found == pair_with_sum(numbers, target)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-5, 5), max_size=30))
def test_compact_keeps_what_a_filter_keeps(values: list[int]) -> None:
    copy = list(values)
    count = compact(copy, lambda value, kept, w: value % 2 == 0)
    assert copy[:count] == [value for value in values if value % 2 == 0]


def test_compact_rule_can_read_the_kept_prefix() -> None:
    # At most two of each value: compare with the value two slots back in the kept prefix.
    values = [1, 1, 1, 2, 2, 2, 2, 3]
    count = compact(values, lambda value, kept, w: w < 2 or value != kept[w - 2])
    assert values[:count] == [1, 1, 2, 2, 3]


def test_converge_on_nothing_returns_none() -> None:
    assert converge(0, lambda i, j: 0) is None
    assert converge(1, lambda i, j: 0) is None
