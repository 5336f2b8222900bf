"""The monotonic stack template agrees with the quadratic scan."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.stacks_queues.monotonic_stack import next_greater_index, next_greater_index_brute_force

# A narrow range of values makes duplicates common.
values = st.lists(st.integers(-5, 5), max_size=40)


@given(values)
@settings(max_examples=200, deadline=None)
def test_matches_brute_force(items: list[int]) -> None:
    assert next_greater_index(items) == next_greater_index_brute_force(items)


@given(values)
@settings(max_examples=200, deadline=None)
def test_every_answer_is_the_first_greater_to_the_right(items: list[int]) -> None:
    for i, j in enumerate(next_greater_index(items)):
        if j == -1:
            assert all(later <= items[i] for later in items[i + 1 :])
        else:
            assert j > i and items[j] > items[i]
            assert all(between <= items[i] for between in items[i + 1 : j])
