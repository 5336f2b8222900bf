"""The practice solutions against their brute forces."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.union_find.equations_possible import equations_possible, equations_possible_brute_force
from examples.coding.union_find.provinces import count_provinces, count_provinces_brute_force
from examples.coding.union_find.smallest_string_swaps import (
    smallest_string_with_swaps,
    smallest_string_with_swaps_brute_force,
)

VARIABLE = st.sampled_from("abcde")
EQUATION = st.builds(lambda a, op, b: a + op + b, VARIABLE, st.sampled_from(["==", "!="]), VARIABLE)


@settings(max_examples=200, deadline=None)
@given(st.lists(EQUATION, max_size=8))
def test_equations_match_trying_every_assignment(equations: list[str]) -> None:
    assert equations_possible(equations) == equations_possible_brute_force(equations)


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet="abc", max_size=6).flatmap(
        lambda text: st.tuples(
            st.just(text),
            st.lists(st.lists(st.integers(0, len(text) - 1), min_size=2, max_size=2), max_size=4)
            if text
            else st.just([]),
        )
    )
)
def test_swaps_match_searching_every_reachable_string(case: tuple[str, list[list[int]]]) -> None:
    text, pairs = case
    assert smallest_string_with_swaps(text, pairs) == smallest_string_with_swaps_brute_force(text, pairs)


@st.composite
def symmetric_matrices(draw: st.DrawFn) -> list[list[int]]:
    n = draw(st.integers(0, 8))
    matrix = [[1 if i == j else 0 for j in range(n)] for i in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            matrix[i][j] = matrix[j][i] = draw(st.integers(0, 1))
    return matrix


@settings(max_examples=200, deadline=None)
@given(symmetric_matrices())
def test_provinces_match_depth_first_search(matrix: list[list[int]]) -> None:
    assert count_provinces(matrix) == count_provinces_brute_force(matrix)


@pytest.mark.parametrize("equation", ["a=b", "a<>b", "A==b", "ab==c", "é==a"])
def test_malformed_equations_are_rejected(equation: str) -> None:
    with pytest.raises(ValueError, match="expected"):
        equations_possible([equation])


def test_swap_positions_past_the_end_are_rejected() -> None:
    with pytest.raises(ValueError, match="outside"):
        smallest_string_with_swaps("ab", [[0, 2]])


def test_non_symmetric_matrix_is_rejected() -> None:
    with pytest.raises(ValueError, match="symmetric"):
        count_provinces([[1, 1], [0, 1]])
