"""Rotting oranges: multi-source BFS from every rotten orange at once."""

from __future__ import annotations

from examples.coding.graphs.number_of_islands import check_grid
from examples.coding.graphs.representation import Grid, grid_neighbors
from examples.coding.graphs.template import bfs

EMPTY, FRESH, ROTTEN = 0, 1, 2


# --8<-- [start:optimal]
def minutes_to_rot(grid: Grid) -> int:
    """Minutes until no orange is fresh, or -1 if some fresh one never rots.

    Each minute, rot spreads from a rotten orange to the fresh ones beside it.
    All rotten oranges start the BFS together, so a fresh orange's BFS
    distance is the minute it rots. O(rows * cols) time and space.
    """
    check_grid(grid)
    cells = [(r, c) for r in range(len(grid)) for c in range(len(grid[r]))]

    def fresh_neighbors(cell: tuple[int, int]) -> list[tuple[int, int]]:
        return [(r, c) for r, c in grid_neighbors(grid, *cell) if grid[r][c] == FRESH]

    minute = bfs(
        [cell for cell in cells if grid[cell[0]][cell[1]] == ROTTEN], fresh_neighbors
    )
    fresh = [cell for cell in cells if grid[cell[0]][cell[1]] == FRESH]
    if any(cell not in minute for cell in fresh):
        return -1
    return max((minute[cell] for cell in fresh), default=0)


# --8<-- [end:optimal]


def minutes_to_rot_brute_force(grid: Grid) -> int:
    """Simulate minute by minute, rescanning the whole grid: O((rows * cols)^2)."""
    check_grid(grid)
    state = [row[:] for row in grid]
    minutes = 0
    while True:
        spread = [
            (r, c)
            for r in range(len(state))
            for c in range(len(state[r]))
            if state[r][c] == FRESH
            and any(state[x][y] == ROTTEN for x, y in grid_neighbors(state, r, c))
        ]
        if not spread:
            break
        for r, c in spread:
            state[r][c] = ROTTEN
        minutes += 1
    if any(FRESH in row for row in state):
        return -1
    return minutes


if __name__ == "__main__":
    # --8<-- [start:demo]
    print(minutes_to_rot([[2, 1, 1], [1, 1, 0], [0, 1, 1]]))
    #> 4
    print(minutes_to_rot([[2, 1, 0, 1]]))  # the last orange is cut off
    #> -1
    # --8<-- [end:demo]
