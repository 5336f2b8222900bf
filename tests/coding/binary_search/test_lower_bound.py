import bisect

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.binary_search.lower_bound import first_true, lower_bound, upper_bound

sorted_ints = st.lists(st.integers(-50, 50), max_size=40).map(sorted)


@settings(max_examples=200, deadline=None)
@given(sorted_ints, st.integers(-60, 60))
def test_bounds_match_bisect(items: list[int], x: int) -> None:
    assert lower_bound(items, x) == bisect.bisect_left(items, x)
    assert upper_bound(items, x) == bisect.bisect_right(items, x)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(-20, 20), st.text(max_size=2)), max_size=30), st.integers(-25, 25))
def test_key_matches_bisect_key(records: list[tuple[int, str]], x: int) -> None:
    records.sort(key=lambda record: record[0])
    key = lambda record: record[0]  # noqa: E731
    assert lower_bound(records, x, key=key) == bisect.bisect_left(records, x, key=key)
    assert upper_bound(records, x, key=key) == bisect.bisect_right(records, x, key=key)


@settings(max_examples=200, deadline=None)
@given(st.integers(-100, 100), st.integers(0, 60), st.integers(0, 60))
def test_first_true_finds_the_switch(lo: int, length: int, switch_offset: int) -> None:
    hi = lo + length
    switch = lo + min(switch_offset, length)  # predicate true from here on
    calls: list[int] = []

    def predicate(i: int) -> bool:
        calls.append(i)
        return i >= switch

    assert first_true(lo, hi, predicate) == switch
    assert all(lo <= i < hi for i in calls)  # never called at hi
    assert len(calls) <= max(1, length).bit_length()


def test_empty_range_returns_lo_without_calling() -> None:
    assert first_true(3, 3, lambda i: pytest.fail("called")) == 3


def test_reversed_range_is_refused() -> None:
    with pytest.raises(ValueError, match="lo <= hi"):
        first_true(5, 4, lambda i: True)
