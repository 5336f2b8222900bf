"""Total weight of a minimum spanning tree: Kruskal's algorithm with union-find."""

from __future__ import annotations

import heapq
from itertools import combinations

from examples.coding.union_find.template import DisjointSet


def _check(n: int, edges: list[list[int]]) -> None:
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    for u, v, _weight in edges:
        if not (0 <= u < n and 0 <= v < n):
            raise ValueError(f"edge {[u, v]} names a node outside 0..{n - 1}")


# --8<-- [start:optimal]
def mst_weight(n: int, edges: list[list[int]]) -> int | None:
    """Kruskal: take edges lightest first, keep one when it joins two components.

    edges are [u, v, weight] on nodes 0..n-1 (negative weights are fine).
    None if the graph is disconnected, so no spanning tree exists.
    Time O(E log E) for the sort, then O(E alpha(n)); space O(n + E).
    """
    _check(n, edges)
    sets = DisjointSet(n)
    total = kept = 0
    for u, v, weight in sorted(edges, key=lambda edge: edge[2]):
        if sets.union(u, v):  # a lighter path u..v would have joined them already
            total += weight
            kept += 1
            if kept == n - 1:
                break
    return total if sets.count <= 1 else None


# --8<-- [end:optimal]


# --8<-- [start:prim]
def mst_weight_prim(n: int, edges: list[list[int]]) -> int | None:
    """Prim: grow one tree from node 0, always adding the lightest edge out of it.

    Time O(E log E) with a binary heap (lazy deletion); space O(n + E).
    """
    _check(n, edges)
    if n == 0:
        return 0
    neighbors: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    for u, v, weight in edges:
        neighbors[u].append((weight, v))
        neighbors[v].append((weight, u))
    in_tree = [False] * n
    heap, total, added = [(0, 0)], 0, 0
    while heap and added < n:
        weight, node = heapq.heappop(heap)
        if in_tree[node]:
            continue  # a stale entry: node joined through a lighter edge
        in_tree[node] = True
        total += weight
        added += 1
        for edge in neighbors[node]:
            if not in_tree[edge[1]]:
                heapq.heappush(heap, edge)
    return total if added == n else None


# --8<-- [end:prim]


# --8<-- [start:brute_force]
def mst_weight_brute_force(n: int, edges: list[list[int]]) -> int | None:
    """Try every set of n - 1 edges; keep the lightest that connects all nodes.

    O(C(E, n-1) * n): for tiny graphs only.
    """
    _check(n, edges)
    if n <= 1:
        return 0
    best = None
    for subset in combinations(edges, n - 1):
        reach = {0}
        changed = True
        while changed:  # n - 1 edges that reach every node form a tree
            changed = False
            for u, v, _weight in subset:
                if (u in reach) != (v in reach):
                    reach.update((u, v))
                    changed = True
        if len(reach) == n:
            weight = sum(edge[2] for edge in subset)
            best = weight if best is None else min(best, weight)
    return best


# --8<-- [end:brute_force]


if __name__ == "__main__":
    # --8<-- [start:demo]
    roads = [[0, 1, 4], [0, 2, 1], [1, 2, 2], [1, 3, 5], [2, 3, 8], [3, 4, 3]]
    print(mst_weight(5, roads), mst_weight_prim(5, roads))
    #> 11 11
    print(mst_weight(4, [[0, 1, 1], [2, 3, 1]]))  # two pieces: no spanning tree
    #> None
    # --8<-- [end:demo]
