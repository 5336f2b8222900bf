"""Single-flight loading: concurrent misses load once; errors and timeouts behave."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis

from examples.data.redis.connection import redis_session
from examples.data.redis.stampede import SingleFlightCache


@pytest.fixture
def rp(redis_url: str) -> Iterator[tuple[redis.Redis, str]]:
    with redis_session("test_stampede", redis_url) as session:
        yield session


@pytest.mark.parametrize("callers", [2, 16, 40])
def test_concurrent_misses_cause_exactly_one_load(
    rp: tuple[redis.Redis, str], callers: int
) -> None:
    r, p = rp
    loads: list[str] = []
    cache: SingleFlightCache

    def loader(key: str) -> str:
        # Stay in the load until every other caller is waiting on it.
        deadline = time.monotonic() + 5
        while cache.stats.waits < callers - 1 and time.monotonic() < deadline:
            time.sleep(0.005)
        loads.append(key)
        return f"value of {key}"

    cache = SingleFlightCache(r, p, loader, wait_seconds=10)
    start = threading.Barrier(callers, timeout=5)

    def call(_: int) -> str:
        start.wait()
        return cache.get("hot")

    with ThreadPoolExecutor(callers) as pool:
        results = list(pool.map(call, range(callers)))
    assert loads == ["hot"]
    assert results == ["value of hot"] * callers
    assert cache.stats.waits == callers - 1
    assert r.exists(p + "hot:loading") == 0  # the lock was released


def test_hits_after_the_load_do_not_load(rp: tuple[redis.Redis, str]) -> None:
    r, p = rp
    calls: list[str] = []
    cache = SingleFlightCache(r, p, lambda k: calls.append(k) or "v", ttl_ms=60_000)
    assert [cache.get("k") for _ in range(3)] == ["v"] * 3
    assert calls == ["k"] and cache.stats.hits == 2 and cache.stats.loads == 1
    assert 0 < r.pttl(p + "k") <= 60_000


def test_failed_load_releases_the_lock_so_the_next_caller_retries(
    rp: tuple[redis.Redis, str],
) -> None:
    r, p = rp
    attempts: list[int] = []

    def flaky(key: str) -> str:
        attempts.append(1)
        if len(attempts) == 1:
            raise ConnectionError("database down")
        return "ok"

    cache = SingleFlightCache(r, p, flaky)
    with pytest.raises(ConnectionError):
        cache.get("k")
    assert r.exists(p + "k:loading") == 0
    assert cache.get("k") == "ok"


def test_waiter_gives_up_after_wait_seconds(rp: tuple[redis.Redis, str]) -> None:
    r, p = rp
    r.set(p + "k:loading", "someone-else", px=60_000)  # a loader that never finishes
    cache = SingleFlightCache(r, p, lambda k: "never", wait_seconds=0.05)
    with pytest.raises(TimeoutError, match="'k'"):
        cache.get("k")


def test_bad_settings_are_refused(rp: tuple[redis.Redis, str]) -> None:
    r, p = rp
    for kwargs in ({"ttl_ms": 0}, {"lock_ttl_ms": 0}, {"wait_seconds": 0}):
        with pytest.raises(ValueError, match="positive"):
            SingleFlightCache(r, p, lambda k: "v", **kwargs)  # type: ignore[arg-type]
