"""Remove duplicates in place: same count and prefix as the copying version, no new list."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.two_pointers.remove_duplicates import (
    distinct_prefix,
    remove_duplicates,
    remove_duplicates_brute_force,
)
from examples.coding.two_pointers.template import compact

SORTED_LISTS = st.lists(st.integers(-5, 5), max_size=40).map(sorted)


@settings(max_examples=200, deadline=None)
@given(SORTED_LISTS)
def test_matches_brute_force_count_and_prefix(numbers: list[int]) -> None:
    mine, theirs = list(numbers), list(numbers)
    count = remove_duplicates(mine)
    assert count == remove_duplicates_brute_force(theirs)
    assert mine[:count] == theirs[:count] == sorted(set(numbers))
    assert len(mine) == len(numbers)  # in place: the list keeps its length


@settings(max_examples=200, deadline=None)
@given(SORTED_LISTS)
def test_is_the_template_with_a_keep_rule(numbers: list[int]) -> None:
    mine, generic = list(numbers), list(numbers)
    count = remove_duplicates(mine)
    assert compact(generic, lambda value, kept, w: w == 0 or value != kept[w - 1]) == count
    assert mine == generic


def test_rewrites_the_same_list_object() -> None:
    numbers = [1, 1, 2]
    identity = id(numbers)
    assert distinct_prefix(numbers) == [1, 2]
    assert id(numbers) == identity and numbers[:2] == [1, 2]
