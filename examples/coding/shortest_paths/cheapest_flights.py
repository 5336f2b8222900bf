"""Cheapest flight with at most k stops: Bellman-Ford cut to k + 1 rounds."""

from __future__ import annotations

from examples.coding.shortest_paths.template import INF


def _check(n: int, flights: list[list[int]], source: int, target: int, k: int) -> None:
    if not (0 <= source < n and 0 <= target < n) or k < 0:
        raise ValueError("need source and target in 0..n-1 and k >= 0")
    if any(price < 0 for _, _, price in flights):
        raise ValueError("prices must be zero or more")


# --8<-- [start:optimal]
def cheapest_flight(
    n: int, flights: list[list[int]], source: int, target: int, k: int
) -> int:
    """Lowest total price from source to target using at most k stops, or -1.

    k stops means at most k + 1 flights. O(k * (V + E)) time: each round
    relaxes every flight and copies the V costs. O(V) space.
    """
    _check(n, flights, source, target, k)
    cost = [INF] * n
    cost[source] = 0
    for _ in range(k + 1):
        # Invariant: after round i, cost[v] is the cheapest price to v with
        # at most i flights. Reading from the copy keeps each round to one
        # more flight on any route.
        previous = cost.copy()
        for u, v, price in flights:
            if previous[u] + price < cost[v]:
                cost[v] = previous[u] + price
    return -1 if cost[target] == INF else int(cost[target])


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def cheapest_flight_brute_force(
    n: int, flights: list[list[int]], source: int, target: int, k: int
) -> int:
    """DFS over every simple route of at most k + 1 flights. Exponential time.

    With prices >= 0 a route that repeats a city is never cheaper and uses
    more flights, so simple routes are enough.
    """
    _check(n, flights, source, target, k)
    out: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    for u, v, price in flights:
        out[u].append((v, price))
    best = INF
    visited = {source}

    def fly(city: int, spent: int, flights_left: int) -> None:
        nonlocal best
        if city == target:
            best = min(best, spent)
            return
        if flights_left == 0:
            return
        for nxt, price in out[city]:
            if nxt not in visited:
                visited.add(nxt)
                fly(nxt, spent + price, flights_left - 1)
                visited.remove(nxt)

    fly(source, 0, k + 1)
    return -1 if best == INF else int(best)


# --8<-- [end:brute_force]


# --8<-- [start:no_copy]
def cheapest_flight_no_copy(
    n: int, flights: list[list[int]], source: int, target: int, k: int
) -> int:
    """BUG: relaxes in place, so one round can chain several flights."""
    cost = [INF] * n
    cost[source] = 0
    for _ in range(k + 1):
        for u, v, price in flights:
            if cost[u] + price < cost[v]:  # cost[u] may be from this round
                cost[v] = cost[u] + price
    return -1 if cost[target] == INF else int(cost[target])


# --8<-- [end:no_copy]


if __name__ == "__main__":
    # --8<-- [start:demo]
    flights = [[0, 1, 100], [1, 2, 100], [0, 2, 500]]
    print(cheapest_flight(3, flights, 0, 2, 1))  # one stop allowed: via 1
    #> 200
    print(cheapest_flight(3, flights, 0, 2, 0))  # nonstop only
    #> 500
    print(cheapest_flight_no_copy(3, flights, 0, 2, 0))  # took a stop it may not
    #> 200
    print(cheapest_flight_no_copy(3, flights[::-1], 0, 2, 0))  # edge order hides it
    #> 500
    # --8<-- [end:demo]
