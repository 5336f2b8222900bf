"""Path with minimum effort: Dijkstra where a path costs its steepest step."""

from __future__ import annotations

import heapq
from collections import deque

from examples.coding.shortest_paths.template import INF

STEPS = ((1, 0), (-1, 0), (0, 1), (0, -1))


def _check(heights: list[list[int]]) -> None:
    if not heights or not heights[0] or any(len(r) != len(heights[0]) for r in heights):
        raise ValueError("heights must be a non-empty rectangle")


# --8<-- [start:optimal]
def minimum_effort(heights: list[list[int]]) -> int:
    """Smallest possible largest height step on a 4-way path from the
    top-left to the bottom-right cell. O(R * C * log(R * C)) time.
    """
    _check(heights)
    rows, cols = len(heights), len(heights[0])
    effort = [[INF] * cols for _ in range(rows)]
    effort[0][0] = 0
    heap = [(0, 0, 0)]
    while heap:
        worst, row, col = heapq.heappop(heap)
        if worst > effort[row][col]:
            continue  # stale
        if (row, col) == (rows - 1, cols - 1):
            return worst  # final: weights never lower a path's cost
        for dr, dc in STEPS:
            r, c = row + dr, col + dc
            if 0 <= r < rows and 0 <= c < cols:
                # A path's cost is its largest step, not the sum of them.
                candidate = max(worst, abs(heights[r][c] - heights[row][col]))
                if candidate < effort[r][c]:
                    effort[r][c] = candidate
                    heapq.heappush(heap, (candidate, r, c))
    raise AssertionError("a rectangle always connects its corners")


# --8<-- [end:optimal]


def minimum_effort_brute_force(heights: list[list[int]]) -> int:
    """Try each step size as a limit, smallest first, with a plain BFS. O((R*C)^2)."""
    _check(heights)
    rows, cols = len(heights), len(heights[0])
    steps = {0}
    for row in range(rows):
        for col in range(cols):
            for r, c in ((row + 1, col), (row, col + 1)):
                if r < rows and c < cols:
                    steps.add(abs(heights[r][c] - heights[row][col]))
    for limit in sorted(steps):
        seen, queue = {(0, 0)}, deque([(0, 0)])
        while queue:
            row, col = queue.popleft()
            for dr, dc in STEPS:
                r, c = row + dr, col + dc
                inside = 0 <= r < rows and 0 <= c < cols
                if inside and (r, c) not in seen:
                    if abs(heights[r][c] - heights[row][col]) > limit:
                        continue
                    seen.add((r, c))
                    queue.append((r, c))
        if (rows - 1, cols - 1) in seen:
            return limit
    raise AssertionError("the largest step always connects the corners")


if __name__ == "__main__":
    print(minimum_effort([[1, 2, 2], [3, 8, 2], [5, 3, 5]]))
    #> 2
