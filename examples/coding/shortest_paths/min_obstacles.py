"""Fewest obstacles to remove to cross a grid: 0-1 BFS on the cells."""

from __future__ import annotations

from collections import deque
from itertools import combinations

from examples.coding.shortest_paths.template import INF

STEPS = ((1, 0), (-1, 0), (0, 1), (0, -1))


def check_grid(grid: list[list[int]]) -> None:
    if not grid or not grid[0] or any(len(row) != len(grid[0]) for row in grid):
        raise ValueError("the grid must be a non-empty rectangle")
    if any(cell not in (0, 1) for row in grid for cell in row):
        raise ValueError("cells must be 0 (free) or 1 (obstacle)")


# --8<-- [start:optimal]
def minimum_obstacles(grid: list[list[int]]) -> int:
    """Fewest 1-cells to clear so a 4-way path joins the top-left and the
    bottom-right corners (corners included). O(rows * cols) time and space.
    """
    check_grid(grid)
    rows, cols = len(grid), len(grid[0])
    removed = [[INF] * cols for _ in range(rows)]
    removed[0][0] = grid[0][0]
    queue = deque([(0, 0)])
    while queue:
        row, col = queue.popleft()
        for dr, dc in STEPS:
            r, c = row + dr, col + dc
            if 0 <= r < rows and 0 <= c < cols:
                candidate = removed[row][col] + grid[r][c]  # entering costs 0 or 1
                if candidate < removed[r][c]:
                    removed[r][c] = candidate
                    if grid[r][c] == 0:
                        queue.appendleft((r, c))
                    else:
                        queue.append((r, c))
    return int(removed[-1][-1])


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def minimum_obstacles_brute_force(grid: list[list[int]]) -> int:
    """Clear every set of 0, 1, 2, ... obstacles until a plain BFS gets through.

    Up to 2^(obstacles) BFS runs: only for tiny grids.
    """
    check_grid(grid)
    rows, cols = len(grid), len(grid[0])
    obstacles = [(r, c) for r in range(rows) for c in range(cols) if grid[r][c]]
    for count in range(len(obstacles) + 1):
        for cleared in combinations(obstacles, count):
            free = {(r, c) for r in range(rows) for c in range(cols) if not grid[r][c]}
            free.update(cleared)
            if (0, 0) in free and _connected(free, (rows - 1, cols - 1)):
                return count
    raise AssertionError("clearing every obstacle always connects the corners")


def _connected(free: set[tuple[int, int]], goal: tuple[int, int]) -> bool:
    seen, queue = {(0, 0)}, deque([(0, 0)])
    while queue:
        row, col = queue.popleft()
        if (row, col) == goal:
            return True
        for dr, dc in STEPS:
            cell = (row + dr, col + dc)
            if cell in free and cell not in seen:
                seen.add(cell)
                queue.append(cell)
    return False


# --8<-- [end:brute_force]


if __name__ == "__main__":
    # --8<-- [start:demo]
    grid = [
        [0, 1, 0, 0],
        [0, 1, 0, 1],
        [0, 1, 0, 0],
    ]
    print(minimum_obstacles(grid))  # one wall to punch through
    #> 1
    print(minimum_obstacles([[0, 0, 0], [1, 1, 0], [0, 0, 0]]))  # go around
    #> 0
    # --8<-- [end:demo]
