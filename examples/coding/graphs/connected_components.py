"""Count the connected components of an undirected graph given as an edge list."""

from __future__ import annotations

from collections import deque

from examples.coding.graphs.representation import adjacency_list


# --8<-- [start:optimal]
def count_components(n: int, edges: list[list[int]]) -> int:
    """Connected components of the undirected graph on nodes 0..n-1.

    Start a BFS from every node no earlier BFS reached; each start is one
    component, isolated nodes included. O(n + m) time and space.
    """
    graph = adjacency_list(n, edges)  # validates n and every edge
    seen: set[int] = set()
    components = 0
    for start in graph:  # every node, not just node 0
        if start in seen:
            continue
        components += 1
        seen.add(start)
        queue = deque([start])
        while queue:
            for nxt in graph[queue.popleft()]:
                if nxt not in seen:
                    seen.add(nxt)
                    queue.append(nxt)
    return components


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def count_components_brute_force(n: int, edges: list[list[int]]) -> int:
    """Give each node its own label, then let every edge copy the smaller label
    to both ends until nothing changes; count the labels left.

    A label can need n passes to cross a path: O(n * m) time, O(n) space.
    """
    adjacency_list(n, edges)  # the same validation as the optimal version
    label = list(range(n))
    changed = True
    while changed:
        changed = False
        for a, b in edges:
            low = min(label[a], label[b])
            if label[a] != low or label[b] != low:
                label[a] = label[b] = low
                changed = True
    return len(set(label))


# --8<-- [end:brute_force]


if __name__ == "__main__":
    # --8<-- [start:demo]
    print(count_components(6, [[0, 1], [1, 2], [3, 4]]))  # {0,1,2} {3,4} {5}
    #> 3
    print(count_components_brute_force(6, [[0, 1], [1, 2], [3, 4]]))
    #> 3
    print(count_components(4, []))  # no edges: every node alone
    #> 4
    # --8<-- [end:demo]
