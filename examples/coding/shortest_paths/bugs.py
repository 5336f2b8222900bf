"""Shortest-path bugs, each shown running. Every function here is flawed on purpose."""

from __future__ import annotations

import heapq

from examples.coding.shortest_paths.template import INF, Adjacency


# --8<-- [start:no_stale_check]
def dijkstra_counting(
    adjacency: Adjacency, source: int, *, skip_stale: bool
) -> tuple[list[float], int, int]:
    """Dijkstra that counts heap pops and edge scans; skip_stale=False is the bug."""
    distance = [INF] * len(adjacency)
    distance[source] = 0
    heap = [(0, source)]
    pops = scans = 0
    while heap:
        dist, node = heapq.heappop(heap)
        pops += 1
        if skip_stale and dist > distance[node]:
            continue
        for nxt, weight in adjacency[node]:  # a stale entry rescans every edge
            scans += 1
            if dist + weight < distance[nxt]:
                distance[nxt] = dist + weight
                heapq.heappush(heap, (dist + weight, nxt))
    return distance, pops, scans


# --8<-- [end:no_stale_check]


# --8<-- [start:visited_on_push]
def dijkstra_visited_on_push(adjacency: Adjacency, source: int) -> list[float]:
    """BUG: a node is frozen the first time it is pushed, not when popped."""
    distance = [INF] * len(adjacency)
    distance[source] = 0
    visited = {source}
    heap = [(0, source)]
    while heap:
        dist, node = heapq.heappop(heap)
        for nxt, weight in adjacency[node]:
            if nxt not in visited:  # a later, shorter route is never considered
                visited.add(nxt)
                distance[nxt] = dist + weight
                heapq.heappush(heap, (dist + weight, nxt))
    return distance


# --8<-- [end:visited_on_push]


# --8<-- [start:settled]
def dijkstra_settled(adjacency: Adjacency, source: int) -> list[float]:
    """Textbook Dijkstra: each node is expanded once, when first popped.

    Correct for weights >= 0; no weight check, to show negative edges.
    """
    distance = [INF] * len(adjacency)
    distance[source] = 0
    settled: set[int] = set()
    heap = [(0, source)]
    while heap:
        dist, node = heapq.heappop(heap)
        if node in settled:
            continue
        settled.add(node)  # final, if no edge can make a distance smaller
        for nxt, weight in adjacency[node]:
            if nxt not in settled and dist + weight < distance[nxt]:
                distance[nxt] = dist + weight
                heapq.heappush(heap, (dist + weight, nxt))
    return distance


# --8<-- [end:settled]


# --8<-- [start:int32]
INT_MAX = 2**31 - 1  # Java's Integer.MAX_VALUE, used as "infinity"


def add_int32(a: int, b: int) -> int:
    """a + b as a Java int computes it: wrapped to 32 bits."""
    return (a + b + 2**31) % 2**32 - 2**31


def bellman_ford_int32(n: int, edges: list[list[int]], source: int) -> list[int]:
    """BUG (in Java, C++, Go): relaxes from an unreached node, INT_MAX + w wraps."""
    distance = [INT_MAX] * n
    distance[source] = 0
    for _ in range(n - 1):
        for u, v, weight in edges:  # missing: if distance[u] != INT_MAX
            if add_int32(distance[u], weight) < distance[v]:
                distance[v] = add_int32(distance[u], weight)
    return distance


# --8<-- [end:int32]


if __name__ == "__main__":
    from examples.coding.shortest_paths.network_delay import network_delay_time
    from examples.coding.shortest_paths.template import build_adjacency, dijkstra

    # --8<-- [start:demo_stale]
    # Source 0 reaches spokes 1..m; each spoke offers the hub a shorter route
    # than the last, so the hub (node m + 1) is pushed m times. It has 50 exits.
    m, exits = 20, 50
    hub = m + 1
    edges = [[0, i, i] for i in range(1, m + 1)]
    edges += [[i, hub, 3 * m - 2 * i] for i in range(1, m + 1)]
    edges += [[hub, hub + j, 1] for j in range(1, exits + 1)]
    graph = build_adjacency(hub + exits + 1, edges)
    for skip in (True, False):
        distance, pops, scans = dijkstra_counting(graph, 0, skip_stale=skip)
        print(
            f"skip_stale={skip}: {pops} pops, {scans} edge scans, hub at {distance[hub]}"
        )
        #> skip_stale=True: 91 pops, 90 edge scans, hub at 40
        #> skip_stale=False: 91 pops, 1040 edge scans, hub at 40
    # --8<-- [end:demo_stale]
    # --8<-- [start:demo_visited]
    graph = build_adjacency(3, [[0, 1, 4], [0, 2, 1], [2, 1, 1]])
    print(dijkstra_visited_on_push(graph, 0), dijkstra(graph, 0)[0])
    #> [0, 4, 1] [0, 2, 1]
    # --8<-- [end:demo_visited]
    # --8<-- [start:demo_negative]
    # 0 -> 1 costs 1, but 0 -> 2 -> 1 costs 5 - 10 = -5; then 1 -> 3 costs 1.
    graph = build_adjacency(4, [[0, 1, 1], [0, 2, 5], [2, 1, -10], [1, 3, 1]])
    print(dijkstra_settled(graph, 0))  # 1 and 3 were settled too early
    #> [0, 1, 5, 2]
    distance, pops, _ = dijkstra_counting(graph, 0, skip_stale=True)
    print(distance, pops)  # right here, but it popped 1 and 3 twice
    #> [0, -5, 5, -4] 6
    try:
        dijkstra(graph, 0)
    except ValueError as error:
        print("ValueError:", error)
        #> ValueError: edge 2 -> 1 weighs -10; use Bellman-Ford
    # --8<-- [end:demo_negative]
    # --8<-- [start:demo_int32]
    # Node 1 is unreachable; its INT_MAX "distance" plus 5 wraps to a negative.
    print(bellman_ford_int32(3, [[1, 2, 5]], 0))
    #> [0, 2147483647, -2147483644]
    # --8<-- [end:demo_int32]
    # --8<-- [start:demo_unreachable]
    distance, _ = dijkstra(build_adjacency(3, [[0, 1, 2]]), 0)
    reached = [d for d in distance if d != INF]
    print(max(reached), network_delay_time([[1, 2, 2]], 3, 1))  # node 3 is cut off
    #> 2 -1
    # --8<-- [end:demo_unreachable]
    # --8<-- [start:demo_direction]
    one_way = [[0, 1, 1], [2, 1, 1]]  # 2 -> 1 is one-way
    print(dijkstra(build_adjacency(3, one_way), 0)[0])
    #> [0, 1, inf]
    print(dijkstra(build_adjacency(3, one_way, directed=False), 0)[0])
    #> [0, 1, 2]
    # --8<-- [end:demo_direction]
