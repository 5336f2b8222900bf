"""Outlier ejection and active health checks, alone and inside the simulation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.system_design.load_balancing.balancers import make_balancer
from examples.system_design.load_balancing.health import (
    ActiveHealthCheck,
    Fault,
    OutlierDetector,
)
from examples.system_design.load_balancing.simulation import Checks, Scenario, simulate


def errors(detector: OutlierDetector, server: int, count: int, at: float) -> None:
    for _ in range(count):
        detector.observe(server, ok=False, now=at)


def one_may_go(servers: int = 4, **settings) -> OutlierDetector:
    """A detector that may eject one server of a small pool (Envoy's always_eject_one_host)."""
    return OutlierDetector(servers=servers, always_eject_one_host=True, **settings)


def test_ejects_after_exactly_n_consecutive_errors() -> None:
    detector = one_may_go(consecutive_5xx=5)
    errors(detector, 1, 4, at=0.0)
    assert detector.ejected(0.0) == set()
    errors(detector, 1, 1, at=0.0)
    assert detector.ejected(0.0) == {1}
    assert detector.ejections == 1


def test_a_success_resets_the_count() -> None:
    detector = one_may_go(consecutive_5xx=3)
    errors(detector, 0, 2, at=0.0)
    detector.observe(0, ok=True, now=0.0)
    errors(detector, 0, 2, at=0.0)
    assert detector.ejected(0.0) == set()


def test_each_ejection_lasts_longer_up_to_the_maximum() -> None:
    detector = one_may_go(base_ejection_time=30.0, max_ejection_time=70.0)
    errors(detector, 2, 5, at=0.0)
    assert detector.ejected(29.9) == {2}
    assert detector.ejected(30.0) == set()  # back after 1 x 30 s
    errors(detector, 2, 5, at=30.0)
    assert detector.ejected(89.9) == {2}
    assert detector.ejected(90.0) == set()  # back after 2 x 30 s
    errors(detector, 2, 5, at=90.0)
    assert detector.ejected(159.9) == {2}
    assert detector.ejected(160.0) == set()  # 3 x 30 s, capped at 70 s


def test_envoy_defaults_eject_nobody_from_a_pool_of_fewer_than_ten() -> None:
    # Since Envoy 1.28 the 10% cap holds for the first ejection too: 1 of 9 is 11%.
    for servers in (1, 4, 9):
        detector = OutlierDetector(servers=servers)
        assert detector.max_ejected == 0
        errors(detector, 0, 50, at=0.0)
        assert detector.ejected(0.0) == set()
        assert detector.ejections == 0
    ten = OutlierDetector(servers=10)
    errors(ten, 0, 5, at=0.0)
    assert ten.ejected(0.0) == {0}


def test_the_cap_keeps_servers_in_rotation_and_the_flag_allows_one() -> None:
    small = one_may_go(servers=4, max_ejection_percent=10)  # 10% of 4 rounds down to 0
    assert small.max_ejected == 1
    for server in range(4):
        errors(small, server, 5, at=0.0)
    assert small.ejected(0.0) == {0}
    big = OutlierDetector(servers=10, max_ejection_percent=20)
    assert big.max_ejected == one_may_go(servers=10, max_ejection_percent=20).max_ejected == 2
    for server in range(10):
        errors(big, server, 5, at=0.0)
    assert big.ejected(0.0) == {0, 1}


def test_a_capped_server_needs_a_new_run_of_errors_once_the_cap_frees_up() -> None:
    # Envoy resets the count after every attempt, ejected or not.
    detector = one_may_go(consecutive_5xx=5, base_ejection_time=10.0)
    errors(detector, 0, 5, at=0.0)
    errors(detector, 1, 5, at=0.0)  # capped: 0 is already out
    assert detector.ejected(0.0) == {0}
    errors(detector, 1, 4, at=10.0)  # 0 is back, but 4 errors are not a run of 5
    assert detector.ejected(10.0) == set()
    errors(detector, 1, 1, at=10.0)
    assert detector.ejected(10.0) == {1}


def test_uneject_returns_a_server_early() -> None:
    detector = one_may_go(servers=2)
    errors(detector, 0, 5, at=0.0)
    detector.uneject(0)
    assert detector.ejected(1.0) == set()


events = st.lists(
    st.tuples(st.integers(0, 5), st.booleans(), st.floats(0, 20)), max_size=300
)


@given(events, st.integers(0, 100), st.integers(1, 4), st.booleans())
def test_never_more_servers_out_than_the_cap(observations, percent, in_a_row, one_host) -> None:
    detector = OutlierDetector(
        servers=6,
        consecutive_5xx=in_a_row,
        base_ejection_time=5.0,
        max_ejection_percent=percent,
        always_eject_one_host=one_host,
    )
    cap = 6 * percent // 100  # Envoy: (ejected + 1) / hosts must stay <= the percent
    assert detector.max_ejected == (max(1, cap) if one_host else cap)
    now = 0.0
    for server, ok, step in observations:
        now += step
        detector.observe(server, ok, now)
        assert len(detector.ejected(now)) <= detector.max_ejected


@given(st.lists(st.booleans(), max_size=200), st.integers(1, 6))
def test_ejection_matches_a_model_of_runs_of_errors(outcomes, in_a_row) -> None:
    # One server, every response at t=0, an ejection longer than the test:
    # the server is out exactly when some run of errors reached `in_a_row`.
    detector = one_may_go(servers=1, consecutive_5xx=in_a_row, base_ejection_time=1e6,
                          max_ejection_time=1e6)
    run, expected_out = 0, False
    for ok in outcomes:
        detector.observe(0, ok, now=0.0)
        run = 0 if ok else run + 1
        expected_out = expected_out or run >= in_a_row
        assert (detector.ejected(0.0) == {0}) == expected_out


def test_active_check_marks_down_after_the_threshold_and_up_after_passes() -> None:
    check = ActiveHealthCheck(servers=2, unhealthy_threshold=3, healthy_threshold=2)
    for passed in (False, False, True, False, False):  # the pass resets the streak
        check.probe(0, passed)
    assert check.down == set()
    check.probe(0, False)
    assert check.down == {0}
    check.probe(0, True)
    assert check.down == {0}  # one pass is not enough
    check.probe(0, True)
    assert check.down == set()


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: OutlierDetector(servers=0), "servers must be at least 1"),
        (lambda: OutlierDetector(servers=2, consecutive_5xx=0), "consecutive_5xx must be at least 1"),
        (lambda: OutlierDetector(servers=2, base_ejection_time=0), "base_ejection_time"),
        (lambda: OutlierDetector(servers=2, base_ejection_time=60, max_ejection_time=30), "base_ejection_time"),
        (lambda: OutlierDetector(servers=2, max_ejection_percent=101), "max_ejection_percent must be 0-100"),
        (lambda: ActiveHealthCheck(servers=0), "servers must be at least 1"),
        (lambda: ActiveHealthCheck(servers=2, interval=0), "interval must be positive"),
        (lambda: ActiveHealthCheck(servers=2, unhealthy_threshold=0), "must be at least 1"),
        (lambda: Fault(server=-1, start=0, end=1), "server must be a server index"),
        (lambda: Fault(server=0, start=5, end=5), "start < end"),
        (lambda: Fault(server=0, start=0, end=1, error_seconds=0), "error_seconds must be positive"),
        (lambda: Checks(panic_threshold=1.5), r"panic_threshold must be in \[0, 1\]"),
        (lambda: Checks(panic_threshold=-0.1), r"panic_threshold must be in \[0, 1\]"),
    ],
)
def test_bad_settings_are_refused_with_a_clear_message(build, message) -> None:
    with pytest.raises(ValueError, match=message):
        build()


