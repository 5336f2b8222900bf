"""Many callers, one key: the script admits exactly the burst, from threads and from processes."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from examples.data.redis.connection import connect, redis_session
from examples.system_design.rate_limiter.gcra import GcraLimiter, Policy
from examples.system_design.rate_limiter.hammer import POLICY, processes, threads


@pytest.mark.parametrize(("workers", "calls"), [(8, 20), (32, 5)])
def test_threads_with_their_own_connections_admit_exactly_the_limit(redis_url: str, workers: int, calls: int) -> None:
    with redis_session("test_rl_threads", redis_url) as (r, prefix):
        assert threads(prefix, workers, calls, redis_url) == POLICY.limit
        key = GcraLimiter(r, prefix, [POLICY]).key_for("key:shared", POLICY)
        assert int(r.get(key)) == 1_733_097_600_000_000 + POLICY.limit * POLICY.interval_us


def test_processes_admit_exactly_the_limit(redis_url: str) -> None:
    with redis_session("test_rl_processes", redis_url) as (_, prefix):
        assert processes(prefix, workers=3, calls=40, url=redis_url) == POLICY.limit


def test_one_shared_client_and_redis_time(redis_url: str) -> None:
    """Threads on one connection pool with the server's clock: 10 per hour, no refill to speak of."""
    with redis_session("test_rl_time", redis_url) as (_, prefix), connect(redis_url) as shared:
        limiter = GcraLimiter(shared, prefix, [Policy("hour", 10, 3_600), Policy("minute", 50, 60)])
        start = threading.Barrier(16, timeout=10)

        def burst(_: int) -> int:
            start.wait()
            return sum(limiter.allow("ip:203.0.113.7").allowed for _ in range(5))

        with ThreadPoolExecutor(16) as pool:
            assert sum(pool.map(burst, range(16))) == 10
