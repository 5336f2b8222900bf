"""Practice problems: rotting oranges, flood fill and surrounded regions against brute force."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.graphs.flood_fill import flood_fill, flood_fill_brute_force
from examples.coding.graphs.rotting_oranges import minutes_to_rot, minutes_to_rot_brute_force
from examples.coding.graphs.surrounded_regions import (
    capture_regions,
    capture_regions_brute_force,
)
from tests.coding.graphs.strategies import grids


@settings(max_examples=200, deadline=None)
@given(grids(values=(0, 1, 2)))
def test_rotting_matches_the_minute_by_minute_simulation(grid: list[list[int]]) -> None:
    before = copy.deepcopy(grid)
    assert minutes_to_rot(grid) == minutes_to_rot_brute_force(grid)
    assert grid == before


@settings(max_examples=200, deadline=None)
@given(grids(values=(-1, 0, 3), max_side=6).filter(bool), st.data())
def test_flood_fill_matches_ring_by_ring_growth(image: list[list[int]], data) -> None:
    row = data.draw(st.integers(0, len(image) - 1))
    col = data.draw(st.integers(0, len(image[0]) - 1))
    color = data.draw(st.sampled_from((-1, 0, 3, 7)))
    before = copy.deepcopy(image)
    assert flood_fill(image, row, col, color) == flood_fill_brute_force(image, row, col, color)
    assert image == before


@pytest.mark.parametrize("solve", [flood_fill, flood_fill_brute_force])
@pytest.mark.parametrize(("row", "col"), [(1, 0), (0, 1), (-1, 0)])
def test_flood_fill_refuses_a_start_outside(solve, row: int, col: int) -> None:
    with pytest.raises(ValueError, match="outside the image"):
        solve([[1]], row, col, 2)


@settings(max_examples=200, deadline=None)
@given(grids(values=(0, 1)))
def test_capture_matches_searching_from_every_cell(cells: list[list[int]]) -> None:
    board = [["O" if cell else "X" for cell in row] for row in cells]
    expected = copy.deepcopy(board)
    capture_regions_brute_force(expected)
    capture_regions(board)
    assert board == expected


def test_capture_refuses_a_ragged_board() -> None:
    with pytest.raises(ValueError, match="same length"):
        capture_regions([["X", "O"], ["X"]])
