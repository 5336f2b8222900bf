"""The trie-pruned search finds exactly the words a per-word search finds, each once."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.tries.bugs import find_words_unpruned
from examples.coding.tries.word_search import find_words, find_words_brute_force


@st.composite
def boards(draw: st.DrawFn) -> list[list[str]]:
    rows = draw(st.integers(0, 4))
    cols = draw(st.integers(1, 4))
    return [draw(st.lists(st.sampled_from("abc"), min_size=cols, max_size=cols)) for _ in range(rows)]


WORDS = st.lists(st.text(alphabet="abcd", max_size=6), max_size=12)


@settings(max_examples=200, deadline=None)
@given(boards(), WORDS)
def test_agrees_with_one_search_per_word(board: list[list[str]], words: list[str]) -> None:
    found = find_words(board, words)
    assert len(found) == len(set(found))  # each word once
    assert sorted(found) == sorted(find_words_brute_force(board, words))


@settings(max_examples=50, deadline=None)
@given(boards(), WORDS)
def test_the_board_is_left_as_it_was(board: list[list[str]], words: list[str]) -> None:
    before = [row[:] for row in board]
    find_words(board, words)
    assert board == before


def test_the_unpruned_bug_repeats_words() -> None:
    assert find_words_unpruned([["a", "a"]], ["a"]) == ["a", "a"]
    assert find_words([["a", "a"]], ["a"]) == ["a"]


@pytest.mark.parametrize("board", [[["a", "b"], ["c"]], [["ab"]], [[""]]])
def test_bad_boards_are_refused(board: list[list[str]]) -> None:
    with pytest.raises(ValueError, match=r"row|cell"):
        find_words(board, ["a"])
