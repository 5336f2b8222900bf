"""Per-connection (L4) against per-request (L7) balancing, with long-lived HTTP/2 connections."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence

from examples.system_design.load_balancing.balancers import Balancer, RoundRobin


# --8<-- [start:routers]
class PerConnection:
    """An L4 balancer: it picks a backend when a TCP connection opens.

    Every request on that connection then goes to the same backend, because an
    L4 balancer forwards bytes and never sees where one request ends.
    """

    def __init__(self, balancer: Balancer) -> None:
        self._balancer = balancer
        self._pinned: dict[str, int] = {}

    def route(self, connection: str, backends: Sequence[int]) -> int:
        pinned = self._pinned.get(connection)
        if pinned is not None and pinned not in backends:
            del self._pinned[connection]  # its backend left: reset, and it reconnects
        if connection not in self._pinned:
            conns = Counter(self._pinned.values())
            load = [conns[b] for b in range(max(backends) + 1)]
            self._pinned[connection] = self._balancer.pick(connection, load, backends)
        return self._pinned[connection]


class PerRequest:
    """An L7 balancer: it parses HTTP, so it picks a backend for every request."""

    def __init__(self, balancer: Balancer) -> None:
        self._balancer = balancer

    def route(self, connection: str, backends: Sequence[int]) -> int:
        return self._balancer.pick(connection, [0] * (max(backends) + 1), backends)


# --8<-- [end:routers]


def traffic(requests: int, seed: int) -> list[str]:
    """Which client connection sends each request: one heavy caller, two lighter ones."""
    rng = random.Random(seed)
    clients, weights = ["gateway", "mobile-bff", "batch"], [6, 3, 1]
    return rng.choices(clients, weights, k=requests)


def shares(
    router: PerConnection | PerRequest, sent: list[str], backends: list[int]
) -> str:
    counts = Counter(router.route(connection, backends) for connection in sent)
    return " ".join(f"{counts[b] / len(sent):>4.0%}" for b in backends)


# --8<-- [start:demo]
# Three clients, each holding one HTTP/2 connection, in front of 4 backends.
l4, l7 = PerConnection(RoundRobin()), PerRequest(RoundRobin())
first, second = traffic(10_000, seed=5), traffic(10_000, seed=6)
print("share of requests     b0   b1   b2   b3")
#> share of requests     b0   b1   b2   b3
print("L4, per connection ", shares(l4, first, [0, 1, 2, 3]))
#> L4, per connection   30%  10%  60%   0%
print("L7, per request    ", shares(l7, first, [0, 1, 2, 3]))
#> L7, per request      25%  25%  25%  25%
# Scale out to 5 backends; the clients keep their connections open.
print("after adding b4       b0   b1   b2   b3   b4")
#> after adding b4       b0   b1   b2   b3   b4
print("L4, per connection ", shares(l4, second, [0, 1, 2, 3, 4]))
#> L4, per connection   30%  10%  60%   0%   0%
print("L7, per request    ", shares(l7, second, [0, 1, 2, 3, 4]))
#> L7, per request      20%  20%  20%  20%  20%
# --8<-- [end:demo]
