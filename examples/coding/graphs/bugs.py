"""Five bugs graph code ships; each function marked BUG is wrong on purpose."""

from __future__ import annotations

import sys
from collections import deque
from collections.abc import Iterator

from examples.coding.graphs.representation import Grid, adjacency_list, grid_neighbors


# --8<-- [start:mark_late]
def bfs_pops_marking_on_dequeue(grid: Grid) -> int:
    """BUG: marks a cell when it leaves the queue, so it can be queued many times."""
    visited: set[tuple[int, int]] = set()
    queue = deque([(0, 0)])
    pops = 0
    while queue:
        cell = queue.popleft()
        pops += 1
        visited.add(cell)  # too late: copies of this cell may already wait in the queue
        for nxt in grid_neighbors(grid, *cell):
            if nxt not in visited:
                queue.append(nxt)
    return pops


def bfs_pops_marking_on_enqueue(grid: Grid) -> int:
    """The fix: mark when queued; every cell is queued, and popped, once."""
    visited = {(0, 0)}
    queue = deque([(0, 0)])
    pops = 0
    while queue:
        cell = queue.popleft()
        pops += 1
        for nxt in grid_neighbors(grid, *cell):
            if nxt not in visited:
                visited.add(nxt)
                queue.append(nxt)
    return pops


# --8<-- [end:mark_late]


# --8<-- [start:one_component]
def is_bipartite_from_node_zero(n: int, edges: list[list[int]]) -> bool:
    """BUG: colors only the component of node 0 and trusts it for the whole graph."""
    graph = adjacency_list(n, edges)
    if n == 0:
        return True
    color = {0: 0}
    queue = deque([0])
    while queue:
        node = queue.popleft()
        for nxt in graph[node]:
            if nxt not in color:
                color[nxt] = 1 - color[node]
                queue.append(nxt)
            elif color[nxt] == color[node]:
                return False
    return True


# --8<-- [end:one_component]


# --8<-- [start:sinking]
def num_islands_sinking(grid: Grid) -> int:
    """BUG for a caller who needs the grid: counts islands by overwriting land with 0."""
    islands = 0
    for row in range(len(grid)):
        for col in range(len(grid[0])):
            if grid[row][col] == 1:
                islands += 1
                grid[row][col] = 0
                stack = [(row, col)]
                while stack:
                    for r, c in grid_neighbors(grid, *stack.pop()):
                        if grid[r][c] == 1:
                            grid[r][c] = 0  # the grid is the visited set
                            stack.append((r, c))
    return islands


# --8<-- [end:sinking]


# --8<-- [start:swapped]
def neighbors_swapped(grid: Grid, row: int, col: int) -> Iterator[tuple[int, int]]:
    """BUG: bounds the row by the column count and the column by the row count."""
    for d_row, d_col in ((1, 0), (-1, 0), (0, 1), (0, -1)):
        r, c = row + d_row, col + d_col
        if 0 <= r < len(grid[0]) and 0 <= c < len(grid):  # swapped
            yield r, c


def land_reached_swapped(grid: Grid) -> int:
    """Cells a fill from (0, 0) reaches through land, using the swapped check."""
    seen = {(0, 0)}
    stack = [(0, 0)]
    while stack:
        for r, c in neighbors_swapped(grid, *stack.pop()):
            if grid[r][c] == 1 and (r, c) not in seen:
                seen.add((r, c))
                stack.append((r, c))
    return len(seen)


# --8<-- [end:swapped]


# --8<-- [start:depth]
def fill_recursive(grid: Grid, row: int, col: int, seen: set[tuple[int, int]]) -> int:
    """Land cells reachable from (row, col), one stack frame per cell on the path."""
    seen.add((row, col))
    size = 1
    for r, c in grid_neighbors(grid, row, col):
        if grid[r][c] == 1 and (r, c) not in seen:
            size += fill_recursive(grid, r, c, seen)
    return size


def fill_iterative(grid: Grid, row: int, col: int) -> int:
    """The same count with a list as the stack: no depth limit but memory."""
    seen = {(row, col)}
    stack = [(row, col)]
    while stack:
        for r, c in grid_neighbors(grid, *stack.pop()):
            if grid[r][c] == 1 and (r, c) not in seen:
                seen.add((r, c))
                stack.append((r, c))
    return len(seen)


def snake(size: int) -> Grid:
    """A size x size grid (size odd) whose land is one path, one cell wide.

    Even rows are all land; the odd rows between them hold one land cell,
    alternately at the right and left end, so the path zigzags down.
    """
    grid = [[1] * size if row % 2 == 0 else [0] * size for row in range(size)]
    for row in range(1, size, 2):
        grid[row][size - 1 if row % 4 == 1 else 0] = 1
    return grid


# --8<-- [end:depth]


if __name__ == "__main__":
    from examples.coding.graphs.bipartite import is_bipartite
    from examples.coding.graphs.number_of_islands import num_islands

    # --8<-- [start:demo_mark_late]
    for n in (4, 6, 8, 10):
        open_grid = [[0] * n for _ in range(n)]
        late = bfs_pops_marking_on_dequeue(open_grid)
        print(
            n * n, "cells:", late, "pops late,", bfs_pops_marking_on_enqueue(open_grid)
        )
        #> 16 cells: 69 pops late, 16
        #> 36 cells: 923 pops late, 36
        #> 64 cells: 12869 pops late, 64
        #> 100 cells: 184755 pops late, 100
    # --8<-- [end:demo_mark_late]
    # --8<-- [start:demo_one_component]
    edges = [[0, 1], [2, 3], [3, 4], [4, 2]]  # the triangle is not node 0's
    print(is_bipartite_from_node_zero(5, edges), is_bipartite(5, edges))
    #> True False
    # --8<-- [end:demo_one_component]
    # --8<-- [start:demo_sinking]
    grid = [[1, 0, 1], [1, 0, 1]]
    print(num_islands_sinking(grid), num_islands_sinking(grid))  # ask twice
    #> 2 0
    print(grid)
    #> [[0, 0, 0], [0, 0, 0]]
    grid = [[1, 0, 1], [1, 0, 1]]
    copy = [row[:] for row in grid]  # a copy per row: [:] of the outer list is shallow
    print(num_islands_sinking(copy), num_islands(grid), grid)
    #> 2 2 [[1, 0, 1], [1, 0, 1]]
    # --8<-- [end:demo_sinking]
    # --8<-- [start:demo_swapped]
    print(land_reached_swapped([[1, 1, 1], [0, 0, 0]]))  # 3 land cells, finds 2
    #> 2
    try:
        land_reached_swapped([[1, 1], [1, 1], [1, 1]])  # taller than wide
    except IndexError as error:
        print("IndexError:", error)
        #> IndexError: list index out of range
    # --8<-- [end:demo_swapped]
    # --8<-- [start:demo_depth]
    print(sys.getrecursionlimit())
    #> 1000
    path = snake(45)  # 23 full rows of 45 cells plus 22 links: 1,057 cells
    print(fill_iterative(path, 0, 0))
    #> 1057
    try:
        fill_recursive(path, 0, 0, set())
    except RecursionError as error:
        print(type(error).__name__, "on the 1,057-cell path")
        #> RecursionError on the 1,057-cell path
    try:
        fill_recursive([[1] * 40 for _ in range(40)], 0, 0, set())  # all land
    except RecursionError:
        print("RecursionError on an open 40 x 40 grid too")
        #> RecursionError on an open 40 x 40 grid too
    print(fill_recursive(snake(31), 0, 0, set()))  # 16 * 31 + 15 = 511 cells: fine
    #> 511
    # --8<-- [end:demo_depth]
