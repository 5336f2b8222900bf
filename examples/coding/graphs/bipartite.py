"""Is an undirected graph bipartite? Two-color it with BFS, every component."""

from __future__ import annotations

from collections import deque
from itertools import product

from examples.coding.graphs.representation import adjacency_list


# --8<-- [start:optimal]
def is_bipartite(n: int, edges: list[list[int]]) -> bool:
    """True when nodes 0..n-1 split into two sides with every edge crossing.

    BFS from each uncolored node, giving each neighbor the opposite color;
    an edge between two same-colored nodes means an odd cycle.
    O(n + m) time and space.
    """
    graph = adjacency_list(n, edges)
    color: dict[int, int] = {}
    for start in graph:  # a later component can hold the odd cycle
        if start in color:
            continue
        color[start] = 0
        queue = deque([start])
        while queue:
            node = queue.popleft()
            for nxt in graph[node]:
                if nxt not in color:
                    color[nxt] = 1 - color[node]
                    queue.append(nxt)
                elif color[nxt] == color[node]:
                    return False  # a self-loop lands here too
    return True


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def is_bipartite_brute_force(n: int, edges: list[list[int]]) -> bool:
    """Try all 2^n ways to put the nodes on two sides. O(2^n * m) time."""
    adjacency_list(n, edges)  # the same validation as the optimal version
    return any(
        all(side[a] != side[b] for a, b in edges) for side in product((0, 1), repeat=n)
    )


# --8<-- [end:brute_force]


if __name__ == "__main__":
    # --8<-- [start:demo]
    square = [[0, 1], [1, 2], [2, 3], [3, 0]]
    print(is_bipartite(4, square))  # an even cycle
    #> True
    print(is_bipartite(7, [*square, [4, 5], [5, 6], [6, 4]]))  # plus a triangle
    #> False
    # --8<-- [end:demo]
