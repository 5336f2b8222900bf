"""Word ladder: buckets, 26 letters and the all-pairs graph agree."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.graphs.word_ladder import (
    ladder_length,
    ladder_length_brute_force,
    ladder_length_letters,
)

# Three letters and short words: many one-letter neighbors, so real ladders form.
WORD = st.text("abc", min_size=3, max_size=3)


@settings(max_examples=200, deadline=None)
@given(WORD, WORD, st.lists(WORD, max_size=15))
def test_three_solutions_agree(begin: str, end: str, words: list[str]) -> None:
    expected = ladder_length_brute_force(begin, end, words)
    assert ladder_length(begin, end, words) == expected
    assert ladder_length_letters(begin, end, words) == expected


@settings(max_examples=100, deadline=None)
@given(WORD, WORD, st.lists(WORD, max_size=15))
def test_end_in_the_list_is_guaranteed_reachable_through_it(begin, end, words) -> None:
    # Adding the whole one-letter-apart chain makes a ladder exist.
    chain, word = [], begin
    for i, letter in enumerate(end):
        word = word[:i] + letter + word[i + 1 :]
        chain.append(word)
    steps = sum(a != b for a, b in zip(begin, end, strict=True))
    assert ladder_length(begin, end, words + chain) == steps + 1


def test_words_of_other_lengths_are_never_neighbors() -> None:
    assert ladder_length("ab", "abc", ["abc"]) == 0
    assert ladder_length("ab", "ac", ["abc", "ac"]) == 2


def test_input_list_is_unchanged() -> None:
    words = ["cord", "card", "ward", "warm"]
    ladder_length("cold", "warm", words)
    assert words == ["cord", "card", "ward", "warm"]
