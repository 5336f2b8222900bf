"""Sliding log: exact, so it must agree with a brute-force count over every window."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from examples.machine_coding.clock import ManualClock
from examples.machine_coding.rate_limiter.factory import Algorithm
from examples.machine_coding.rate_limiter.sliding_log import SlidingLogLimiter
from tests.machine_coding.rate_limiter.arrivals import arrival_times, build, limits, replay, windows
from tests.machine_coding.rate_limiter.exact_models import to_ns


def test_refuses_until_the_oldest_request_leaves_the_window() -> None:
    clock = ManualClock(0.0)
    limiter = SlidingLogLimiter(2, 10, clock=clock)
    assert limiter.allow("k").allowed  # t=0
    clock.set(4.0)
    assert limiter.allow("k").allowed  # t=4
    clock.set(9.0)
    refused = limiter.allow("k")
    assert not refused.allowed
    assert refused.retry_after == 1.0  # the t=0 entry leaves at t=10
    clock.set(10.0)
    assert limiter.allow("k").allowed
    clock.set(13.0)
    assert not limiter.allow("k").allowed  # t=4 and t=10 are still inside


def test_has_no_boundary_burst() -> None:
    clock = ManualClock(59.5)
    limiter = SlidingLogLimiter(5, 60, clock=clock)
    before = [limiter.allow("k").allowed for _ in range(5)]
    clock.set(60.0)
    after = [limiter.allow("k").allowed for _ in range(5)]
    assert before == [True] * 5
    assert after == [False] * 5


def test_retry_after_for_a_large_cost_waits_for_enough_entries() -> None:
    clock = ManualClock(0.0)
    limiter = SlidingLogLimiter(4, 10, clock=clock)
    for at in (0.0, 1.0, 2.0, 3.0):
        clock.set(at)
        assert limiter.allow("k").allowed
    refused = limiter.allow("k", cost=3)
    assert refused.retry_after == 9.0  # entries at 0, 1 and 2 must expire: t=12
    assert refused.reset_after == 10.0  # the newest (t=3) leaves at 13


def test_memory_per_key_is_bounded_by_the_limit() -> None:
    clock = ManualClock(0.0)
    limiter = SlidingLogLimiter(3, 1, clock=clock)
    for _ in range(100):
        limiter.allow("k")
        clock.advance(0.01)
    assert len(limiter._states["k"].entries) <= 3


@settings(max_examples=150, deadline=None)
@given(
    times=arrival_times,
    limit=limits,
    window=windows,
    costs=st.lists(st.integers(min_value=1, max_value=3), min_size=1, max_size=5),
)
def test_no_window_of_length_window_ever_holds_more_than_limit(
    times: list[float], limit: int, window: float, costs: list[int]
) -> None:
    costs = [min(cost, limit) for cost in costs]
    limiter, clock = build(Algorithm.SLIDING_LOG, limit, window)
    arrivals = replay(limiter, clock, times, costs)
    admitted = [a for a in arrivals if a.decision.allowed]
    w = to_ns(window)  # the limiter counts time in whole nanoseconds
    # Every window of length `window` that holds admitted requests can be slid
    # right until it ends at one of them, so checking (t - window, t] for each
    # admitted t covers them all.
    for latest in admitted:
        inside = sum(a.cost for a in admitted if a.at <= latest.at and to_ns(latest.at) - to_ns(a.at) < w)
        assert inside <= limit
    # And it is exact, not merely safe: each refusal really would have overflowed.
    for i, arrival in enumerate(arrivals):
        before = [a for a in arrivals[:i] if a.decision.allowed]
        used = sum(a.cost for a in before if to_ns(arrival.at) - to_ns(a.at) < w)
        assert arrival.decision.allowed == (used + arrival.cost <= limit)
