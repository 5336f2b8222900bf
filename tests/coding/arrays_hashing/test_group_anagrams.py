"""Group anagrams: both keys and the brute force make the same groups."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.arrays_hashing.group_anagrams import (
    group_anagrams,
    group_anagrams_brute_force,
    group_anagrams_sorted_key,
    letter_counts,
)

words = st.lists(st.text(alphabet="abc", max_size=4), max_size=20)


def canonical(groups: list[list[str]]) -> list[list[str]]:
    return sorted(sorted(group) for group in groups)


@settings(max_examples=200, deadline=None)
@given(words)
def test_count_key_matches_brute_force(items: list[str]) -> None:
    assert canonical(group_anagrams(items)) == canonical(
        group_anagrams_brute_force(items)
    )


@settings(max_examples=200, deadline=None)
@given(words)
def test_both_keys_give_the_same_groups_in_the_same_order(items: list[str]) -> None:
    assert group_anagrams(items) == group_anagrams_sorted_key(items)


@given(words)
def test_every_word_lands_in_exactly_one_group(items: list[str]) -> None:
    flat = [word for group in group_anagrams(items) for word in group]
    assert sorted(flat) == sorted(items)


@pytest.mark.parametrize("word", ["Tea", "née", "a b", "x1"])
def test_count_key_refuses_characters_outside_a_to_z(word: str) -> None:
    with pytest.raises(ValueError, match="only lowercase a-z"):
        group_anagrams(["ok", word])


def test_sorted_key_accepts_any_characters() -> None:
    assert group_anagrams_sorted_key(["née", "éen"]) == [["née", "éen"]]


def test_count_key_is_a_hashable_tuple_of_26() -> None:
    key = letter_counts("zz")
    assert isinstance(key, tuple)
    assert len(key) == 26
    assert key[25] == 2
