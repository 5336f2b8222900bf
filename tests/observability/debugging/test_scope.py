from __future__ import annotations

import math
import random

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from examples.observability.debugging.scope import (
    CHANGES,
    HOSTS,
    Request,
    changes_before,
    concentration,
    onset,
    seeded_hour,
    slow_share,
)


@pytest.fixture(scope="module")
def hour() -> list[Request]:
    return seeded_hour()


def test_the_symptom_starts_with_the_canary(hour: list[Request]) -> None:
    assert onset(hour, threshold_ms=300, objective=0.99) == 35


def test_the_slow_requests_concentrate_on_web3_and_search(hour: list[Request]) -> None:
    host = concentration(hour, 35, 300, "host")
    route = concentration(hour, 35, 300, "route")
    assert host is not None and host.value == "web-3"
    assert route is not None and route.value == "/search"
    assert host.slow_share > 3 * host.traffic_share  # far more of the slow requests than of the traffic
    assert host.risk > 20


def test_a_value_with_most_of_the_traffic_can_still_stand_out() -> None:
    # /search carries 60% of the traffic and every slow request. Comparing
    # shares (slow share / traffic share <= 1 / 0.6) could never flag it.
    rng = random.Random(1)  # noqa: S311 - a seeded simulation, not a secret
    requests = []
    for minute in range(10):
        for _ in range(500):
            route = "/search" if rng.random() < 0.6 else "/orders"
            slow = route == "/search" and rng.random() < 0.3
            requests.append(Request(minute, "web-1", route, "acme", 900.0 if slow else 40.0))
    found = concentration(requests, 0, 300, "route")
    assert found is not None and found.value == "/search"
    assert found.slow_share == 1 and found.risk == math.inf
    assert found.slow_share / found.traffic_share < 2  # what the old share ratio saw


def test_a_big_tenant_slow_in_proportion_does_not_stand_out(hour: list[Request]) -> None:
    assert concentration(hour, 35, 300, "tenant") is None
    top = concentration(hour, 35, 300, "tenant", min_risk=0)
    assert top is not None and top.risk < 2


def test_changes_before_the_onset_are_candidates_and_later_ones_are_not() -> None:
    assert [c.minute for c in changes_before(CHANGES, 35)] == [12, 35]
    assert changes_before(CHANGES, 35, window=10) == [CHANGES[1]]


def test_the_hypothesis_check_separates_web3_from_the_rest(hour: list[Request]) -> None:
    after = range(35, 60)
    assert slow_share(hour, 300, after, host="web-3", route="/search") > 0.3
    for host in ("web-1", "web-2", "web-4"):
        assert slow_share(hour, 300, after, host=host, route="/search") < 0.02


def test_the_seeded_hour_is_the_same_every_time() -> None:
    assert seeded_hour()[:50] == seeded_hour()[:50]


def test_no_onset_when_the_sli_holds(hour: list[Request]) -> None:
    assert onset([r for r in hour if r.minute < 35], 300, 0.99) is None


@pytest.mark.parametrize(("objective", "minutes"), [(0, 3), (1, 3), (1.5, 3), (0.99, 0)])
def test_onset_refuses_bad_settings(objective: float, minutes: int) -> None:
    with pytest.raises(ValueError, match="objective"):
        onset([], 300, objective, minutes)


def test_concentration_refuses_bad_input(hour: list[Request]) -> None:
    with pytest.raises(ValueError, match="unknown dimension"):
        concentration(hour, 35, 300, "latency_ms")
    with pytest.raises(ValueError, match="no slow requests"):
        concentration(hour, 35, 10**9, "host")


def test_slow_share_refuses_an_empty_selection(hour: list[Request]) -> None:
    with pytest.raises(ValueError, match="no requests match"):
        slow_share(hour, 300, range(35), host="web-9")


# Each minute as (requests, fast requests); the model reads the definition literally.
minutes_strategy = st.lists(
    st.integers(1, 20).flatmap(lambda n: st.tuples(st.just(n), st.integers(0, n))),
    max_size=30,
)


def _requests(minutes: list[tuple[int, int]]) -> list[Request]:
    out = []
    for minute, (total, fast) in enumerate(minutes):
        for i in range(total):
            latency = 10.0 if i < fast else 500.0
            out.append(Request(minute, "web-1", "/orders", "acme", latency))
    return out


@given(minutes_strategy, st.integers(1, 4))
def test_onset_matches_a_brute_force_model(minutes: list[tuple[int, int]], run: int) -> None:
    bad = [fast / total < 0.9 for total, fast in minutes]
    expected = next(
        (m for m in range(len(bad)) if m + run <= len(bad) and all(bad[m : m + run])),
        None,
    )
    assert onset(_requests(minutes), 300, 0.9, run) == expected


@given(minutes_strategy)
def test_one_value_has_nothing_to_stand_out_from(minutes: list[tuple[int, int]]) -> None:
    requests = _requests(minutes)
    assume(any(r.latency_ms >= 300 for r in requests))
    assert concentration(requests, 0, 300, "host", min_risk=0) is None


# Each request as (host, slow?); the model counts by the definition.
requests_strategy = st.lists(st.tuples(st.sampled_from(HOSTS[:3]), st.booleans()), min_size=1, max_size=60)


@given(requests_strategy, st.sampled_from([0.0, 1.5, 2.0, 4.0]))
def test_concentration_matches_a_relative_risk_model(rows: list[tuple[str, bool]], min_risk: float) -> None:
    assume(any(slow for _, slow in rows))
    requests = [Request(0, host, "/orders", "acme", 500.0 if slow else 10.0) for host, slow in rows]
    hosts = sorted({host for host, _ in rows})

    def model_risk(host: str) -> float:
        mine = [slow for h, slow in rows if h == host]
        rest = [slow for h, slow in rows if h != host]
        rest_rate = sum(rest) / len(rest)
        return (sum(mine) / len(mine)) / rest_rate if rest_rate else math.inf

    found = concentration(requests, 0, 300, "host", min_risk=min_risk)
    if len(hosts) < 2:
        assert found is None
        return
    best = max(hosts, key=model_risk)  # the first of equals, in sorted order
    if model_risk(best) < min_risk:
        assert found is None
    else:
        assert found is not None
        assert (found.value, found.risk) == (best, model_risk(best))
        assert found.traffic_share == sum(h == best for h, _ in rows) / len(rows)
        assert found.slow_share == sum(h == best and slow for h, slow in rows) / sum(slow for _, slow in rows)
