"""Word search against spelling every path, and the board is restored."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.backtracking.word_search import word_search, word_search_brute_force


@st.composite
def boards(draw) -> list[list[str]]:
    rows = draw(st.integers(0, 3))
    cols = draw(st.integers(1, 3))
    return [[draw(st.sampled_from("AB")) for _ in range(cols)] for _ in range(rows)]


@settings(max_examples=200, deadline=None)
@given(boards(), st.text("ABC", max_size=5))
def test_matches_brute_force_and_restores_the_board(board: list[list[str]], word: str) -> None:
    before = copy.deepcopy(board)
    assert word_search(board, word) == word_search_brute_force(board, word)
    assert board == before


def test_restores_the_board_after_a_hit() -> None:
    board = [list("AB"), list("CD")]
    assert word_search(board, "ABDC")
    assert board == [list("AB"), list("CD")]


@pytest.mark.parametrize("function", [word_search, word_search_brute_force])
def test_refuses_a_ragged_board(function) -> None:
    with pytest.raises(ValueError, match="same length"):
        function([["A", "B"], ["C"]], "AB")
