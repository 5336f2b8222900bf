"""Shortest distances with negative weights, or None on a reachable negative cycle."""

from __future__ import annotations

import itertools

from examples.coding.shortest_paths.template import INF, bellman_ford


def _check(n: int, edges: list[list[int]], source: int) -> None:
    if not 0 <= source < n:
        raise ValueError("source must be a node 0..n-1")
    if any(not (0 <= u < n and 0 <= v < n) for u, v, _ in edges):
        raise ValueError("every edge must join nodes 0..n-1")


# --8<-- [start:optimal]
def distances_or_none(
    n: int, edges: list[list[int]], source: int
) -> list[int | None] | None:
    """Distance from source to each node (None if unreachable), or None for
    the whole answer if a negative cycle is reachable from source.

    edges are directed [u, v, weight]; weights may be negative. O(V * E) time.
    """
    _check(n, edges, source)
    distance = bellman_ford(n, edges, source)
    if distance is None:
        return None
    return [None if d == INF else int(d) for d in distance]


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def distances_or_none_brute_force(
    n: int, edges: list[list[int]], source: int
) -> list[int | None] | None:
    """Enumerate simple paths and simple cycles by DFS. Exponential time.

    A negative closed walk always contains a negative simple cycle, and with
    no negative cycle every shortest walk can be cut down to a simple path.
    """
    _check(n, edges, source)
    out: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    for u, v, weight in edges:
        out[u].append((v, weight))
    best: list[float] = [INF] * n
    best[source] = 0
    on_path = [source]

    def walk(node: int, total: int) -> bool:
        """Extend simple paths from node; True if one closes a negative cycle."""
        for nxt, weight in out[node]:
            if nxt in on_path:
                start = on_path.index(nxt)
                cycle = _cycle_weight(out, [*on_path[start:], nxt])
                if cycle < 0:
                    return True
                continue
            best[nxt] = min(best[nxt], total + weight)
            on_path.append(nxt)
            found = walk(nxt, total + weight)
            on_path.pop()
            if found:
                return True
        return False

    if walk(source, 0):
        return None
    return [None if d == INF else int(d) for d in best]


def _cycle_weight(out: list[list[tuple[int, int]]], cycle: list[int]) -> float:
    """Lightest weight around the closed node sequence (parallel edges: the lightest)."""
    total = 0
    for u, v in itertools.pairwise(cycle):
        total += min(weight for nxt, weight in out[u] if nxt == v)
    return total


# --8<-- [end:brute_force]


if __name__ == "__main__":
    # --8<-- [start:demo]
    print(distances_or_none(4, [[0, 1, 4], [0, 2, 5], [2, 1, -3], [1, 3, 2]], 0))
    #> [0, 2, 5, 4]
    cycle = [[0, 1, 1], [1, 2, -2], [2, 1, 1]]  # 1 -> 2 -> 1 weighs -1
    print(distances_or_none(3, cycle, 0))
    #> None
    print(distances_or_none(4, [*cycle, [3, 0, 1]], 3))  # reachable from 3 too
    #> None
    print(distances_or_none(4, [[1, 2, -2], [2, 1, 1], [0, 3, 7]], 0))  # not reachable
    #> [0, None, None, 7]
    # --8<-- [end:demo]
