"""Shortest grid path when you may clear at most k obstacles: BFS on (cell, k left)."""

from __future__ import annotations

from collections import deque
from itertools import combinations

from examples.coding.shortest_paths.min_obstacles import STEPS


def _check(grid: list[list[int]], k: int) -> None:
    if not grid or not grid[0] or any(len(row) != len(grid[0]) for row in grid):
        raise ValueError("the grid must be a non-empty rectangle")
    if any(cell not in (0, 1) for row in grid for cell in row) or k < 0:
        raise ValueError("cells must be 0 or 1 and k must be zero or more")
    if grid[0][0] or grid[-1][-1]:
        raise ValueError("the corners must be free")


# --8<-- [start:optimal]
def shortest_with_eliminations(grid: list[list[int]], k: int) -> int:
    """Fewest 4-way steps from the top-left to the bottom-right cell, walking
    through at most k obstacles; -1 if impossible. O(R * C * k) time and space.
    """
    _check(grid, k)
    rows, cols = len(grid), len(grid[0])
    k = min(k, rows + cols - 3)  # a shortest path never needs more
    start = (0, 0, k)
    seen = {start}
    queue = deque([start])
    steps = 0
    while queue:
        for _ in range(len(queue)):  # one BFS level: states `steps` away
            row, col, left = queue.popleft()
            if (row, col) == (rows - 1, cols - 1):
                return steps
            for dr, dc in STEPS:
                r, c = row + dr, col + dc
                if 0 <= r < rows and 0 <= c < cols:
                    state = (r, c, left - grid[r][c])
                    if state[2] >= 0 and state not in seen:
                        seen.add(state)
                        queue.append(state)
        steps += 1
    return -1


# --8<-- [end:optimal]


def shortest_with_eliminations_brute_force(grid: list[list[int]], k: int) -> int:
    """Clear every set of at most k obstacles and run a plain BFS on each."""
    _check(grid, k)
    rows, cols = len(grid), len(grid[0])
    obstacles = [(r, c) for r in range(rows) for c in range(cols) if grid[r][c]]
    best = -1
    for count in range(min(k, len(obstacles)) + 1):
        for cleared in combinations(obstacles, count):
            free = {(r, c) for r in range(rows) for c in range(cols) if not grid[r][c]}
            free.update(cleared)
            length = _bfs_length(free, (rows - 1, cols - 1))
            if length != -1 and (best == -1 or length < best):
                best = length
    return best


def _bfs_length(free: set[tuple[int, int]], goal: tuple[int, int]) -> int:
    distance = {(0, 0): 0}
    queue = deque([(0, 0)])
    while queue:
        cell = queue.popleft()
        if cell == goal:
            return distance[cell]
        for dr, dc in STEPS:
            nxt = (cell[0] + dr, cell[1] + dc)
            if nxt in free and nxt not in distance:
                distance[nxt] = distance[cell] + 1
                queue.append(nxt)
    return -1


if __name__ == "__main__":
    grid = [[0, 0, 0], [1, 1, 0], [0, 0, 0], [0, 1, 1], [0, 0, 0]]
    print(shortest_with_eliminations(grid, 1), shortest_with_eliminations(grid, 0))
    #> 6 10
