"""Practice problems: each one-row DP matches its brute force."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.dp_grids_strings.distinct_subsequences import (
    count_subsequences,
    count_subsequences_brute_force,
)
from examples.coding.dp_grids_strings.interleaving_string import (
    is_interleaving,
    is_interleaving_brute_force,
)
from examples.coding.dp_grids_strings.maximal_square import maximal_square, maximal_square_brute_force


@st.composite
def zero_one_matrices(draw: st.DrawFn) -> list[list[int]]:
    rows, cols = draw(st.integers(0, 6)), draw(st.integers(1, 6))
    cell = st.sampled_from([0, 1, 1, 1])
    return [[draw(cell) for _ in range(cols)] for _ in range(rows)]


@settings(max_examples=200, deadline=None)
@given(zero_one_matrices())
def test_maximal_square_matches_every_square(matrix: list[list[int]]) -> None:
    assert maximal_square(matrix) == maximal_square_brute_force(matrix)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab", max_size=6), st.text(alphabet="ab", max_size=6), st.data())
def test_interleaving_matches_plain_recursion(first: str, second: str, data: st.DataObject) -> None:
    # Half the targets are shuffles of first + second, so both answers occur often.
    letters = list(first + second)
    target = (
        "".join(data.draw(st.permutations(letters)))
        if data.draw(st.booleans())
        else data.draw(st.text(alphabet="ab", max_size=12))
    )
    assert is_interleaving(first, second, target) == is_interleaving_brute_force(first, second, target)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab", max_size=12), st.text(alphabet="ab", max_size=4))
def test_distinct_subsequences_matches_plain_recursion(text: str, pattern: str) -> None:
    assert count_subsequences(text, pattern) == count_subsequences_brute_force(text, pattern)


@pytest.mark.parametrize("matrix", [[[1, 1], [1]], [[], [1]], [[1, 2]]])
def test_maximal_square_refuses_bad_input(matrix: list[list[int]]) -> None:
    # An empty first row must not hide a ragged matrix behind the "empty" answer.
    with pytest.raises(ValueError):
        maximal_square(matrix)
