"""The shared fixed window on a real Redis: exact under threads, never a lockout."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis

from examples.data.redis.connection import redis_session
from examples.machine_coding.rate_limiter.redis_fixed_window import SharedFixedWindow, WindowDecision


@pytest.fixture
def rp(redis_url: str) -> Iterator[tuple[redis.Redis, str]]:
    with redis_session("test_rl_shared_window", redis_url) as session:
        yield session


class Clock:
    def __init__(self, now_ms: int) -> None:
        self.now_ms = now_ms

    def __call__(self) -> int:
        return self.now_ms


def test_many_threads_at_one_instant_get_exactly_the_limit(rp: tuple[redis.Redis, str]) -> None:
    r, p = rp
    limiter = SharedFixedWindow(r, p, limit=50, window_ms=60_000, clock_ms=Clock(5_000))
    start = threading.Barrier(8, timeout=5)

    def burst(_: int) -> int:
        start.wait()
        return sum(limiter.allow("shared").allowed for _ in range(25))

    with ThreadPoolExecutor(8) as pool:
        admitted = sum(pool.map(burst, range(8)))
    assert admitted == 50  # not more (a race), not fewer (a lost update)


def test_by_default_the_window_follows_redis_time(rp: tuple[redis.Redis, str]) -> None:
    r, p = rp
    limiter = SharedFixedWindow(r, p, limit=1, window_ms=3_600_000)
    first, second = limiter.allow("k"), limiter.allow("k")
    seconds, micros = r.time()
    now_ms = seconds * 1000 + micros // 1000
    left_ms = 3_600_000 - now_ms % 3_600_000
    if second.allowed:  # the hour rolled over between the two calls
        return
    assert first.allowed and second.remaining == 0
    assert left_ms <= second.retry_after_ms <= left_ms + 1_000


def test_the_window_ends_exactly_when_retry_after_says(rp: tuple[redis.Redis, str]) -> None:
    r, p = rp
    clock = Clock(1_700_000_059_250)
    limiter = SharedFixedWindow(r, p, limit=2, window_ms=1_000, clock_ms=clock)
    assert limiter.allow("k", 2) == WindowDecision(True, 0, 0)
    refused = limiter.allow("k")
    assert refused == WindowDecision(False, 0, 750)
    clock.now_ms += refused.retry_after_ms - 1
    assert not limiter.allow("k").allowed  # 1 ms early: still the old window
    clock.now_ms += 1
    assert limiter.allow("k") == WindowDecision(True, 1, 0)


def test_a_refusal_spends_nothing_and_sets_nothing(rp: tuple[redis.Redis, str]) -> None:
    r, p = rp
    clock = Clock(10_000)
    limiter = SharedFixedWindow(r, p, limit=5, window_ms=60_000, clock_ms=clock)
    assert limiter.allow("k", 3).allowed
    refused = limiter.allow("k", 3)
    assert refused == WindowDecision(False, 2, 50_000)
    assert limiter.allow("k", 2) == WindowDecision(True, 0, 0)  # the refused 3 were not counted
    assert limiter.allow("never-admitted", 5).allowed
    assert r.exists(limiter.key_for("k"))


def test_every_admitted_request_leaves_a_ttl_no_longer_than_the_window_left(
    rp: tuple[redis.Redis, str],
) -> None:
    r, p = rp
    clock = Clock(60_000)
    limiter = SharedFixedWindow(r, p, limit=3, window_ms=60_000, clock_ms=clock)
    for step in (0, 15_000, 15_000):
        clock.now_ms += step
        assert limiter.allow("k").allowed
        window_left = 120_000 - clock.now_ms
        assert 0 < r.pttl(limiter.key_for("k")) <= window_left  # never pushed past the window's end


def test_a_counter_that_lost_its_ttl_cannot_lock_a_client_out(rp: tuple[redis.Redis, str]) -> None:
    """The INCR-then-EXPIRE-if-count-is-1 recipe never heals a key without a TTL."""
    r, p = rp
    clock = Clock(30_000)
    limiter = SharedFixedWindow(r, p, limit=2, window_ms=60_000, clock_ms=clock)
    assert limiter.allow("k", 2).allowed
    r.persist(limiter.key_for("k"))  # a crash, a restore or old code left it without a TTL
    clock.now_ms = 10 * 60_000  # many windows later, the full count is still stored
    assert limiter.allow("k", 2) == WindowDecision(True, 0, 0)
    assert r.pttl(limiter.key_for("k")) > 0  # and it has a TTL again


@pytest.mark.parametrize(
    ("key", "cost", "error", "message"),
    [
        ("", 1, ValueError, "1 to 256 characters"),
        (42, 1, TypeError, "key must be a str"),
        ("k", 0, ValueError, "between 1 and the limit"),
        ("k", 4, ValueError, r"limit \(3\)"),
        ("k", 1.0, TypeError, "cost must be an int"),
    ],
)
def test_bad_input_is_refused_before_redis_is_called(
    rp: tuple[redis.Redis, str], key: object, cost: object, error: type[Exception], message: str
) -> None:
    r, p = rp
    limiter = SharedFixedWindow(r, p, limit=3, window_ms=1_000, clock_ms=Clock(0))
    with pytest.raises(error, match=message):
        limiter.allow(key, cost)  # type: ignore[arg-type]
    assert list(r.scan_iter(match=p + "*")) == []


@pytest.mark.parametrize(
    ("limit", "window_ms", "error"),
    [(0, 1_000, ValueError), (3, 0, ValueError), (3, 1.5, TypeError), (3, True, TypeError)],
)
def test_a_bad_policy_is_refused(rp: tuple[redis.Redis, str], limit: int, window_ms: int, error: type) -> None:
    r, p = rp
    with pytest.raises(error):
        SharedFixedWindow(r, p, limit=limit, window_ms=window_ms)
