"""The Lua sliding-window limiter: never over the limit under threads, slides, refuses bad input."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis

from examples.data.redis.connection import redis_session
from examples.data.redis.limiter_race import racy_allow
from examples.data.redis.sliding_window import Decision, SlidingWindowLimiter


@pytest.fixture
def rp(redis_url: str) -> Iterator[tuple[redis.Redis, str]]:
    with redis_session("test_limiter", redis_url) as session:
        yield session


class FakeClock:
    def __init__(self, start_ms: int = 5_000_000) -> None:
        self.now_ms = start_ms

    def __call__(self) -> int:
        return self.now_ms


@pytest.mark.parametrize(("threads", "calls_each", "limit"), [(8, 25, 50), (32, 10, 7)])
def test_many_threads_never_exceed_the_limit(
    rp: tuple[redis.Redis, str], threads: int, calls_each: int, limit: int
) -> None:
    r, p = rp
    limiter = SlidingWindowLimiter(r, p, limit=limit, window_ms=60_000)
    start = threading.Barrier(threads, timeout=5)

    def burst(_: int) -> int:
        start.wait()
        return sum(limiter.allow("shared").allowed for _ in range(calls_each))

    with ThreadPoolExecutor(threads) as pool:
        admitted = sum(pool.map(burst, range(threads)))
    assert admitted == limit
    assert r.zcard(f"{p}rl:shared") == limit


def test_the_gap_the_script_closes_is_real(rp: tuple[redis.Redis, str]) -> None:
    r, p = rp
    callers, limit = 6, 2
    everyone_has_read = threading.Barrier(callers, timeout=5)
    with ThreadPoolExecutor(callers) as pool:
        results = list(
            pool.map(
                lambda _: racy_allow(r, f"{p}racy", limit, everyone_has_read.wait),
                range(callers),
            )
        )
    assert sum(results) == callers > limit  # the race admits everyone


def test_racy_version_is_right_when_calls_do_not_overlap(
    rp: tuple[redis.Redis, str],
) -> None:
    r, p = rp
    assert [racy_allow(r, f"{p}seq", 2) for _ in range(4)] == [True, True, False, False]


def test_window_slides_with_the_clock(rp: tuple[redis.Redis, str]) -> None:
    r, p = rp
    clock = FakeClock()
    limiter = SlidingWindowLimiter(r, p, limit=2, window_ms=1_000, clock_ms=clock)
    assert limiter.allow("c") == Decision(True, 1, 0)
    clock.now_ms += 400
    assert limiter.allow("c") == Decision(True, 0, 0)
    clock.now_ms += 100
    assert limiter.allow("c") == Decision(False, 0, 500)
    clock.now_ms += 499
    assert limiter.allow("c").allowed is False
    clock.now_ms += 1  # the first request is now exactly one window old
    assert limiter.allow("c") == Decision(True, 0, 0)


def test_retry_after_waits_for_enough_requests_to_leave(rp: tuple[redis.Redis, str]) -> None:
    # A key filled under a higher limit (a rolling deploy that lowers it): the
    # oldest request leaving is not enough, the count must drop below the new limit.
    r, p = rp
    clock = FakeClock()
    old = SlidingWindowLimiter(r, p, limit=5, window_ms=1_000, clock_ms=clock)
    for _ in range(5):
        assert old.allow("c").allowed
        clock.now_ms += 100
    new = SlidingWindowLimiter(r, p, limit=2, window_ms=1_000, clock_ms=clock)
    refused = new.allow("c")  # at +500: requests at +0 ... +400 are in the window
    assert refused == Decision(False, 0, 800)  # until +1300, when +300 leaves
    clock.now_ms += refused.retry_after_ms - 1
    assert new.allow("c").allowed is False
    clock.now_ms += 1
    assert new.allow("c").allowed is True


def test_refused_requests_do_not_count(rp: tuple[redis.Redis, str]) -> None:
    r, p = rp
    clock = FakeClock()
    limiter = SlidingWindowLimiter(r, p, limit=1, window_ms=1_000, clock_ms=clock)
    assert limiter.allow("c").allowed
    for _ in range(20):
        assert not limiter.allow("c").allowed
    clock.now_ms += 1_000
    assert limiter.allow("c").allowed


def test_clients_are_independent_and_keys_expire(rp: tuple[redis.Redis, str]) -> None:
    r, p = rp
    limiter = SlidingWindowLimiter(r, p, limit=1, window_ms=30_000)
    assert limiter.allow("a").allowed and limiter.allow("b").allowed
    assert not limiter.allow("a").allowed
    assert 0 < r.pttl(f"{p}rl:a") <= 30_000


def test_server_clock_path_admits_then_refuses(rp: tuple[redis.Redis, str]) -> None:
    r, p = rp
    limiter = SlidingWindowLimiter(
        r, p, limit=3, window_ms=60_000
    )  # no clock: Redis TIME
    decisions = [limiter.allow("c") for _ in range(4)]
    assert [d.remaining for d in decisions[:3]] == [2, 1, 0]
    assert decisions[3].allowed is False
    assert 0 < decisions[3].retry_after_ms <= 60_000


def test_a_server_without_the_script_gets_it_loaded_not_evaled(
    rp: tuple[redis.Redis, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    r, p = rp
    limiter = SlidingWindowLimiter(r, p, limit=2, window_ms=60_000)
    # Stand in for a server that lost its script cache: a SHA1 it never saw.
    limiter._script.sha = "0" * 40
    sent: list[str] = []
    send = r.execute_command

    def spy(*args: object, **options: object) -> object:
        sent.append(str(args[0]))
        return send(*args, **options)

    monkeypatch.setattr(r, "execute_command", spy)
    assert limiter.allow("c").allowed and limiter.allow("c").allowed
    assert not limiter.allow("c").allowed
    assert sent == ["EVALSHA", "SCRIPT LOAD", "EVALSHA", "EVALSHA", "EVALSHA"]


@pytest.mark.parametrize("client_id", ["", "has space", "x" * 129, "a*b", "k\n"])
def test_bad_client_id_is_refused(rp: tuple[redis.Redis, str], client_id: str) -> None:
    r, p = rp
    limiter = SlidingWindowLimiter(r, p, limit=1, window_ms=1_000)
    with pytest.raises(ValueError, match="client_id"):
        limiter.allow(client_id)


@pytest.mark.parametrize(("limit", "window_ms"), [(0, 1_000), (5, 0), (-1, -1)])
def test_bad_config_is_refused(
    rp: tuple[redis.Redis, str], limit: int, window_ms: int
) -> None:
    r, p = rp
    with pytest.raises(ValueError, match="limit and window_ms"):
        SlidingWindowLimiter(r, p, limit=limit, window_ms=window_ms)
