"""Number of islands: count the 4-connected groups of land cells in a grid."""

from __future__ import annotations

from examples.coding.graphs.representation import Grid, grid_neighbors
from examples.coding.graphs.template import bfs


def check_grid(grid: Grid) -> None:
    """Refuse a ragged grid: every row must be as long as the first."""
    if any(len(row) != len(grid[0]) for row in grid):
        raise ValueError("every row of the grid must have the same length")


# --8<-- [start:optimal]
def num_islands(grid: Grid) -> int:
    """How many islands of 1s (land) there are, joined up, down, left and right.

    Leaves the grid unchanged: visited cells go in a set, not into the grid.
    O(rows * cols) time and space.
    """
    check_grid(grid)
    seen: set[tuple[int, int]] = set()
    islands = 0
    for row in range(len(grid)):
        for col in range(len(grid[row])):
            if grid[row][col] != 1 or (row, col) in seen:
                continue
            islands += 1  # a land cell no earlier fill reached: a new island
            seen.add((row, col))
            stack = [(row, col)]  # any order works for a fill: a stack is enough
            while stack:
                cell = stack.pop()
                for r, c in grid_neighbors(grid, *cell):
                    if grid[r][c] == 1 and (r, c) not in seen:
                        seen.add((r, c))  # mark on push, as BFS marks on enqueue
                        stack.append((r, c))
    return islands


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def num_islands_brute_force(grid: Grid) -> int:
    """Flood-fill from every land cell and count the distinct islands found.

    Each fill costs up to rows * cols, and there are up to rows * cols of
    them: O((rows * cols)^2) time.
    """
    check_grid(grid)

    def land_neighbors(cell: tuple[int, int]) -> list[tuple[int, int]]:
        return [(r, c) for r, c in grid_neighbors(grid, *cell) if grid[r][c] == 1]

    islands = {
        frozenset(bfs([(row, col)], land_neighbors))
        for row in range(len(grid))
        for col in range(len(grid[row]))
        if grid[row][col] == 1
    }
    return len(islands)


# --8<-- [end:brute_force]


if __name__ == "__main__":
    # --8<-- [start:demo]
    grid = [
        [1, 1, 0, 0, 1],
        [1, 0, 0, 1, 1],
        [0, 0, 1, 0, 0],
        [1, 0, 0, 0, 1],
    ]
    print(num_islands(grid), num_islands_brute_force(grid))
    #> 5 5
    print(num_islands([[1, 0], [0, 1]]))  # diagonal cells are not joined
    #> 2
    # --8<-- [end:demo]
