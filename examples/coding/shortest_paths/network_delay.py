"""Network delay time: Dijkstra from one source, then the slowest node."""

from __future__ import annotations

from examples.coding.shortest_paths.template import INF, build_adjacency, dijkstra


def _check(times: list[list[int]], n: int, source: int) -> None:
    if n < 1 or not 1 <= source <= n:
        raise ValueError("need n >= 1 and a source in 1..n")
    for u, v, delay in times:
        if not (1 <= u <= n and 1 <= v <= n) or delay < 0:
            raise ValueError(f"bad edge {[u, v, delay]}: nodes 1..n, delay >= 0")


# --8<-- [start:optimal]
def network_delay_time(times: list[list[int]], n: int, source: int) -> int:
    """Time until a signal sent from source reaches every node 1..n, or -1.

    times holds directed [u, v, delay] edges. O((V + E) log V) time, O(V + E) space.
    """
    _check(times, n, source)
    shifted = [[u - 1, v - 1, delay] for u, v, delay in times]  # nodes 0..n-1
    distance, _ = dijkstra(build_adjacency(n, shifted), source - 1)
    slowest = max(distance)  # every node counts, reached or not
    return -1 if slowest == INF else int(slowest)


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def network_delay_time_brute_force(times: list[list[int]], n: int, source: int) -> int:
    """Walk every simple path from source by DFS, keeping each node's best.

    A shortest path with delays >= 0 never repeats a node, so simple paths
    are enough. Exponential: up to (n - 1)! paths on a complete graph.
    """
    _check(times, n, source)
    out: dict[int, list[tuple[int, int]]] = {node: [] for node in range(1, n + 1)}
    for u, v, delay in times:
        out[u].append((v, delay))
    best = {source: 0}
    on_path = {source}

    def walk(node: int, elapsed: int) -> None:
        for nxt, delay in out[node]:
            if nxt in on_path:
                continue
            if elapsed + delay < best.get(nxt, INF):
                best[nxt] = elapsed + delay
            on_path.add(nxt)
            walk(nxt, elapsed + delay)
            on_path.remove(nxt)

    walk(source, 0)
    return max(best.values()) if len(best) == n else -1


# --8<-- [end:brute_force]


if __name__ == "__main__":
    # --8<-- [start:demo]
    times = [[1, 2, 4], [1, 3, 1], [3, 2, 2], [2, 4, 1]]
    print(network_delay_time(times, 4, 1))  # 4 is reached at 1 + 2 + 1
    #> 4
    print(network_delay_time(times, 5, 1))  # node 5 has no incoming edge
    #> -1
    print(network_delay_time(times, 4, 2))  # edges are one-way
    #> -1
    # --8<-- [end:demo]
