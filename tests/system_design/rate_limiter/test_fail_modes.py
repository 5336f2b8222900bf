"""Without Redis, each mode does what it says; with Redis, Redis decides; bugs are not swallowed."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from http import HTTPStatus

import pytest
import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from examples.data.redis.connection import redis_session
from examples.machine_coding.clock import ManualClock
from examples.machine_coding.rate_limiter.token_bucket import TokenBucketLimiter
from examples.system_design.rate_limiter.deny_cache import DenyCache
from examples.system_design.rate_limiter.fail_modes import FailMode, GuardedLimiter
from examples.system_design.rate_limiter.gcra import GcraLimiter, Policy

POLICY = Policy("minute", 4, 60)


@pytest.fixture
def dead() -> Iterator[redis.Redis]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = redis.Redis(port=port, socket_connect_timeout=0.2, socket_timeout=0.2, retry=Retry(NoBackoff(), 0))
    with client:
        yield client


def test_open_admits_and_counts_the_blind_decisions(dead: redis.Redis) -> None:
    guard = GuardedLimiter(GcraLimiter(dead, "rl:", [POLICY]), FailMode.OPEN)
    outcomes = [guard.check("ip:203.0.113.7") for _ in range(10)]
    assert all(o.status is None and o.decided_by == "fail-open" for o in outcomes)
    assert guard.unavailable == 10


def test_closed_answers_503_with_retry_after(dead: redis.Redis) -> None:
    outcome = GuardedLimiter(GcraLimiter(dead, "rl:", [POLICY]), FailMode.CLOSED).check("ip:203.0.113.7")
    assert outcome.status is HTTPStatus.SERVICE_UNAVAILABLE
    assert int(outcome.headers["Retry-After"]) > 0


def test_local_enforces_the_instance_share(dead: redis.Redis) -> None:
    local = TokenBucketLimiter(2, 60, clock=ManualClock())
    guard = GuardedLimiter(GcraLimiter(dead, "rl:", [POLICY]), FailMode.LOCAL, local)
    statuses = [guard.check("ip:203.0.113.7").status for _ in range(3)]
    assert statuses == [None, None, HTTPStatus.TOO_MANY_REQUESTS]
    assert guard.check("ip:198.51.100.1").status is None  # per client, still


def test_a_silent_server_times_out_into_the_fail_mode() -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port, retry = silent.getsockname()[1], Retry(NoBackoff(), 0)
        with redis.Redis(port=port, socket_timeout=0.1, socket_connect_timeout=0.1, retry=retry) as r:
            guard = GuardedLimiter(GcraLimiter(r, "rl:", [POLICY]), FailMode.CLOSED)
            assert guard.check("ip:203.0.113.7").decided_by == "fail-closed"


def test_with_redis_up_redis_decides(redis_url: str) -> None:
    with redis_session("test_rl_fail", redis_url) as (r, prefix):
        guard = GuardedLimiter(GcraLimiter(r, prefix, [POLICY]), FailMode.CLOSED)
        outcomes = [guard.check("ip:203.0.113.7") for _ in range(5)]
        assert [o.decided_by for o in outcomes] == ["redis"] * 5
        assert [o.status for o in outcomes] == [None] * 4 + [HTTPStatus.TOO_MANY_REQUESTS]
        assert "Retry-After" in outcomes[-1].headers
        assert guard.unavailable == 0


def test_a_bug_is_not_mistaken_for_an_outage(dead: redis.Redis) -> None:
    guard = GuardedLimiter(GcraLimiter(dead, "rl:", [POLICY]), FailMode.OPEN)
    with pytest.raises(ValueError):
        guard.check("ip:203.0.113.7", cost=99)  # above the burst: a caller's bug
    assert guard.unavailable == 0


def test_local_mode_needs_a_local_limiter(dead: redis.Redis) -> None:
    shared = GcraLimiter(dead, "rl:", [POLICY])
    with pytest.raises(ValueError, match="exactly when mode is LOCAL"):
        GuardedLimiter(shared, FailMode.LOCAL)
    with pytest.raises(ValueError, match="exactly when mode is LOCAL"):
        GuardedLimiter(shared, FailMode.OPEN, TokenBucketLimiter(1, 1, clock=ManualClock()))


def test_local_fallback_takes_a_cost_above_its_share_instead_of_422(dead: redis.Redis) -> None:
    """Cost 3 is valid for the shared limit of 4; this instance's share is 2: spend it all, once."""
    local = TokenBucketLimiter(2, 60, clock=ManualClock())
    guard = GuardedLimiter(GcraLimiter(dead, "rl:", [POLICY]), FailMode.LOCAL, local)
    assert guard.check("ip:203.0.113.7", cost=3).status is None
    assert guard.check("ip:203.0.113.7", cost=3).status is HTTPStatus.TOO_MANY_REQUESTS


class Seconds:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_deny_cache_refuses_without_redis_until_retry_after(redis_url: str) -> None:
    clock = Seconds()
    with redis_session("test_rl_deny", redis_url) as (r, prefix):
        shared = GcraLimiter(r, prefix, [POLICY], clock_us=lambda: 1_733_097_600_000_000)
        guard = GuardedLimiter(shared, FailMode.OPEN, deny=DenyCache(clock=clock))
        outcomes = [guard.check("ip:203.0.113.7") for _ in range(5)]
        assert [o.decided_by for o in outcomes] == ["redis"] * 5
        wait = int(outcomes[-1].headers["Retry-After"])  # 15 s: one unit of 4 a minute
        r.delete(*r.scan_iter(match=prefix + "*"))  # Redis would now admit
        cached = guard.check("ip:203.0.113.7")
        assert (cached.status, cached.decided_by) == (HTTPStatus.TOO_MANY_REQUESTS, "deny-cache")
        assert cached.headers == {"Retry-After": str(wait)}
        assert guard.check("ip:198.51.100.1").decided_by == "redis"  # others still reach Redis
        clock.now += wait
        after = guard.check("ip:203.0.113.7")
        assert (after.status, after.decided_by) == (None, "redis")


def test_the_deny_cache_is_bounded_and_validated() -> None:
    clock = Seconds()
    cache = DenyCache(max_entries=2, clock=clock)
    for client in ("a", "b", "c"):
        cache.remember(client, 10.0)
    assert len(cache) == 2 and cache.refused_for("a") is None  # the oldest went first
    assert cache.refused_for("c") == 10
    clock.now += 9.5
    assert cache.refused_for("c") == 1  # rounded up
    cache.remember("d", 0.0)
    assert cache.refused_for("d") is None
    with pytest.raises(ValueError, match="at least 1"):
        DenyCache(max_entries=0)
    with pytest.raises(TypeError):
        DenyCache(max_entries=1.5)  # type: ignore[arg-type]
