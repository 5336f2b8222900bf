"""The three duplicate checks agree with each other and with a set-size model."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.complexity.duplicate_pairs import has_duplicate_pairs
from examples.coding.complexity.duplicate_set import has_duplicate
from examples.coding.complexity.duplicate_sorted import has_duplicate_sorted

# A narrow range makes duplicates common; lists may be empty or one element long.
small_ints = st.lists(st.integers(min_value=-20, max_value=20), max_size=30)


@settings(max_examples=200, deadline=None)
@given(small_ints)
def test_all_three_agree_with_the_model(values: list[int]) -> None:
    expected = len(set(values)) != len(values)
    assert has_duplicate_pairs(values) is expected
    assert has_duplicate_sorted(values) is expected
    assert has_duplicate(values) is expected


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=2), max_size=15))
def test_they_agree_on_strings(values: list[str]) -> None:
    answers = {has_duplicate_pairs(values), has_duplicate_sorted(values), has_duplicate(values)}
    assert len(answers) == 1


def test_sorting_leaves_the_callers_list_alone() -> None:
    values = [3, 1, 2, 1]
    assert has_duplicate_sorted(values) is True
    assert values == [3, 1, 2, 1]


def test_the_set_version_accepts_any_iterable_and_stops_early() -> None:
    consumed = []

    def stream():
        for value in [5, 6, 5, 7, 8]:
            consumed.append(value)
            yield value

    assert has_duplicate(stream()) is True
    assert consumed == [5, 6, 5]


def test_unhashable_or_unorderable_items_fail_loudly() -> None:
    with pytest.raises(TypeError):
        has_duplicate([[1], [1]])
    with pytest.raises(TypeError):
        has_duplicate_sorted([1, "a"])
    assert has_duplicate_pairs([[1], [1]]) is True  # only needs ==
