"""Leaky bucket (queue): bounded queue, smooth output, and the meter equivalence."""

from __future__ import annotations

import dataclasses
from fractions import Fraction
from itertools import pairwise

import pytest
from hypothesis import given, settings

from examples.machine_coding.clock import ManualClock
from examples.machine_coding.rate_limiter.factory import Algorithm
from examples.machine_coding.rate_limiter.leaky_bucket import LeakyBucketLimiter
from tests.machine_coding.rate_limiter.arrivals import Step, arrival_times, build, limits, replay, traffic, windows
from tests.machine_coding.rate_limiter.exact_models import to_ns


def test_queues_a_burst_and_spaces_it_out() -> None:
    limiter = LeakyBucketLimiter(4, 2, clock=ManualClock())  # drains 2 per second
    decisions = [limiter.allow("k") for _ in range(5)]
    assert [d.allowed for d in decisions] == [True] * 4 + [False]
    assert [d.delay for d in decisions[:4]] == [0.0, 0.5, 1.0, 1.5]
    assert decisions[4].retry_after == 0.5
    assert decisions[4].reset_after == 2.0


def test_the_queue_drains_over_time() -> None:
    clock = ManualClock(0.0)
    limiter = LeakyBucketLimiter(4, 2, clock=clock)
    for _ in range(4):
        limiter.allow("k")
    clock.advance(1.0)  # two units drained
    decision = limiter.allow("k")
    assert decision.allowed
    assert decision.delay == 1.0  # two units are still ahead of it
    assert decision.remaining == 1


def test_a_refused_request_does_not_join_the_queue() -> None:
    limiter = LeakyBucketLimiter(3, 3, clock=ManualClock())
    limiter.allow("k", cost=2)
    assert not limiter.allow("k", cost=2).allowed
    assert limiter.allow("k", cost=1).delay == pytest.approx(2.0)


@settings(max_examples=150, deadline=None)
@given(times=arrival_times, limit=limits, window=windows)
def test_output_is_smooth_and_the_queue_never_overflows(times: list[float], limit: int, window: float) -> None:
    limiter, clock = build(Algorithm.LEAKY_BUCKET, limit, window)
    spacing = Fraction(to_ns(window), limit)  # nanoseconds per unit drained
    admitted = [a for a in replay(limiter, clock, times) if a.decision.allowed]
    served_at = [to_ns(a.at + a.decision.delay) for a in admitted]
    for earlier, later in pairwise(served_at):
        # At most one request per 1/rate seconds; each serve time is rounded
        # up to the nanosecond, which can bring two of them 2 ns closer.
        assert later - earlier >= spacing - 2
    for arrival, served in zip(admitted, served_at, strict=True):
        # At most limit - 1 units wait ahead of anyone: the queue never overflows.
        assert served - to_ns(arrival.at) <= (limit - 1) * spacing + 2


@settings(max_examples=150, deadline=None)
@given(case=traffic())
def test_as_a_meter_it_admits_exactly_what_a_token_bucket_admits(case: tuple[int, float, float, list[Step]]) -> None:
    """Decision by decision, for any times, windows and costs: both are exact integer arithmetic."""
    limit, window, start, steps = case
    leaky, leaky_clock = build(Algorithm.LEAKY_BUCKET, limit, window, start)
    token, token_clock = build(Algorithm.TOKEN_BUCKET, limit, window, start)
    for step in steps:
        leaky_clock.advance(window * step.gap)
        token_clock.advance(window * step.gap)
        from_leaky, from_token = leaky.allow("k", step.cost), token.allow("k", step.cost)
        assert from_leaky == dataclasses.replace(from_token, delay=from_leaky.delay)
