"""Number of connected components in an undirected graph given as an edge list."""

from __future__ import annotations

from examples.coding.union_find.template import DisjointSet


def _check(n: int, edges: list[list[int]]) -> None:
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    for u, v in edges:
        if not (0 <= u < n and 0 <= v < n):
            raise ValueError(f"edge {[u, v]} names a node outside 0..{n - 1}")


# --8<-- [start:optimal]
def count_components(n: int, edges: list[list[int]]) -> int:
    """Components of the graph on nodes 0..n-1 with the given undirected edges.

    Start with n singletons; every edge that joins two different sets removes
    one. Repeated edges and self-loops join nothing. Time O(n + E alpha(n)),
    space O(n).
    """
    _check(n, edges)
    sets = DisjointSet(n)
    for u, v in edges:
        sets.union(u, v)  # decrements sets.count only when the roots differ
    return sets.count


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def count_components_brute_force(n: int, edges: list[list[int]]) -> int:
    """Build adjacency lists and flood each unvisited node with an explicit stack.

    Time O(n + E), space O(n + E) for the adjacency lists.
    """
    _check(n, edges)
    neighbors: list[list[int]] = [[] for _ in range(n)]
    for u, v in edges:
        neighbors[u].append(v)
        neighbors[v].append(u)
    seen = [False] * n
    components = 0
    for start in range(n):
        if seen[start]:
            continue
        components += 1
        seen[start] = True
        stack = [start]
        while stack:
            node = stack.pop()
            for other in neighbors[node]:
                if not seen[other]:
                    seen[other] = True
                    stack.append(other)
    return components


# --8<-- [end:brute_force]


if __name__ == "__main__":
    # --8<-- [start:demo]
    print(count_components(5, [[0, 1], [1, 2], [3, 4]]))
    #> 2
    print(count_components(4, [[0, 1], [1, 0], [2, 2]]))  # repeat, self-loop
    #> 3
    # --8<-- [end:demo]
