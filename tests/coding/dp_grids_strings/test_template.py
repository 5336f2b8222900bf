"""fill_table: row-major order, None in unfilled cells, sizes checked."""

from __future__ import annotations

import pytest

from examples.coding.dp_grids_strings.template import fill_table


def test_cells_are_filled_row_by_row_left_to_right() -> None:
    order: list[tuple[int, int]] = []

    def cell(table: list[list[int]], i: int, j: int) -> int:
        order.append((i, j))
        return 0

    fill_table(2, 3, cell)
    assert order == [(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2)]


def test_reading_a_cell_not_yet_filled_fails_loudly() -> None:
    with pytest.raises(TypeError):
        fill_table(2, 2, lambda table, i, j: 1 if i == 1 else table[i + 1][j] + 1)


def test_empty_and_negative_sizes() -> None:
    assert fill_table(0, 5, lambda table, i, j: 1) == []
    with pytest.raises(ValueError, match="negative"):
        fill_table(-1, 2, lambda table, i, j: 1)
