"""Three ways to hold a graph: an adjacency list, an implicit grid, a matrix."""

from __future__ import annotations

from collections.abc import Iterator

Grid = list[list[int]]

# Four steps: down, up, right, left. Add the diagonals for eight.
STEPS_4 = ((1, 0), (-1, 0), (0, 1), (0, -1))
STEPS_8 = (*STEPS_4, (1, 1), (1, -1), (-1, 1), (-1, -1))


# --8<-- [start:adjacency_list]
def adjacency_list(n: int, edges: list[list[int]]) -> dict[int, list[int]]:
    """Undirected graph on nodes 0..n-1 as {node: [neighbors]}.

    Every node gets a key, isolated ones too, so a loop over the dict sees
    all of them. Each edge is stored in both directions. O(n + m) time and space.
    """
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    graph: dict[int, list[int]] = {node: [] for node in range(n)}
    for edge in edges:
        if len(edge) != 2 or not all(0 <= end < n for end in edge):
            raise ValueError(f"edge {edge} must be two nodes in 0..{n - 1}")
        a, b = edge
        graph[a].append(b)
        if a != b:  # a self-loop is one entry, not two
            graph[b].append(a)
    return graph


# --8<-- [end:adjacency_list]


# --8<-- [start:grid]
def grid_neighbors(
    grid: Grid, row: int, col: int, steps: tuple[tuple[int, int], ...] = STEPS_4
) -> Iterator[tuple[int, int]]:
    """The cells next to (row, col) that lie inside the grid.

    Nothing is stored: the edges are the steps, filtered by a bounds check.
    Rows bound the first index and columns the second; do not swap them.
    """
    rows, cols = len(grid), len(grid[0])
    for d_row, d_col in steps:
        r, c = row + d_row, col + d_col
        if 0 <= r < rows and 0 <= c < cols:
            yield r, c


# --8<-- [end:grid]


# --8<-- [start:matrix]
def adjacency_matrix(n: int, edges: list[list[int]]) -> list[list[bool]]:
    """matrix[a][b] is True when a and b share an edge: O(1) to ask, O(n^2) to hold."""
    matrix = [[False] * n for _ in range(n)]
    for a, b in adjacency_list(n, edges).items():
        for neighbor in b:
            matrix[a][neighbor] = True
    return matrix


# --8<-- [end:matrix]


if __name__ == "__main__":
    # --8<-- [start:demo]
    edges = [[0, 1], [1, 2], [3, 4]]
    print(adjacency_list(6, edges))
    #> {0: [1], 1: [0, 2], 2: [1], 3: [4], 4: [3], 5: []}
    grid = [[1, 1, 0], [0, 1, 0]]  # 2 rows, 3 columns
    print(list(grid_neighbors(grid, 0, 2)))
    #> [(1, 2), (0, 1)]
    print(adjacency_matrix(3, [[0, 1], [1, 2]]))
    #> [[False, True, False], [True, False, True], [False, True, False]]
    # --8<-- [end:demo]
