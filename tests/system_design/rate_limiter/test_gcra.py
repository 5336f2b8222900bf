"""The GCRA script on the real Redis: the same answers as an in-process token bucket, exact waits, bad input."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
import redis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from examples.data.redis.connection import redis_session
from examples.machine_coding.clock import ManualClock
from examples.machine_coding.rate_limiter.token_bucket import TokenBucketLimiter
from examples.system_design.rate_limiter.gcra import MAX_POLICIES, GcraLimiter, Policy

T0 = 1_733_097_600_000_000  # microseconds since the epoch


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> int:
        return self.now


@pytest.fixture
def session(redis_url: str) -> Iterator[tuple[redis.Redis, str]]:
    with redis_session("test_gcra", redis_url) as rp:
        yield rp


# Limits whose interval is a whole number of microseconds, so the script and
# the nanosecond token bucket enforce exactly the same rule.
exact_policies = st.tuples(st.integers(1, 25), st.sampled_from([1, 2, 3, 10, 60])).filter(
    lambda lp: lp[1] * 1_000_000 % lp[0] == 0
)
_clients = itertools.count()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    policy=exact_policies,
    steps=st.lists(st.tuples(st.floats(0, 3), st.integers(1, 25)), min_size=1, max_size=40),
)
def test_every_answer_matches_the_token_bucket_model(
    session: tuple[redis.Redis, str], policy: tuple[int, int], steps: list[tuple[float, int]]
) -> None:
    r, prefix = session
    limit, period = policy
    clock, model_clock = Clock(), ManualClock()
    limiter = GcraLimiter(r, prefix, [Policy("p", limit, period)], clock_us=clock)
    model = TokenBucketLimiter(limit, period, clock=model_clock)
    client = f"c:{next(_clients)}"
    interval = period * 1_000_000 // limit
    for fraction, cost in steps:
        advance = int(fraction * interval)  # whole microseconds, up to three intervals
        clock.now += advance
        model_clock.set((clock.now - T0) / 1e6)
        cost = min(cost, limit)
        got, want = limiter.allow(client, cost), model.allow(client, cost)
        (state,) = got.states
        assert got.allowed == state.allowed == want.allowed
        assert state.remaining == want.remaining
        assert state.retry_after_us == pytest.approx(want.retry_after * 1e6, abs=1)
        assert state.reset_after_us == pytest.approx(want.reset_after * 1e6, abs=1)
        assert state.next_unit_after_us == pytest.approx(want.next_unit_after * 1e6, abs=1)


def test_the_burst_then_the_steady_rate(session: tuple[redis.Redis, str]) -> None:
    r, prefix = session
    clock = Clock()
    policy = Policy("rate", 10, 1)  # a burst of 10, then one per 100 ms
    limiter = GcraLimiter(r, prefix, [policy], clock_us=clock)
    assert sum(limiter.allow("c:steady").allowed for _ in range(15)) == 10  # the burst, at once
    at_the_rate = []
    for _ in range(100):  # one request per interval: every one admitted
        clock.now += policy.interval_us
        at_the_rate.append(limiter.allow("c:steady").allowed)
    assert all(at_the_rate)
    twice = []
    for _ in range(100):  # twice the rate: exactly half admitted
        clock.now += policy.interval_us // 2
        twice.append(limiter.allow("c:steady").allowed)
    assert sum(twice) == 50


def test_waiting_exactly_retry_after_is_enough(session: tuple[redis.Redis, str]) -> None:
    r, prefix = session
    clock = Clock()
    limiter = GcraLimiter(r, prefix, [Policy("q", 7, 3)], clock_us=clock)  # interval 428,572 us
    while limiter.allow("c:wait").allowed:
        pass
    wait = limiter.allow("c:wait").retry_after_us
    assert wait > 0
    clock.now += wait - 1
    assert not limiter.allow("c:wait").allowed
    clock.now += 1
    assert limiter.allow("c:wait").allowed


def test_a_refusal_spends_on_no_policy(session: tuple[redis.Redis, str]) -> None:
    r, prefix = session
    clock = Clock()
    policies = [Policy("second", 5, 1), Policy("hour", 2, 3_600)]
    limiter = GcraLimiter(r, prefix, policies, clock_us=clock)
    assert limiter.allow("c:both").allowed and limiter.allow("c:both").allowed
    before = [r.get(limiter.key_for("c:both", p)) for p in policies]
    refused = limiter.allow("c:both")
    assert not refused.allowed
    assert [s.allowed for s in refused.states] == [True, False]
    assert [r.get(limiter.key_for("c:both", p)) for p in policies] == before
    assert refused.retry_after_us == refused.states[1].retry_after_us > 0


def test_keys_expire_with_their_debt_and_a_missing_key_is_a_full_bucket(session: tuple[redis.Redis, str]) -> None:
    r, prefix = session
    clock = Clock()
    policy = Policy("minute", 10, 60)
    limiter = GcraLimiter(r, prefix, [policy], clock_us=clock)
    for _ in range(3):
        verdict = limiter.allow("c:ttl")
    key = limiter.key_for("c:ttl", policy)
    assert int(r.get(key)) == T0 + 3 * policy.interval_us  # the TAT, exact
    assert 0 < r.pttl(key) <= -(-verdict.states[0].reset_after_us // 1000)
    r.delete(key)  # eviction, a failover that lost the write, a restart
    assert limiter.allow("c:ttl").states[0].remaining == policy.limit - 1


def test_a_lowered_limit_leaves_old_debt_that_drains(session: tuple[redis.Redis, str]) -> None:
    r, prefix = session
    clock = Clock()
    generous = GcraLimiter(r, prefix, [Policy("d", 100, 10)], clock_us=clock)
    for _ in range(100):
        generous.allow("c:deploy")
    strict = GcraLimiter(r, prefix, [Policy("d", 2, 10)], clock_us=clock)  # same key, new limit
    refused = strict.allow("c:deploy")
    assert not refused.allowed and refused.states[0].remaining == 0
    clock.now += refused.retry_after_us
    assert strict.allow("c:deploy").allowed


def test_redis_time_is_the_clock_by_default(session: tuple[redis.Redis, str]) -> None:
    r, prefix = session
    limiter = GcraLimiter(r, prefix, [Policy("hour", 3, 3_600)])  # no clock: TIME
    assert [limiter.allow("c:time").allowed for _ in range(5)] == [True, True, True, False, False]


def test_headers_follow_the_draft_and_retry_after_rounds_up(session: tuple[redis.Redis, str]) -> None:
    r, prefix = session
    clock = Clock()
    limiter = GcraLimiter(r, prefix, [Policy("second", 3, 1), Policy("day", 1_000, 86_400)], clock_us=clock)
    for _ in range(3):
        assert "Retry-After" not in limiter.allow("c:headers").headers()
    refused = limiter.allow("c:headers").headers()
    assert refused["RateLimit-Policy"] == '"second";q=3;w=1, "day";q=1000;w=86400'
    assert refused["RateLimit"].startswith('"second";r=0;t=1, "day";r=997;')
    assert refused["Retry-After"] == "1"  # 333,334 us, rounded up to whole seconds


@pytest.mark.parametrize(
    ("build", "error", "message"),
    [
        (lambda: Policy("Bad Name", 1, 1), ValueError, "policy name must match"),
        (lambda: Policy("p", 0, 1), ValueError, "limit must be at least 1"),
        (lambda: Policy("p", 10**7, 1), ValueError, "limit must be at most"),
        (lambda: Policy("p", True, 1), TypeError, "limit must be an int"),
        (lambda: Policy("p", 1, 0), ValueError, "period_s must be 1 to"),
        (lambda: Policy("p", 1, 1.5), TypeError, "period_s must be an int"),
        (lambda: Policy("p", 5, 60, burst=5), ValueError, "burst must be 1 to limit - 1"),
        (lambda: Policy("p", 5, 60, burst=0), ValueError, "burst must be 1 to limit - 1"),
        (lambda: Policy("p", 5, 60, burst=2.0), TypeError, "burst must be an int"),
    ],
)
def test_bad_policies_are_refused(build, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        build()


def test_bad_calls_are_refused_and_write_nothing(redis_url: str) -> None:
    with redis_session("test_gcra_bad", redis_url) as (r, prefix):
        p = Policy("p", 5, 1)
        with pytest.raises(ValueError, match="give 1 to"):
            GcraLimiter(r, prefix, [])
        with pytest.raises(ValueError, match="give 1 to"):
            GcraLimiter(r, prefix, [Policy(f"p{i}", 5, 1) for i in range(MAX_POLICIES + 1)])
        with pytest.raises(ValueError, match="unique"):
            GcraLimiter(r, prefix, [p, p])
        with pytest.raises(ValueError, match="braces"):
            GcraLimiter(r, "{tenant}:", [p])
        limiter = GcraLimiter(r, prefix, [p, Policy("q", 3, 60)], clock_us=lambda: T0)
        for client, cost, error in [
            ("{slot}", 1, ValueError),  # braces would move the hash tag
            ("", 1, ValueError),
            ("c:ok", 0, ValueError),
            ("c:ok", 4, ValueError),  # above the smallest burst: could never pass
            ("c:ok", 1.0, TypeError),
        ]:
            with pytest.raises(error):
                limiter.allow(client, cost)  # type: ignore[arg-type]
        for bad_clock in [lambda: 1.5, lambda: -1, lambda: 2**60, lambda: True]:
            with pytest.raises(ValueError, match="clock_us"):
                GcraLimiter(r, prefix, [p], clock_us=bad_clock).allow("c:ok")
        assert list(r.scan_iter(match=prefix + "*")) == []


def most_in_any_window(admitted: list[tuple[int, int]], window_us: int) -> int:
    """The most units admitted in any closed window [t, t + window_us]."""
    best, start, total = 0, 0, 0
    for at, cost in admitted:  # in time order
        total += cost
        while admitted[start][0] < at - window_us:
            total -= admitted[start][1]
            start += 1
        best = max(best, total)
    return best


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    limit=st.integers(2, 12),
    period=st.sampled_from([1, 7, 60]),
    burst_choice=st.integers(0, 11),
    steps=st.lists(st.tuples(st.floats(0, 0.6), st.integers(1, 4)), min_size=1, max_size=60),
)
def test_no_window_admits_more_than_the_bucket_bound(
    session: tuple[redis.Redis, str], limit: int, period: int, burst_choice: int, steps: list[tuple[float, int]]
) -> None:
    """burst + floor(T / interval) in any window of T; with a burst below the limit, at most the limit per period."""
    r, prefix = session
    burst = burst_choice if 1 <= burst_choice < limit else None
    policy = Policy("p", limit, period, burst=burst)
    clock = Clock()
    limiter = GcraLimiter(r, prefix, [policy], clock_us=clock)
    client, admitted = f"c:bound{next(_clients)}", []
    for fraction, cost in steps:
        clock.now += int(fraction * period * 1_000_000)
        cost = min(cost, policy.capacity)
        if limiter.allow(client, cost).allowed:
            admitted.append((clock.now, cost))
    if not admitted:
        return
    window = period * 1_000_000
    assert most_in_any_window(admitted, window) <= policy.capacity + window // policy.interval_us
    if burst is not None:
        assert most_in_any_window(admitted, window) <= limit


def test_without_a_burst_a_minute_can_see_almost_twice_its_limit(session: tuple[redis.Redis, str]) -> None:
    r, prefix = session
    clock, plain = Clock(), Policy("minute", 5, 60)
    limiter = GcraLimiter(r, prefix, [plain], clock_us=clock)
    admitted = []
    for _ in range(300):  # one attempt a second for five minutes
        if limiter.allow("c:plain").allowed:
            admitted.append((clock.now, 1))
        clock.now += 1_000_000
    assert 5 < most_in_any_window(admitted, 60_000_000) <= 5 + 5  # limit + rate x T


def test_the_login_route_never_exceeds_its_advertised_limits(session: tuple[redis.Redis, str]) -> None:
    from examples.system_design.rate_limiter.service import ROUTES

    r, prefix = session
    minute, day = ROUTES["login"].policies
    for gap_s, attempts, window_s, ceiling in [(1, 300, 60, minute.limit), (120, 1_440, 86_400, day.limit)]:
        clock = Clock()
        limiter = GcraLimiter(r, f"{prefix}{gap_s}:", [minute, day], clock_us=clock)
        admitted = []
        for _ in range(attempts):  # once a second for 5 minutes; every 2 minutes for 2 days
            if limiter.allow("c:login").allowed:
                admitted.append((clock.now, 1))
            clock.now += gap_s * 1_000_000
        assert most_in_any_window(admitted, window_s * 1_000_000) == ceiling
