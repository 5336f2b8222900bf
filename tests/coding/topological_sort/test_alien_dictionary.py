"""alien_order: a valid alphabet exactly when trying every ordering finds one."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.topological_sort.alien_dictionary import alien_order, alien_order_brute_force
from examples.coding.topological_sort.order_checks import alphabet

WORDS = st.lists(st.text("abcde", max_size=4), max_size=6)


@settings(max_examples=200, deadline=None)
@given(WORDS)
def test_valid_exactly_when_some_ordering_sorts_the_words(words: list[str]) -> None:
    expected = alien_order_brute_force(words)
    actual = alien_order(words)
    assert alphabet(expected, actual, [words]) is None
    assert (actual == "") == (expected == "")


@settings(max_examples=100, deadline=None)
@given(WORDS.map(sorted))
def test_words_sorted_in_english_always_have_an_alphabet(words: list[str]) -> None:
    letters = {ch for word in words for ch in word}
    assert alphabet("abcde", alien_order(words), [words]) is None or not letters


def test_a_word_before_its_prefix_is_invalid() -> None:
    assert alien_order(["abc", "ab"]) == ""
    assert alien_order(["ab", "abc"]) != ""


def test_checker_rejects_an_alphabet_that_does_not_sort_the_words() -> None:
    assert alphabet("ba", "ab", [["ba", "ab"]]) is not None
    assert alphabet("ba", "b", [["ba", "ab"]]) is not None
    assert alphabet("", "ab", [["ab", "a"]]) is not None


def test_brute_force_refuses_many_letters() -> None:
    with pytest.raises(ValueError, match="letters"):
        alien_order_brute_force(["abcdefgh"])
