"""The two skeletons against brute force: fixed sums, and the longest valid window."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.sliding_window.template import fixed_window_sums, longest_valid_window

NUMS = st.lists(st.integers(-50, 50), max_size=30)
TEXT = st.text(alphabet="abcd", max_size=30)


@settings(max_examples=200, deadline=None)
@given(nums=NUMS, k=st.integers(1, 8))
def test_fixed_window_sums_match_slicing(nums: list[int], k: int) -> None:
    expected = [sum(nums[start : start + k]) for start in range(len(nums) - k + 1)]
    assert list(fixed_window_sums(nums, k)) == expected


def test_fixed_window_refuses_a_size_below_one() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        list(fixed_window_sums([1, 2], 0))


def _distinct_window(text: str, limit: int) -> tuple[int, int]:
    counts: Counter[str] = Counter()

    def add(char: str) -> None:
        counts[char] += 1

    def remove(char: str) -> None:
        counts[char] -= 1
        if counts[char] == 0:
            del counts[char]

    return longest_valid_window(text, add, remove, lambda: len(counts) <= limit)


@settings(max_examples=200, deadline=None)
@given(text=TEXT, limit=st.integers(0, 4))
def test_longest_valid_window_is_the_leftmost_longest(text: str, limit: int) -> None:
    windows = [
        (start, end - start)
        for start in range(len(text))
        for end in range(start, len(text) + 1)
        if len(set(text[start:end])) <= limit
    ]
    best_length = max((length for _, length in windows), default=0)
    best_start = min((start for start, length in windows if length == best_length), default=0)
    assert _distinct_window(text, limit) == (best_start, best_length)


@settings(max_examples=100, deadline=None)
@given(text=TEXT, limit=st.integers(0, 4))
def test_each_index_enters_and_leaves_at_most_once(text: str, limit: int) -> None:
    """The amortized argument, counted: at most n adds and n removes in total."""
    calls = Counter()
    counts: Counter[str] = Counter()

    def add(char: str) -> None:
        calls["add"] += 1
        counts[char] += 1

    def remove(char: str) -> None:
        calls["remove"] += 1
        counts[char] -= 1
        if counts[char] == 0:
            del counts[char]

    longest_valid_window(text, add, remove, lambda: len(counts) <= limit)
    assert calls["add"] == len(text)
    assert calls["remove"] <= len(text)
