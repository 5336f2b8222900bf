"""The bottom-up skeleton for a 2-D dynamic program: a table filled in row-major order."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


# --8<-- [start:fill_table]
def fill_table(
    rows: int, cols: int, cell: Callable[[list[list[T]], int, int], T]
) -> list[list[T]]:
    """A rows x cols table whose cell (i, j) is cell(table, i, j).

    Cells are filled row by row, each row left to right (row-major order).
    Invariant: when cell(table, i, j) runs, every cell above row i and every
    cell left of column j in row i is final, so cell may read (i - 1, j),
    (i, j - 1) and (i - 1, j - 1), and must not read anything below or right.
    Cells not yet filled hold None, so reading one fails loudly.
    Time O(rows * cols) calls of cell; space O(rows * cols).
    """
    if rows < 0 or cols < 0:
        raise ValueError("a table cannot have a negative size")
    table: list[list[T]] = [[None] * cols for _ in range(rows)]  # type: ignore[list-item]
    for i in range(rows):
        for j in range(cols):
            table[i][j] = cell(table, i, j)
    return table


# --8<-- [end:fill_table]


# --8<-- [start:lcs_with_template]
def lcs_length_by_template(a: str, b: str) -> int:
    """Length of a longest common subsequence, as one call to fill_table.

    Cell (i, j) answers the question for the prefixes a[:i] and b[:j], so the
    table has len(a) + 1 rows and len(b) + 1 columns: row 0 and column 0 are
    the empty prefix. String index i - 1 belongs to table row i.
    """

    def cell(table: list[list[int]], i: int, j: int) -> int:
        if i == 0 or j == 0:
            return 0  # nothing is common with an empty prefix
        if a[i - 1] == b[j - 1]:
            return table[i - 1][j - 1] + 1
        return max(table[i - 1][j], table[i][j - 1])

    return fill_table(len(a) + 1, len(b) + 1, cell)[len(a)][len(b)]


# --8<-- [end:lcs_with_template]


if __name__ == "__main__":
    # --8<-- [start:demo]
    print(lcs_length_by_template("kitten", "sitting"))
    #> 4
    # Paths from the top-left corner that move only right or down:
    paths = fill_table(
        3,
        4,
        lambda table, i, j: (
            1 if i == 0 or j == 0 else table[i - 1][j] + table[i][j - 1]
        ),
    )
    for row in paths:
        print(row)
        #> [1, 1, 1, 1]
        #> [1, 2, 3, 4]
        #> [1, 3, 6, 10]
    # --8<-- [end:demo]
