"""Shortest clear path in a binary grid, moving in eight directions."""

from __future__ import annotations

from collections import deque

from examples.coding.graphs.number_of_islands import check_grid
from examples.coding.graphs.representation import STEPS_8, Grid, grid_neighbors


# --8<-- [start:optimal]
def shortest_clear_path(grid: Grid) -> int:
    """Cells on the shortest path of 0s from the top-left to the bottom-right.

    Moves go to any of the eight neighbors. Returns -1 when no path exists
    (including a blocked start or end). O(rows * cols) time and space.
    """
    check_grid(grid)
    if not grid or not grid[0] or grid[0][0] != 0 or grid[-1][-1] != 0:
        return -1
    target = (len(grid) - 1, len(grid[0]) - 1)
    seen = {(0, 0)}
    level = deque([(0, 0)])
    length = 1  # cells on a path to anything in this level
    while level:
        for _ in range(len(level)):  # exactly the cells `length` away
            cell = level.popleft()
            if cell == target:
                return length
            for r, c in grid_neighbors(grid, *cell, steps=STEPS_8):
                if grid[r][c] == 0 and (r, c) not in seen:
                    seen.add((r, c))
                    level.append((r, c))
        length += 1
    return -1


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def shortest_clear_path_brute_force(grid: Grid) -> int:
    """Relax every cell from its neighbors until no distance improves.

    One sweep is O(rows * cols); a path can need one sweep per cell on it,
    so O((rows * cols)^2) time. This is Bellman-Ford with every weight 1.
    """
    check_grid(grid)
    if not grid or not grid[0] or grid[0][0] != 0 or grid[-1][-1] != 0:
        return -1
    best = {(0, 0): 1}
    changed = True
    while changed:
        changed = False
        for row in range(len(grid)):
            for col in range(len(grid[0])):
                if grid[row][col] != 0:
                    continue
                for cell in grid_neighbors(grid, row, col, steps=STEPS_8):
                    if cell in best and best[cell] + 1 < best.get((row, col), 1 << 30):
                        best[(row, col)] = best[cell] + 1
                        changed = True
    return best.get((len(grid) - 1, len(grid[0]) - 1), -1)


# --8<-- [end:brute_force]


if __name__ == "__main__":
    # --8<-- [start:demo]
    grid = [
        [0, 0, 0, 1],
        [1, 1, 0, 1],
        [1, 1, 0, 0],
        [1, 1, 1, 0],
    ]
    print(shortest_clear_path(grid), shortest_clear_path_brute_force(grid))
    #> 5 5
    print(shortest_clear_path([[0, 1], [1, 0]]))  # one diagonal step
    #> 2
    print(shortest_clear_path([[0, 1], [1, 1]]))  # the end is blocked
    #> -1
    # --8<-- [end:demo]
