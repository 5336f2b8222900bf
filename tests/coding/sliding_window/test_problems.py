"""Every canonical problem's optimal solution against its brute force on random input."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.sliding_window.longest_k_distinct import (
    longest_k_distinct,
    longest_k_distinct_brute_force,
)
from examples.coding.sliding_window.longest_unique_substring import (
    longest_unique_substring,
    longest_unique_substring_brute_force,
    longest_unique_substring_with_set,
)
from examples.coding.sliding_window.max_window_sum import (
    max_window_sum,
    max_window_sum_brute_force,
)
from examples.coding.sliding_window.min_window_substring import (
    min_window,
    min_window_brute_force,
)
from examples.coding.sliding_window.window_maxima import (
    window_maxima,
    window_maxima_brute_force,
)

# Small alphabets and ranges, so random input has duplicates and repeats.
NUMS = st.lists(st.integers(-20, 20), max_size=30)
TEXT = st.text(alphabet="abcA", max_size=30)
UNICODE_TEXT = st.text(max_size=20)


@settings(max_examples=200, deadline=None)
@given(nums=NUMS, k=st.integers(1, 10))
def test_max_window_sum(nums: list[int], k: int) -> None:
    assert max_window_sum(nums, k) == max_window_sum_brute_force(nums, k)


@settings(max_examples=200, deadline=None)
@given(text=st.one_of(TEXT, UNICODE_TEXT))
def test_longest_unique_substring_both_ways(text: str) -> None:
    expected = longest_unique_substring_brute_force(text)
    assert longest_unique_substring(text) == expected
    assert longest_unique_substring_with_set(text) == expected


@settings(max_examples=200, deadline=None)
@given(text=TEXT, pattern=st.text(alphabet="abcA", max_size=4))
def test_min_window(text: str, pattern: str) -> None:
    assert min_window(text, pattern) == min_window_brute_force(text, pattern)


@settings(max_examples=200, deadline=None)
@given(text=TEXT, k=st.integers(0, 5))
def test_longest_k_distinct(text: str, k: int) -> None:
    assert longest_k_distinct(text, k) == longest_k_distinct_brute_force(text, k)


@settings(max_examples=200, deadline=None)
@given(nums=NUMS, k=st.integers(1, 10))
def test_window_maxima(nums: list[int], k: int) -> None:
    assert window_maxima(nums, k) == window_maxima_brute_force(nums, k)


@pytest.mark.parametrize(
    "call",
    [
        lambda: max_window_sum([1], 0),
        lambda: max_window_sum_brute_force([1], -1),
        lambda: window_maxima([1], 0),
        lambda: window_maxima_brute_force([1], 0),
        lambda: longest_k_distinct("a", -1),
        lambda: longest_k_distinct_brute_force("a", -1),
    ],
)
def test_bad_sizes_are_refused(call) -> None:
    with pytest.raises(ValueError, match="at least"):
        call()


@settings(max_examples=100, deadline=None)
@given(text=TEXT, k=st.integers(0, 4))
def test_k_distinct_never_shrinks_as_k_grows(text: str, k: int) -> None:
    assert longest_k_distinct(text, k) <= longest_k_distinct(text, k + 1)
