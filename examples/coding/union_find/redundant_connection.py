"""The edge that closes the first cycle in an undirected graph (Redundant Connection)."""

from __future__ import annotations

from collections import deque

from examples.coding.union_find.template import KeyedDisjointSet


# --8<-- [start:optimal]
def redundant_connection(edges: list[list[int]]) -> list[int] | None:
    """The first edge, in input order, whose ends earlier edges already connect.

    Nodes are any integers; a self-loop closes a cycle by itself. None when
    the edges form a forest. Time O(E alpha(E)), space O(number of nodes).
    """
    sets: KeyedDisjointSet[int] = KeyedDisjointSet()
    for u, v in edges:
        if not sets.union(u, v):  # same root: a path u..v exists already
            return [u, v]
    return None


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def redundant_connection_brute_force(edges: list[list[int]]) -> list[int] | None:
    """For each edge, search the graph of the edges before it for a u..v path.

    Time O(E^2), space O(E).
    """
    for index, (u, v) in enumerate(edges):
        neighbors: dict[int, list[int]] = {}
        for a, b in edges[:index]:
            neighbors.setdefault(a, []).append(b)
            neighbors.setdefault(b, []).append(a)
        seen, queue = {u}, deque([u])
        while queue:
            node = queue.popleft()
            for other in neighbors.get(node, []):
                if other not in seen:
                    seen.add(other)
                    queue.append(other)
        if v in seen:  # u == v is seen at once: a self-loop
            return [u, v]
    return None


# --8<-- [end:brute_force]


if __name__ == "__main__":
    # --8<-- [start:demo]
    print(redundant_connection([[1, 2], [2, 3], [3, 4], [1, 4], [1, 5]]))
    #> [1, 4]
    print(redundant_connection([[1, 2], [3, 4]]))
    #> None
    # --8<-- [end:demo]
