"""The fixed window: exact under threads, its counter always has a TTL, the window ends on time."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis

from examples.data.redis.connection import redis_session
from examples.data.redis.fixed_window import FixedWindowLimiter
from examples.data.redis.sliding_window import Decision


@pytest.fixture
def rp(redis_url: str) -> Iterator[tuple[redis.Redis, str]]:
    with redis_session("test_fixed_window", redis_url) as session:
        yield session


@pytest.mark.parametrize(("threads", "calls_each", "limit"), [(8, 25, 50), (32, 10, 7)])
def test_many_threads_never_exceed_the_limit(
    rp: tuple[redis.Redis, str], threads: int, calls_each: int, limit: int
) -> None:
    r, p = rp
    limiter = FixedWindowLimiter(r, p, limit=limit, window_ms=60_000)
    start = threading.Barrier(threads, timeout=5)

    def burst(_: int) -> int:
        start.wait()
        return sum(limiter.allow("shared").allowed for _ in range(calls_each))

    with ThreadPoolExecutor(threads) as pool:
        assert sum(pool.map(burst, range(threads))) == limit


def test_the_counter_always_has_a_ttl(rp: tuple[redis.Redis, str]) -> None:
    r, p = rp
    limiter = FixedWindowLimiter(r, p, limit=3, window_ms=60_000)
    for _ in range(10):  # admitted and refused requests alike
        limiter.allow("c")
        assert 0 < r.pttl(f"{p}fw:c") <= 60_000


def test_later_requests_do_not_move_the_end_of_the_window(rp: tuple[redis.Redis, str]) -> None:
    r, p = rp
    limiter = FixedWindowLimiter(r, p, limit=3, window_ms=60_000)
    limiter.allow("c")
    r.pexpire(f"{p}fw:c", 5_000)  # stands in for 55 s passing
    limiter.allow("c")
    assert 0 < r.pttl(f"{p}fw:c") <= 5_000  # a plain PEXPIRE would reset it to 60 s


def test_a_counter_left_without_a_ttl_gets_one(rp: tuple[redis.Redis, str]) -> None:
    r, p = rp
    r.set(f"{p}fw:c", 99)  # what INCR then a crash before EXPIRE leaves behind
    assert r.pttl(f"{p}fw:c") == -1
    limiter = FixedWindowLimiter(r, p, limit=3, window_ms=60_000)
    assert limiter.allow("c").allowed is False
    assert 0 < r.pttl(f"{p}fw:c") <= 60_000  # so this client is refused for one window, not forever


def test_decisions_count_down_then_refuse_with_retry_after(rp: tuple[redis.Redis, str]) -> None:
    r, p = rp
    limiter = FixedWindowLimiter(r, p, limit=2, window_ms=60_000)
    assert limiter.allow("c") == Decision(True, 1, 0)
    assert limiter.allow("c") == Decision(True, 0, 0)
    refused = limiter.allow("c")
    assert refused.allowed is False and refused.remaining == 0
    assert 0 < refused.retry_after_ms <= 60_000
    assert limiter.allow("other").allowed  # clients are independent


def test_a_new_window_starts_when_the_key_expires(rp: tuple[redis.Redis, str]) -> None:
    r, p = rp
    limiter = FixedWindowLimiter(r, p, limit=1, window_ms=50)
    assert limiter.allow("c").allowed and not limiter.allow("c").allowed
    deadline = time.monotonic() + 5
    while r.exists(f"{p}fw:c"):
        assert time.monotonic() < deadline, "the window never ended"
        time.sleep(0.01)
    assert limiter.allow("c") == Decision(True, 0, 0)


@pytest.mark.parametrize("client_id", ["", "has space", "x" * 129, "a*b"])
def test_bad_client_id_is_refused(rp: tuple[redis.Redis, str], client_id: str) -> None:
    r, p = rp
    with pytest.raises(ValueError, match="client_id"):
        FixedWindowLimiter(r, p, limit=1, window_ms=1_000).allow(client_id)


@pytest.mark.parametrize(("limit", "window_ms"), [(0, 1_000), (5, 0), (-1, -1)])
def test_bad_config_is_refused(rp: tuple[redis.Redis, str], limit: int, window_ms: int) -> None:
    r, p = rp
    with pytest.raises(ValueError, match="limit and window_ms"):
        FixedWindowLimiter(r, p, limit=limit, window_ms=window_ms)
