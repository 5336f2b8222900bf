"""Topological sort two ways: Kahn's in-degree queue and a three-color DFS.

Nodes are 0..n-1 and an edge [u, v] means "u comes before v".
"""

from __future__ import annotations

from collections import deque

Edges = list[list[int]]


# --8<-- [start:adjacency]
def successors_of(n: int, edges: Edges) -> list[list[int]]:
    """graph[u] lists every v with an edge [u, v]; repeated edges are kept.

    Every node gets a list, isolated ones too. ValueError on a node outside 0..n-1.
    """
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    graph: list[list[int]] = [[] for _ in range(n)]
    for edge in edges:
        if len(edge) != 2 or not all(0 <= node < n for node in edge):
            raise ValueError(f"edge {edge} must be two nodes in 0..{n - 1}")
        before, after = edge
        graph[before].append(after)
    return graph


# --8<-- [end:adjacency]


# --8<-- [start:kahn]
def kahn_order(n: int, edges: Edges) -> list[int] | None:
    """Every node once, each edge [u, v] with u before v; None if there is a cycle.

    Time O(V + E), space O(V + E).
    """
    graph = successors_of(n, edges)
    in_degree = [0] * n
    for successors in graph:
        for after in successors:
            in_degree[after] += 1  # a repeated edge counts twice and is removed twice
    ready = deque(node for node in range(n) if in_degree[node] == 0)
    order: list[int] = []
    while ready:
        # Invariant: in_degree[v] counts v's predecessors not yet in `order`,
        # so a node enters `ready` exactly when all of them are placed.
        node = ready.popleft()
        order.append(node)
        for after in graph[node]:
            in_degree[after] -= 1
            if in_degree[after] == 0:
                ready.append(after)
    # A node on a cycle never reaches in-degree 0, nor does anything after it.
    return order if len(order) == n else None


# --8<-- [end:kahn]


WHITE, GRAY, BLACK = 0, 1, 2  # unvisited, on the current path, finished


# --8<-- [start:dfs]
def three_color_dfs(graph: list[list[int]]) -> tuple[list[int], list[int] | None]:
    """(nodes in finishing order, None) or (partial, one cycle as [a, ..., a]).

    Iterative, so a long chain cannot exhaust Python's call stack.
    Time O(V + E), space O(V).
    """
    color = [WHITE] * len(graph)
    finished: list[int] = []
    for root in range(len(graph)):
        if color[root] != WHITE:
            continue
        color[root] = GRAY
        path = [root]  # Invariant: the GRAY nodes are exactly `path`, in order.
        pending = [iter(graph[root])]
        while path:
            for after in pending[-1]:
                if color[after] == GRAY:  # back edge: `after` is on the path
                    return finished, [*path[path.index(after) :], after]
                if color[after] == WHITE:
                    color[after] = GRAY
                    path.append(after)
                    pending.append(iter(graph[after]))
                    break
            else:  # every successor is BLACK: this node is done
                color[path[-1]] = BLACK
                finished.append(path.pop())
                pending.pop()
    return finished, None


def dfs_order(n: int, edges: Edges) -> list[int] | None:
    """A topological order by reversed finishing time; None if there is a cycle."""
    finished, cycle = three_color_dfs(successors_of(n, edges))
    # A node finishes after everything reachable from it, so reversed, it comes first.
    return None if cycle is not None else finished[::-1]


def find_cycle(n: int, edges: Edges) -> list[int] | None:
    """One directed cycle as [a, b, ..., a] (each an edge), or None for a DAG."""
    return three_color_dfs(successors_of(n, edges))[1]


# --8<-- [end:dfs]


if __name__ == "__main__":
    # --8<-- [start:demo]
    edges = [[0, 2], [1, 2], [2, 3], [1, 3]]
    print(kahn_order(5, edges))  # 4 has no edges and still appears
    #> [0, 1, 4, 2, 3]
    print(dfs_order(5, edges))
    #> [4, 1, 0, 2, 3]
    print(kahn_order(4, [[0, 1], [1, 2], [2, 1], [2, 3]]))
    #> None
    print(find_cycle(4, [[0, 1], [1, 2], [2, 1], [2, 3]]))
    #> [1, 2, 1]
    # --8<-- [end:demo]
