"""The simulation's invariants, its determinism, its input checks, and the claims the page makes."""

from __future__ import annotations

import itertools
import math
from collections import defaultdict

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.system_design.load_balancing.balancers import STRATEGIES, make_balancer
from examples.system_design.load_balancing.health import Fault
from examples.system_design.load_balancing.simulation import (
    RATES,
    Checks,
    Scenario,
    percentile,
    simulate,
    summarize,
)

SMALL = Scenario(RATES, utilization=0.8, requests=2_000, seed=11)


def run(strategy: str, scenario: Scenario = SMALL, seed: int = 2):
    return simulate(make_balancer(strategy, len(scenario.rates), seed=seed), scenario)


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_every_request_finishes_exactly_once(strategy: str) -> None:
    requests = run(strategy).requests
    assert [r.index for r in requests] == list(range(SMALL.requests))
    assert all(r.finish > r.arrival and r.ok for r in requests)


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_latency_is_at_least_the_service_time(strategy: str) -> None:
    for r in run(strategy).requests:
        assert r.start >= r.arrival
        assert math.isclose(r.finish - r.start, r.service)
        assert r.latency >= r.service - 1e-12


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_each_server_serves_one_request_at_a_time_in_arrival_order(strategy: str) -> None:
    by_server = defaultdict(list)
    for r in run(strategy).requests:
        by_server[r.server].append(r)
    for served in by_server.values():
        for earlier, later in itertools.pairwise(served):
            assert later.start >= earlier.finish - 1e-12  # FIFO, no overlap


def test_queue_ahead_counts_the_requests_still_at_that_server() -> None:
    requests = run("random", Scenario(RATES, 0.9, requests=400, seed=5)).requests
    for r in requests:
        still_there = sum(
            1 for o in requests[: r.index] if o.server == r.server and o.finish > r.arrival
        )
        assert r.queue_ahead == still_there


def test_the_same_seed_gives_the_same_run_and_another_seed_does_not() -> None:
    assert run("p2c").requests == run("p2c").requests
    other = Scenario(RATES, 0.8, requests=2_000, seed=12)
    assert run("p2c").requests != run("p2c", other).requests
    assert run("p2c").requests != run("p2c", seed=3).requests  # the balancer's own seed


def test_every_strategy_sees_the_same_requests() -> None:
    runs = [run(strategy).requests for strategy in STRATEGIES]
    arrivals = {tuple((r.arrival, r.key) for r in requests) for requests in runs}
    assert len(arrivals) == 1


def test_arrivals_come_at_the_offered_rate() -> None:
    scenario = Scenario(RATES, 0.5, requests=20_000, seed=1)
    last = run("round_robin", scenario).requests[-1].arrival
    assert scenario.requests / last == pytest.approx(scenario.arrival_rate, rel=0.03)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"rates": (), "utilization": 0.5}, "at least one server"),
        ({"rates": (1.0,), "utilization": 1.0}, r"utilization must be in \(0, 1\)"),
        ({"rates": (1.0,), "utilization": 1.5}, "grow without bound"),
        ({"rates": (1.0,), "utilization": 0.0}, r"utilization must be in \(0, 1\)"),
        ({"rates": (1.0, -2.0), "utilization": 0.5}, "every rate must be a positive number"),
        ({"rates": (0.0,), "utilization": 0.5}, "every rate must be a positive number"),
        ({"rates": (math.nan,), "utilization": 0.5}, "every rate must be a positive number"),
        ({"rates": (1.0,), "utilization": 0.5, "requests": 0}, "at least 1"),
        ({"rates": (1.0,), "utilization": 0.5, "stale_for": -1.0}, "stale_for must be >= 0"),
        ({"rates": (1.0,), "utilization": 0.5, "clients": 0}, "at least 1"),
        ({"rates": (1.0,), "utilization": 0.5, "balancers": 0}, "balancers must be at least 1"),
        ({"rates": (1.0,), "utilization": 0.5, "stale_for": 0.1, "balancers": 2}, "pick one"),
    ],
)
def test_a_bad_scenario_is_refused_with_a_clear_message(kwargs, message) -> None:
    with pytest.raises(ValueError, match=message):
        Scenario(**kwargs)


def test_a_fault_on_a_server_that_does_not_exist_is_refused() -> None:
    checks = Checks(faults=[Fault(server=9, start=0.0, end=1.0)])
    with pytest.raises(ValueError, match="fault names server 9; there are 4"):
        simulate(make_balancer("round_robin", 4), SMALL, checks)


@given(st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=200), st.floats(0.01, 100))
def test_percentile_matches_the_nearest_rank_definition(values, p) -> None:
    result = percentile(values, p)
    at_or_below = sum(v <= result for v in values)
    below = sum(v < result for v in values)
    assert result in values
    assert at_or_below >= p / 100 * len(values) > below - 1e-9