SCENARIO = Scenario(rates=(100.0,) * 4, utilization=0.5, requests=6_000, seed=3)
FAULT = Fault(server=2, start=5.0, end=25.0)


def failed(strategy: str, checks: Checks) -> int:
    run = simulate(make_balancer(strategy, 4, seed=4), SCENARIO, checks)
    return sum(not r.ok for r in run.requests)


def test_failing_requests_are_the_ones_a_faulty_server_started_in_its_window() -> None:
    run = simulate(make_balancer("round_robin", 4), SCENARIO, Checks(faults=[FAULT]))
    for r in run.requests:
        assert r.ok == (not FAULT.active(r.server, r.start))
        if not r.ok:
            assert r.service == FAULT.error_seconds


def test_checks_cut_the_errors_clients_see() -> None:
    none = failed("round_robin", Checks(faults=[FAULT]))
    active = failed("round_robin", Checks(active=ActiveHealthCheck(servers=4), faults=[FAULT]))
    passive = failed("round_robin", Checks(outlier=one_may_go(), faults=[FAULT]))
    assert none > active > passive > 0
    assert none == pytest.approx(20.0 * 200 / 4, rel=0.1)  # a quarter of 20 s of traffic


def test_outlier_detection_with_envoy_defaults_does_nothing_for_four_servers() -> None:
    checks = Checks(outlier=OutlierDetector(servers=4), faults=[FAULT])
    run = simulate(make_balancer("round_robin", 4, seed=4), SCENARIO, checks)
    assert run.ejections == 0
    assert sum(not r.ok for r in run.requests) == failed("round_robin", Checks(faults=[FAULT]))


