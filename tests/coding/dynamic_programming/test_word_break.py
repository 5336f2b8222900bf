"""Word break against plain recursion, on small alphabets where splits collide."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.dynamic_programming.word_break import word_break, word_break_brute_force

TEXTS = st.text(alphabet="ab", max_size=12)
WORDS = st.lists(st.text(alphabet="ab", min_size=1, max_size=3), max_size=5)


@settings(max_examples=200, deadline=None)
@given(TEXTS, WORDS)
def test_matches_plain_recursion(text: str, words: list[str]) -> None:
    assert word_break(text, words) == word_break_brute_force(text, words)


def test_a_long_text_of_one_letter_is_fast() -> None:
    # Plain recursion would try every cut of the 200 a's into pieces of 1 to 3 letters.
    assert word_break("a" * 200 + "b", ["a", "aa", "aaa"]) is False


@pytest.mark.parametrize("function", [word_break, word_break_brute_force])
def test_refuses_an_empty_word(function) -> None:
    with pytest.raises(ValueError, match="non-empty"):
        function("a", ["", "a"])
