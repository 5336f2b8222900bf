import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.binary_search.infinite_loop import DidNotFinish, last_true, last_true_rounding_down
from examples.coding.binary_search.overflow import (
    INT_MAX,
    as_int32,
    java_divide,
    midpoint_naive_int32,
    midpoint_safe_int32,
)


def test_rounding_down_never_finishes_when_two_candidates_remain() -> None:
    with pytest.raises(DidNotFinish, match="stuck at lo=1, hi=2"):
        last_true_rounding_down(1, 2, lambda i: i <= 1)


@settings(max_examples=200, deadline=None)
@given(st.integers(-50, 50), st.integers(0, 60), st.integers(0, 60))
def test_last_true_matches_a_scan(lo: int, length: int, switch_offset: int) -> None:
    hi = lo + length
    last = lo + min(switch_offset, length)  # predicate true up to and including here
    assert last_true(lo, hi, lambda i: i <= last) == last


def test_int32_helpers_behave_like_java() -> None:
    assert as_int32(INT_MAX + 1) == -(2**31)
    assert as_int32(-1) == -1
    assert java_divide(-7, 2) == -3  # Python's -7 // 2 is -4


@settings(max_examples=200, deadline=None)
@given(st.integers(0, INT_MAX), st.integers(0, INT_MAX))
def test_safe_midpoint_is_always_in_range_and_naive_is_not(a: int, b: int) -> None:
    lo, hi = min(a, b), max(a, b)
    assert lo <= midpoint_safe_int32(lo, hi) <= hi
    assert midpoint_safe_int32(lo, hi) == (lo + hi) // 2
    if lo + hi > INT_MAX:
        assert midpoint_naive_int32(lo, hi) < 0
