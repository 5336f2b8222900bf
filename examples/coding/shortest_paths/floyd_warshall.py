"""Floyd-Warshall: every pair's distance in O(V^3), the property tests' oracle."""

from __future__ import annotations

from examples.coding.shortest_paths.template import INF


# --8<-- [start:floyd_warshall]
def floyd_warshall(n: int, edges: list[list[int]]) -> list[list[float]]:
    """distance[i][j] for every pair of nodes; directed [u, v, w] edges.

    distance[i][i] < 0 afterward means i lies on a negative cycle.
    O(V^3) time, O(V^2) space.
    """
    distance = [[0 if i == j else INF for j in range(n)] for i in range(n)]
    for u, v, weight in edges:
        distance[u][v] = min(distance[u][v], weight)
    for middle in range(n):
        # Invariant: distance[i][j] is the lightest path whose inner nodes
        # are all below `middle`.
        through = distance[middle]
        for i in range(n):
            to_middle = distance[i][middle]
            if to_middle == INF:
                continue
            row = distance[i]
            for j in range(n):
                if to_middle + through[j] < row[j]:
                    row[j] = to_middle + through[j]
    return distance


# --8<-- [end:floyd_warshall]


if __name__ == "__main__":
    # --8<-- [start:demo]
    print(floyd_warshall(3, [[0, 1, 4], [1, 2, 1], [0, 2, 7], [2, 0, -2]]))
    #> [[0, 4, 5], [-1, 0, 1], [-2, 2, 0]]
    # --8<-- [end:demo]
