"""Unique paths in a grid with obstacles: one row of counts, and the binomial closed form."""

from __future__ import annotations

import math


def _require_grid(grid: list[list[int]]) -> None:
    if any(len(row) != len(grid[0]) for row in grid):
        raise ValueError("every row of the grid must have the same length")
    if any(cell not in (0, 1) for row in grid for cell in row):
        raise ValueError("grid cells must be 0 (open) or 1 (blocked)")


# --8<-- [start:optimal]
def unique_paths_with_obstacles(grid: list[list[int]]) -> int:
    """Paths from the top-left to the bottom-right cell, moving right or down.

    grid[i][j] is 1 for a blocked cell and 0 for an open one. The state:
    paths[j] after row i is the number of paths from (0, 0) to (i, j).
    Transition: paths into (i, j) = paths into the cell above (the old
    paths[j]) + paths into the cell to its left (paths[j - 1], already
    updated for row i); a blocked cell has 0. Time O(m * n), space O(n).
    """
    _require_grid(grid)  # before the empty check: [[], [0]] is ragged, not empty
    if not grid or not grid[0]:
        return 0
    paths = [0] * len(grid[0])
    paths[0] = 1  # one way to stand on the start, before looking at it
    for row in grid:
        for j, blocked in enumerate(row):
            if blocked:
                paths[j] = 0
            elif j > 0:
                paths[j] += paths[j - 1]  # above (old value) + left (new value)
    return paths[-1]


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def unique_paths_with_obstacles_brute_force(grid: list[list[int]]) -> int:
    """Walk every path: from each cell, try right and try down.

    Plain recursion, no cache. Time O(2^(m + n)): each of the up to
    m + n - 2 moves branches in two. Space O(m + n) of recursion.
    """
    _require_grid(grid)
    if not grid or not grid[0]:
        return 0
    last_row, last_col = len(grid) - 1, len(grid[0]) - 1

    def walk(i: int, j: int) -> int:
        if i > last_row or j > last_col or grid[i][j] == 1:
            return 0
        if (i, j) == (last_row, last_col):
            return 1
        return walk(i, j + 1) + walk(i + 1, j)

    return walk(0, 0)


# --8<-- [end:brute_force]


# --8<-- [start:closed_form]
def unique_paths(rows: int, cols: int) -> int:
    """Paths through an open rows x cols grid: a binomial coefficient.

    Every path is rows - 1 moves down and cols - 1 moves right in some
    order; choosing which of the rows + cols - 2 moves go down fixes it.
    """
    if rows < 0 or cols < 0:
        raise ValueError("a grid cannot have a negative size")
    if rows == 0 or cols == 0:
        return 0
    return math.comb(rows + cols - 2, rows - 1)


# --8<-- [end:closed_form]


if __name__ == "__main__":
    # --8<-- [start:demo]
    print(unique_paths_with_obstacles([[0, 0, 0], [0, 1, 0], [0, 0, 0]]))
    #> 2
    print(unique_paths_with_obstacles([[0, 1], [1, 0]]))  # walled off
    #> 0
    open_grid = [[0] * 7 for _ in range(3)]
    print(unique_paths_with_obstacles(open_grid), unique_paths(3, 7))
    #> 28 28
    print(unique_paths(100, 100))  # Python ints do not overflow
    #> 22750883079422934966181954039568885395604168260154104734000
    print(unique_paths(100, 100).bit_length())  # bits: far past 64
    #> 194
    # --8<-- [end:demo]
