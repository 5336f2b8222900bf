"""The one-pass gap against deleting by negative index in a copy, and bad n."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.linked_lists.remove_nth_from_end import remove_nth_from_end, remove_nth_from_end_brute_force
from examples.coding.nodes import build_list, list_values


@st.composite
def lists_with_n(draw: st.DrawFn) -> tuple[list[int], int]:
    values = draw(st.lists(st.integers(-20, 20), min_size=1, max_size=40))
    return values, draw(st.integers(1, len(values)))


@given(lists_with_n())
@settings(max_examples=200, deadline=None)
def test_one_pass_matches_the_brute_force(case: tuple[list[int], int]) -> None:
    values, n = case
    expected = list_values(remove_nth_from_end_brute_force(build_list(values), n))
    assert list_values(remove_nth_from_end(build_list(values), n)) == expected


@pytest.mark.parametrize(("values", "n"), [([1, 2], 0), ([1, 2], -1), ([1, 2], 3), ([], 1)])
def test_a_bad_n_is_refused_and_the_list_is_untouched(values: list[int], n: int) -> None:
    head = build_list(values)
    with pytest.raises(ValueError, match="n"):
        remove_nth_from_end(head, n)
    with pytest.raises(ValueError):
        remove_nth_from_end_brute_force(build_list(values), n)
    assert list_values(head) == values
