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


class _ReleaseFails(SingleFlightCache):
    """Redis goes away between the load and the release of the lock."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

        def broken_release(**_: object) -> int:
            raise redis.ConnectionError("Redis went away")

        self._release = broken_release  # type: ignore[assignment]


def test_a_failed_release_does_not_hide_the_loaders_error(
    rp: tuple[redis.Redis, str],
) -> None:
    r, p = rp

    def loader(key: str) -> str:
        raise LookupError(f"no row {key}")

    cache = _ReleaseFails(r, p, loader)
    with pytest.raises(LookupError, match="no row k"):
        cache.get("k")


def test_a_failed_release_after_a_good_load_still_returns_the_value(
    rp: tuple[redis.Redis, str],
) -> None:
    r, p = rp
    cache = _ReleaseFails(r, p, lambda k: "v", lock_ttl_ms=60_000)
    assert cache.get("k") == "v"
    assert 0 < r.pttl(p + "k:loading") <= 60_000  # left to expire on its own


def test_a_crashed_loaders_lock_expires_and_a_waiter_takes_over(
    rp: tuple[redis.Redis, str],
) -> None:
    # A loader that died holding the lock: nobody will release it or fill the key.
    r, p = rp
    r.set(p + "k:loading", "token-of-a-dead-process", px=100)
    cache = SingleFlightCache(r, p, lambda k: "loaded", wait_seconds=5)
    assert cache.get("k") == "loaded"
    assert cache.stats.waits == 1 and cache.stats.loads == 1


def test_a_load_slower_than_the_lock_ttl_lets_a_second_load_start(
    rp: tuple[redis.Redis, str],
) -> None:
    # The failure the page names for the single-flight lock: the first load
    # outlives its lock, so a waiter takes the expired lock and loads too.
    r, p = rp
    second_started = threading.Event()
    loads: list[int] = []

    def loader(key: str) -> str:
        loads.append(1)
        if len(loads) == 1:
            assert second_started.wait(timeout=5), "no second load started"
            return "first"
        second_started.set()
        return "second"

    cache = SingleFlightCache(r, p, loader, lock_ttl_ms=100, wait_seconds=5)
    with ThreadPoolExecutor(1) as pool:
        first = pool.submit(cache.get, "k")
        while not loads:  # the first caller holds the lock and is loading
            time.sleep(0.005)
        assert cache.get("k") == "second"
        assert first.result(timeout=5) == "first"
    assert len(loads) == 2
    assert r.exists(p + "k:loading") == 0
