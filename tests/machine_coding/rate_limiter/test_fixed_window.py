"""Fixed window: behaviour, the boundary burst, and a model of aligned windows."""

from __future__ import annotations

from collections import defaultdict

from hypothesis import given, settings

from examples.machine_coding.clock import ManualClock
from examples.machine_coding.rate_limiter.factory import Algorithm
from examples.machine_coding.rate_limiter.fixed_window import FixedWindowLimiter
from tests.machine_coding.rate_limiter.arrivals import arrival_times, build, limits, replay, windows
from tests.machine_coding.rate_limiter.exact_models import to_ns


def test_admits_the_limit_then_refuses_until_the_window_ends() -> None:
    clock = ManualClock(12.0)
    limiter = FixedWindowLimiter(3, 10, clock=clock)
    decisions = [limiter.allow("alice") for _ in range(4)]
    assert [d.allowed for d in decisions] == [True, True, True, False]
    assert [d.remaining for d in decisions] == [2, 1, 0, 0]
    assert decisions[-1].retry_after == 8.0  # the window [10, 20) ends at 20
    assert decisions[0].retry_after == 0.0
    clock.set(20.0)
    assert limiter.allow("alice").allowed


def test_keys_are_independent() -> None:
    limiter = FixedWindowLimiter(1, 60, clock=ManualClock())
    assert limiter.allow("alice").allowed
    assert not limiter.allow("alice").allowed
    assert limiter.allow("bob").allowed


def test_a_refused_request_consumes_nothing() -> None:
    limiter = FixedWindowLimiter(5, 60, clock=ManualClock())
    assert limiter.allow("k", cost=3).allowed
    refused = limiter.allow("k", cost=3)
    assert not refused.allowed
    assert refused.remaining == 2
    assert limiter.allow("k", cost=2).allowed


def test_reset_after_reports_the_end_of_the_window() -> None:
    clock = ManualClock(7.5)
    limiter = FixedWindowLimiter(2, 10, clock=clock)
    assert limiter.allow("k").reset_after == 2.5


def test_fixed_window_admits_twice_the_limit_across_a_boundary() -> None:
    """Documents the known weakness: 2x limit within one second of the boundary."""
    clock = ManualClock(59.5)
    limiter = FixedWindowLimiter(5, 60, clock=clock)
    before = [limiter.allow("k").allowed for _ in range(5)]  # window [0, 60)
    clock.set(60.0)
    after = [limiter.allow("k").allowed for _ in range(5)]  # window [60, 120)
    assert before + after == [True] * 10  # 10 requests in 0.5 s under a 5-per-minute limit


@settings(max_examples=150, deadline=None)
@given(times=arrival_times, limit=limits, window=windows)
def test_matches_a_model_that_counts_per_aligned_window(times: list[float], limit: int, window: float) -> None:
    limiter, clock = build(Algorithm.FIXED_WINDOW, limit, window)
    used: dict[int, int] = defaultdict(int)
    for arrival in replay(limiter, clock, times):
        index = to_ns(arrival.at) // to_ns(window)  # time counts in whole nanoseconds
        expected = used[index] + 1 <= limit
        assert arrival.decision.allowed == expected
        used[index] += expected
    assert all(count <= limit for count in used.values())
