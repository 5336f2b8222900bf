"""Leaky bucket (queue): bounded queue, smooth output, and the meter equivalence."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.machine_coding.clock import ManualClock
from examples.machine_coding.rate_limiter.factory import Algorithm
from examples.machine_coding.rate_limiter.leaky_bucket import LeakyBucketLimiter
from tests.machine_coding.rate_limiter.arrivals import arrival_times, build, limits, replay, windows


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
    rate = limit / window
    admitted = [a for a in replay(limiter, clock, times) if a.decision.allowed]
    served_at = [a.at + a.decision.delay for a in admitted]
    for earlier, later in pairwise(served_at):
        assert later - earlier >= 1 / rate - 1e-9  # at most one request per 1/rate seconds
    for arrival in admitted:
        # At most limit - 1 units wait ahead of anyone: the queue never overflows.
        assert arrival.decision.delay <= (limit - 1) / rate + 1e-9


# Times on a 1/64 s grid and power-of-two rates keep every float exact, so the
# two algorithms can be compared decision by decision.
grid_times = st.lists(st.integers(min_value=0, max_value=64 * 20), max_size=80).map(
    lambda ticks: [t / 64 for t in sorted(ticks)]
)


@settings(max_examples=150, deadline=None)
@given(times=grid_times, limit=st.sampled_from([1, 2, 4, 8]), window=st.sampled_from([0.5, 1.0, 2.0, 4.0]))
def test_as_a_meter_it_admits_exactly_what_a_token_bucket_admits(times: list[float], limit: int, window: float) -> None:
    leaky, leaky_clock = build(Algorithm.LEAKY_BUCKET, limit, window)
    token, token_clock = build(Algorithm.TOKEN_BUCKET, limit, window)
    leaky_run = [a.decision.allowed for a in replay(leaky, leaky_clock, times)]
    token_run = [a.decision.allowed for a in replay(token, token_clock, times)]
    assert leaky_run == token_run
