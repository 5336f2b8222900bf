"""Number of shortest paths, modulo 1e9 + 7: Dijkstra that counts ties."""

from __future__ import annotations

import heapq

from examples.coding.shortest_paths.template import INF, build_adjacency

MOD = 10**9 + 7


def _check(n: int, edges: list[list[int]]) -> None:
    if n < 1:
        raise ValueError("need at least one node")
    if any(weight <= 0 for _, _, weight in edges):
        raise ValueError(
            "weights must be positive (a zero cycle makes the count infinite)"
        )


# --8<-- [start:optimal]
def count_shortest_paths(n: int, edges: list[list[int]]) -> int:
    """How many lightest paths join node 0 and node n - 1 (undirected,
    weights > 0), modulo 10^9 + 7. O((V + E) log V) time.
    """
    _check(n, edges)
    adjacency = build_adjacency(n, edges, directed=False)
    distance = [INF] * n
    ways = [0] * n
    distance[0], ways[0] = 0, 1
    heap = [(0, 0)]
    while heap:
        dist, node = heapq.heappop(heap)
        if dist > distance[node]:
            continue
        # node is final, so ways[node] is complete: every route into it
        # came from a node popped earlier.
        for nxt, weight in adjacency[node]:
            candidate = dist + weight
            if candidate < distance[nxt]:
                distance[nxt], ways[nxt] = candidate, ways[node]
                heapq.heappush(heap, (candidate, nxt))
            elif candidate == distance[nxt]:
                ways[nxt] = (ways[nxt] + ways[node]) % MOD  # a tie adds routes
    return ways[n - 1]


# --8<-- [end:optimal]


def count_shortest_paths_brute_force(n: int, edges: list[list[int]]) -> int:
    """Enumerate every simple path from 0 to n - 1; count the lightest ones."""
    _check(n, edges)
    adjacency = build_adjacency(n, edges, directed=False)
    best, count = INF, 0
    on_path = {0}

    def walk(node: int, total: int) -> None:
        nonlocal best, count
        if node == n - 1:
            if total < best:
                best, count = total, 1
            elif total == best:
                count += 1
            return
        for nxt, weight in adjacency[node]:  # parallel edges are separate routes
            if nxt not in on_path:
                on_path.add(nxt)
                walk(nxt, total + weight)
                on_path.remove(nxt)

    walk(0, 0)
    return count % MOD


if __name__ == "__main__":
    # A 2-by-2 grid of unit roads: two ways to the far corner.
    print(count_shortest_paths(4, [[0, 1, 1], [0, 2, 1], [1, 3, 1], [2, 3, 1]]))
    #> 2
