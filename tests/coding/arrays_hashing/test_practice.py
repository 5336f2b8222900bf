"""The practice solutions agree with their brute forces."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.arrays_hashing.first_unique_char import (
    first_unique_char,
    first_unique_char_brute_force,
)
from examples.coding.arrays_hashing.top_k_frequent import (
    top_k_frequent,
    top_k_frequent_brute_force,
)
from examples.coding.arrays_hashing.valid_anagram import (
    is_anagram,
    is_anagram_brute_force,
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=-5, max_value=5), max_size=30), st.data())
def test_bucket_sort_matches_sorting(nums: list[int], data: st.DataObject) -> None:
    k = data.draw(st.integers(min_value=0, max_value=len(set(nums))))
    assert top_k_frequent(nums, k) == top_k_frequent_brute_force(nums, k)


class NoIndexList(list):
    """A list whose .index is forbidden: each call scans the list, O(n)."""

    def index(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("list.index inside a sort key makes it O(n * d)")


def test_sorting_oracle_is_o_n_log_n_without_list_index() -> None:
    nums = NoIndexList([5, 6, 6, 5, 7])
    assert top_k_frequent_brute_force(nums, 2) == [5, 6]


@pytest.mark.parametrize("k", [-1, 3])
def test_top_k_refuses_a_k_out_of_range(k: int) -> None:
    with pytest.raises(ValueError, match="k must be between 0 and 2"):
        top_k_frequent([1, 1, 2], k)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abé", max_size=8), st.text(alphabet="abé", max_size=8))
def test_counting_matches_sorting(first: str, second: str) -> None:
    assert is_anagram(first, second) == is_anagram_brute_force(first, second)


@given(st.text(alphabet="ab", max_size=8).map(lambda s: (s, "".join(reversed(s)))))
def test_a_reversed_string_is_an_anagram(pair: tuple[str, str]) -> None:
    assert is_anagram(*pair)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcA ", max_size=12))
def test_first_unique_matches_rescanning(text: str) -> None:
    assert first_unique_char(text) == first_unique_char_brute_force(text)
