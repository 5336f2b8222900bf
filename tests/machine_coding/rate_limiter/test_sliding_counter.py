"""Sliding counter: the weighted estimate, its bounds, and where it over-admits."""

from __future__ import annotations

from collections import defaultdict

import pytest
from hypothesis import given, settings

from examples.machine_coding.clock import ManualClock
from examples.machine_coding.rate_limiter.factory import Algorithm
from examples.machine_coding.rate_limiter.sliding_counter import SlidingCounterLimiter
from tests.machine_coding.rate_limiter.arrivals import arrival_times, build, limits, replay, windows
from tests.machine_coding.rate_limiter.exact_models import to_ns


def test_weights_the_previous_window_by_how_much_of_it_still_overlaps() -> None:
    clock = ManualClock(0.0)
    limiter = SlidingCounterLimiter(10, 60, clock=clock)
    assert all(limiter.allow("k").allowed for _ in range(10))  # window [0, 60) is full
    clock.set(75.0)  # a quarter into [60, 120): estimate = 10 * 0.75 = 7.5
    outcomes = [limiter.allow("k") for _ in range(3)]
    assert [d.allowed for d in outcomes] == [True, True, False]  # 8.5 and 9.5 fit, 10.5 does not
    assert outcomes[0].remaining == 1
    assert outcomes[2].retry_after == pytest.approx(3.0)  # at t=78: 10 * 0.7 + 2 + 1 = 10


def test_a_quiet_window_in_between_forgets_everything() -> None:
    clock = ManualClock(0.0)
    limiter = SlidingCounterLimiter(2, 10, clock=clock)
    assert limiter.allow("k").allowed and limiter.allow("k").allowed
    clock.set(25.0)  # window [20, 30): the previous window [10, 20) was empty
    decisions = [limiter.allow("k") for _ in range(3)]
    assert [d.allowed for d in decisions] == [True, True, False]
    assert decisions[2].retry_after == 10.0  # at t=35: 2 * 0.5 + 0 + 1 = 2


def test_retry_after_in_the_next_window_when_the_current_one_is_full() -> None:
    clock = ManualClock(0.0)
    limiter = SlidingCounterLimiter(4, 1, clock=clock)
    assert all(limiter.allow("k").allowed for _ in range(4))
    refused = limiter.allow("k")
    assert refused.retry_after == 1.25  # next window, once 4 * (1 - x) <= 3
    assert refused.reset_after == 2.0


def test_can_admit_nearly_twice_the_limit_in_a_sliding_window() -> None:
    """Documents the approximation: requests bunched at a window's end are under-weighted."""
    clock = ManualClock(59.0)
    limiter = SlidingCounterLimiter(10, 60, clock=clock)
    assert all(limiter.allow("k").allowed for _ in range(10))  # at t=59
    clock.set(118.0)  # 58/60 into the next window: the 10 weigh only 0.33
    admitted = sum(limiter.allow("k").allowed for _ in range(10))
    assert admitted == 9  # 19 requests in (58, 118], a 60-second interval


@settings(max_examples=150, deadline=None)
@given(times=arrival_times, limit=limits, window=windows)
def test_bounded_per_aligned_window_and_by_twice_the_limit_in_any_window(
    times: list[float], limit: int, window: float
) -> None:
    limiter, clock = build(Algorithm.SLIDING_COUNTER, limit, window)
    admitted = [to_ns(a.at) for a in replay(limiter, clock, times) if a.decision.allowed]
    w = to_ns(window)  # the limiter counts time in whole nanoseconds
    per_window: dict[int, int] = defaultdict(int)
    for at in admitted:
        per_window[at // w] += 1
    assert all(count <= limit for count in per_window.values())
    for latest in admitted:
        assert sum(1 for at in admitted if at <= latest and latest - at < w) <= 2 * limit
