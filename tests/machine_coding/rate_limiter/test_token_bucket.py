"""Token bucket: bursts up to the limit, then the refill rate; never more."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from examples.machine_coding.clock import ManualClock
from examples.machine_coding.rate_limiter.factory import Algorithm
from examples.machine_coding.rate_limiter.token_bucket import TokenBucketLimiter
from tests.machine_coding.rate_limiter.arrivals import arrival_times, build, limits, replay, windows


def test_allows_a_burst_then_the_refill_rate() -> None:
    clock = ManualClock(0.0)
    limiter = TokenBucketLimiter(4, 2, clock=clock)  # 4 tokens, 2 per second
    assert [limiter.allow("k").allowed for _ in range(5)] == [True] * 4 + [False]
    clock.advance(0.5)  # one token back
    assert [limiter.allow("k").allowed for _ in range(2)] == [True, False]


def test_refill_is_capped_at_the_limit() -> None:
    clock = ManualClock(0.0)
    limiter = TokenBucketLimiter(3, 3, clock=clock)
    limiter.allow("k")
    clock.advance(1_000)
    assert [limiter.allow("k").allowed for _ in range(4)] == [True, True, True, False]


def test_retry_after_is_the_time_to_earn_the_missing_tokens() -> None:
    clock = ManualClock(0.0)
    limiter = TokenBucketLimiter(4, 2, clock=clock)
    limiter.allow("k", cost=3)
    refused = limiter.allow("k", cost=3)  # 1 token left, 2 missing at 2 per second
    assert not refused.allowed
    assert refused.remaining == 1
    assert refused.retry_after == pytest.approx(1.0)
    assert refused.reset_after == pytest.approx(1.5)
    clock.advance(1.0)
    assert limiter.allow("k", cost=3).allowed


@settings(max_examples=150, deadline=None)
@given(times=arrival_times, limit=limits, window=windows)
def test_never_more_than_capacity_plus_rate_times_elapsed(times: list[float], limit: int, window: float) -> None:
    limiter, clock = build(Algorithm.TOKEN_BUCKET, limit, window)
    rate = limit / window
    admitted = [a.at for a in replay(limiter, clock, times) if a.decision.allowed]
    for i, first in enumerate(admitted):
        for j in range(i, len(admitted)):
            count = j - i + 1  # admitted requests in [first, admitted[j]]
            assert count <= limit + rate * (admitted[j] - first) + 1e-6
