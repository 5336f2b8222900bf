"""Per-connection (L4) balancing pins a connection's requests; per-request (L7) spreads them."""

from __future__ import annotations

from collections import Counter

from examples.system_design.load_balancing.balancers import RoundRobin
from examples.system_design.load_balancing.connections import (
    PerConnection,
    PerRequest,
    traffic,
)


def test_every_request_on_one_connection_goes_to_one_backend() -> None:
    l4 = PerConnection(RoundRobin())
    sent = traffic(2_000, seed=1)
    backends = {}
    for connection in sent:
        backends.setdefault(connection, set()).add(l4.route(connection, [0, 1, 2, 3]))
    assert all(len(chosen) == 1 for chosen in backends.values())
    assert len({next(iter(chosen)) for chosen in backends.values()}) == 3  # one per client


def test_a_new_backend_gets_only_new_connections() -> None:
    l4 = PerConnection(RoundRobin())
    for connection in ("a", "b", "c", "d"):
        l4.route(connection, [0, 1, 2, 3])
    assert {l4.route(c, [0, 1, 2, 3, 4]) for c in "abcd"} == {0, 1, 2, 3}
    assert l4.route("e", [0, 1, 2, 3, 4]) == 4


def test_l4_balances_connection_counts_not_requests() -> None:
    # Two connections on two backends: even by connections, 99 to 1 by requests.
    l4 = PerConnection(RoundRobin())
    counts = Counter(l4.route(c, [0, 1]) for c in ["heavy"] * 99 + ["light"])
    assert sorted(counts.values()) == [1, 99]


def test_per_request_round_robin_spreads_one_connection_evenly() -> None:
    l7 = PerRequest(RoundRobin())
    counts = Counter(l7.route("gateway", [0, 1, 2, 3, 4]) for _ in range(1_000))
    assert set(counts.values()) == {200}


def test_traffic_is_seeded_and_weighted() -> None:
    assert traffic(100, seed=4) == traffic(100, seed=4)
    counts = Counter(traffic(10_000, seed=4))
    assert counts["gateway"] > counts["mobile-bff"] > counts["batch"]


def test_a_connection_to_a_backend_that_left_is_pinned_again() -> None:
    l4 = PerConnection(RoundRobin())
    assert [l4.route(c, [0, 1, 2]) for c in "abc"] == [0, 1, 2]
    assert l4.route("b", [0, 2]) in {0, 2}  # b's backend 1 is gone
    assert l4.route("a", [0, 2]) == 0  # the others keep theirs
