"""The bounded heap agrees with sorting and with heapq.nlargest, ties included."""

from __future__ import annotations

import heapq

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.heaps.template import k_largest

WORDS = st.lists(st.text("abc", max_size=4), max_size=30)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-20, 20), max_size=40), st.integers(0, 45))
def test_matches_sorting(numbers: list[int], k: int) -> None:
    assert k_largest(numbers, k) == sorted(numbers, reverse=True)[:k]


@settings(max_examples=200, deadline=None)
@given(WORDS, st.integers(0, 35))
def test_ties_keep_the_earlier_item_like_sorted_and_nlargest(words: list[str], k: int) -> None:
    expected = sorted(words, key=len, reverse=True)[:k]
    assert k_largest(words, k, key=len) == expected == heapq.nlargest(k, words, key=len)


def test_items_that_cannot_be_compared_are_fine() -> None:
    jobs = [{"cost": 3}, {"cost": 3}, {"cost": 1}]
    assert k_largest(jobs, 2, key=lambda job: job["cost"]) == [jobs[0], jobs[1]]


def test_negative_k_is_refused() -> None:
    with pytest.raises(ValueError, match="zero or more"):
        k_largest([1, 2], -1)