def test_a_passing_probe_returns_an_ejected_server_that_recovered() -> None:
    longer = Scenario(rates=(100.0,) * 4, utilization=0.5, requests=8_000, seed=3)  # 40 s
    both = Checks(outlier=one_may_go(), active=ActiveHealthCheck(servers=4), faults=[FAULT])
    run = simulate(make_balancer("round_robin", 4, seed=4), longer, both)
    assert run.ejections == 1
    back = min(r.arrival for r in run.requests if r.server == 2 and r.arrival >= FAULT.end)
    # Probes every 5 s, two passes in a row: up at the probe at 30 s, not when
    # the 30 s ejection from about t=5 s runs out.
    assert 30.0 <= back < 30.1


def test_least_connections_sends_more_traffic_to_a_server_that_fails_fast() -> None:
    assert failed("least_connections", Checks(faults=[FAULT])) > 1.3 * failed("round_robin", Checks(faults=[FAULT]))


def test_an_ejected_server_that_recovers_stays_out_until_its_time_is_up() -> None:
    checks = Checks(outlier=one_may_go(), faults=[FAULT])
    run = simulate(make_balancer("round_robin", 4), SCENARIO, checks)
    assert run.requests[-1].arrival > 29.0
    # Ejected at about 5 s for 30 s: healthy again from 25 s, yet no traffic.
    assert not [r for r in run.requests if r.server == 2 and FAULT.end <= r.arrival < 34.9]


def test_panic_balances_across_everyone_when_too_few_servers_are_healthy() -> None:
    faults = [Fault(server=s, start=0.0, end=100.0) for s in range(3)]
    checks = Checks(active=ActiveHealthCheck(servers=4, interval=1.0), faults=faults)
    run = simulate(make_balancer("round_robin", 4), SCENARIO, checks)
    late = [r.server for r in run.requests if r.arrival > 10.0]
    # Three of four are down (25% < 50%), so all four still get traffic.
    assert set(late) == {0, 1, 2, 3}
    no_panic = Checks(active=ActiveHealthCheck(servers=4, interval=1.0), faults=faults, panic_threshold=0.0)
    run = simulate(make_balancer("round_robin", 4), SCENARIO, no_panic)
    assert {r.server for r in run.requests if r.arrival > 10.0} == {3}