def test_percentile_of_known_values_and_bad_input() -> None:
    assert percentile(list(range(1, 101)), 50) == 50
    assert percentile(list(range(1, 101)), 99) == 99
    assert percentile([3.0], 99) == 3.0
    with pytest.raises(ValueError, match="no values"):
        percentile([], 50)
    with pytest.raises(ValueError, match=r"p must be in \(0, 100\]"):
        percentile([1.0], 0)


def test_load_aware_strategies_keep_the_tail_short_where_blind_ones_do_not() -> None:
    # The page's main table, at a smaller size: the slow server saturates
    # under a 1/4 share, so blind strategies' p99 is many times worse.
    scenario = Scenario(RATES, 0.7, requests=8_000, seed=1)
    p99 = {s: summarize(run(s, scenario)).p99_ms for s in STRATEGIES}
    for blind in ("round_robin", "random", "consistent_hash"):
        for aware in ("least_connections", "p2c"):
            assert p99[blind] > 10 * p99[aware]
    slow_share = summarize(run("least_connections", scenario)).shares[-1]
    assert slow_share < 0.2  # it learns the slow server is slow, without being told


def test_a_stale_view_of_load_makes_least_connections_herd() -> None:
    fresh = Scenario((100.0,) * 8, 0.8, requests=6_000, seed=1)
    stale = Scenario((100.0,) * 8, 0.8, requests=6_000, seed=1, stale_for=0.2)
    least_fresh, least_stale = (summarize(run("least_connections", s)).p99_ms for s in (fresh, stale))
    p2c_stale = summarize(run("p2c", stale)).p99_ms
    assert least_stale > 5 * least_fresh
    assert least_stale > 3 * p2c_stale


def test_the_summary_shares_add_up_to_one() -> None:
    summary = summarize(run("p2c"))
    assert sum(summary.shares) == pytest.approx(1.0)
    assert summary.max_queue >= summary.mean_queue


def test_one_server_matches_the_m_m_1_formulas() -> None:
    # Poisson arrivals, exponential service, one server: the textbook M/M/1
    # queue. At utilization 0.8 and 100 req/s, the time in the system is
    # exponential with mean 1 / (100 - 80) = 50 ms, so p99 = 50 ms x ln(100);
    # an arrival finds L = 0.8 / 0.2 = 4 requests there (Poisson arrivals see
    # time averages).
    result = run("random", Scenario((100.0,), 0.8, requests=100_000, seed=7))
    summary, requests = summarize(result), result.requests
    assert sum(r.latency for r in requests) / len(requests) == pytest.approx(0.050, rel=0.08)
    assert summary.p99_ms == pytest.approx(50 * math.log(100), rel=0.08)
    assert summary.mean_queue == pytest.approx(4.0, rel=0.08)


def test_replicas_do_not_change_the_requests() -> None:
    one = run("p2c", Scenario(RATES, 0.8, requests=2_000, seed=11)).requests
    ten = run("p2c", Scenario(RATES, 0.8, requests=2_000, seed=11, balancers=10)).requests
    assert [(r.arrival, r.key) for r in one] == [(r.arrival, r.key) for r in ten]
    assert [r.server for r in one] != [r.server for r in ten]  # only the routing differs


def test_blind_strategies_do_not_care_how_many_replicas_there_are() -> None:
    for strategy in ("random", "consistent_hash"):
        one = run(strategy, Scenario(RATES, 0.8, requests=2_000, seed=11)).requests
        many = run(strategy, Scenario(RATES, 0.8, requests=2_000, seed=11, balancers=7)).requests
        assert one == many


def test_partial_views_make_least_connections_drift_toward_random_not_herd() -> None:
    def p99(strategy: str, **view) -> float:
        scenario = Scenario((100.0,) * 8, 0.8, requests=6_000, seed=1, **view)
        return summarize(run(strategy, scenario)).p99_ms

    fresh, rand = p99("least_connections"), p99("random")
    partial = p99("least_connections", balancers=10)
    stale = p99("least_connections", stale_for=0.05)
    assert fresh < partial < rand < stale


def test_a_replica_sees_only_the_requests_it_sent() -> None:
    def views(balancers: int) -> list[tuple[int, int]]:
        """(what the balancer saw at the chosen server, what was really there)."""
        seen: list[list[int]] = []

        class Recorder:
            name = "recorder"

            def pick(self, key, load, eligible):
                seen.append(list(load))
                return eligible[len(seen) % len(eligible)]

        scenario = Scenario(RATES, 0.9, requests=3_000, seed=5, balancers=balancers)
        requests = simulate(Recorder(), scenario).requests
        return [(view[r.server], r.queue_ahead) for r, view in zip(requests, seen, strict=True)]

    assert all(saw == there for saw, there in views(1))  # one balancer sees everything
    partial = views(3)
    assert all(saw <= there for saw, there in partial)
    assert sum(saw for saw, _ in partial) < 0.5 * sum(there for _, there in partial)
