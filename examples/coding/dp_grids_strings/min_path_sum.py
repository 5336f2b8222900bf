"""Minimum path sum: the cheapest right-or-down path through a grid of costs."""

from __future__ import annotations


def _require_grid(grid: list[list[int]]) -> None:
    if not grid or not grid[0]:
        raise ValueError("the grid must have at least one cell")
    if any(len(row) != len(grid[0]) for row in grid):
        raise ValueError("every row of the grid must have the same length")


# --8<-- [start:optimal]
def min_path_sum(grid: list[list[int]]) -> int:
    """Smallest sum of the cells on a path from top-left to bottom-right.

    The path moves right or down. The state: best[j] after row i is the
    cheapest sum of a path from (0, 0) to (i, j). Transition: grid[i][j]
    plus the cheaper of the cell above (old best[j]) and the cell to the
    left (new best[j - 1]). Costs may be negative: with only right and down
    moves there are no cycles to loop around. Time O(m * n), space O(n).
    """
    _require_grid(grid)
    best = [0] * len(grid[0])
    for i, row in enumerate(grid):
        for j, cost in enumerate(row):
            if i == 0 and j == 0:
                best[j] = cost
            elif i == 0:
                best[j] = best[j - 1] + cost  # first row: only from the left
            elif j == 0:
                best[j] = best[j] + cost  # first column: only from above
            else:
                best[j] = min(best[j], best[j - 1]) + cost
    return best[-1]


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def min_path_sum_brute_force(grid: list[list[int]]) -> int:
    """Try every path by plain recursion: right or down from each cell.

    Time O(2^(m + n)), space O(m + n) of recursion.
    """
    _require_grid(grid)
    last_row, last_col = len(grid) - 1, len(grid[0]) - 1

    def cheapest(i: int, j: int) -> float:
        if i > last_row or j > last_col:
            return float("inf")  # walked off the grid: not a path
        if (i, j) == (last_row, last_col):
            return grid[i][j]
        return grid[i][j] + min(cheapest(i, j + 1), cheapest(i + 1, j))

    return int(cheapest(0, 0))


# --8<-- [end:brute_force]


if __name__ == "__main__":
    # --8<-- [start:demo]
    grid = [[1, 3, 1], [1, 5, 1], [4, 2, 1]]
    print(min_path_sum(grid), min_path_sum_brute_force(grid))
    #> 7 7
    print(min_path_sum([[5]]), min_path_sum([[1, -4, 2]]))
    #> 5 -1
    # --8<-- [end:demo]
