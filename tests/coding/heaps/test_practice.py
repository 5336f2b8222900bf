"""The practice problems against their brute forces."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.heaps.checkers import valid_reorganization
from examples.coding.heaps.kth_largest_stream import KthLargest, KthLargestBruteForce
from examples.coding.heaps.last_stone_weight import (
    last_stone_weight,
    last_stone_weight_brute_force,
)
from examples.coding.heaps.reorganize_string import (
    reorganize_string,
    reorganize_string_brute_force,
)


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 5),
    st.lists(st.integers(-20, 20), max_size=8),
    st.lists(st.integers(-20, 20), max_size=30),
)
def test_kth_largest_stream(k: int, start: list[int], stream: list[int]) -> None:
    mine, theirs = KthLargest(k, start), KthLargestBruteForce(k, start)
    for num in stream:
        assert mine.add(num) == theirs.add(num)


@pytest.mark.parametrize("cls", [KthLargest, KthLargestBruteForce])
def test_kth_largest_stream_refuses_k_below_one(cls) -> None:
    with pytest.raises(ValueError, match="1 or more"):
        cls(0, [])


@settings(max_examples=200, deadline=None)
@given(st.text("abc", max_size=7))
def test_reorganize_string(text: str) -> None:
    answer, brute = reorganize_string(text), reorganize_string_brute_force(text)
    assert (answer == "") == (brute == "")
    assert valid_reorganization(brute, answer, [text]) is None
    if answer:
        assert Counter(answer) == Counter(text)


def test_the_checker_rejects_wrong_answers() -> None:
    assert valid_reorganization("aba", "aab", ["aab"]) is not None
    assert valid_reorganization("aba", "ab", ["aab"]) is not None
    assert valid_reorganization("", "ab", ["aab"]) is not None
    assert valid_reorganization("aba", None, ["aab"]) is not None


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(1, 30), max_size=25))
def test_last_stone_weight(stones: list[int]) -> None:
    assert last_stone_weight(stones) == last_stone_weight_brute_force(stones)


@pytest.mark.parametrize("solution", [last_stone_weight, last_stone_weight_brute_force])
def test_last_stone_weight_refuses_non_positive(solution) -> None:
    with pytest.raises(ValueError, match="positive"):
        solution([3, 0])
