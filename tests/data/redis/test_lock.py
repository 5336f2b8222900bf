"""The single-instance lock: exclusion under threads, owner-only release, expiry, fencing."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis

from examples.data.redis.connection import redis_session
from examples.data.redis.lock import (
    FencedStore,
    Lease,
    LockLostError,
    LockNotAcquiredError,
    RedisLock,
)


@pytest.fixture
def rp(redis_url: str) -> Iterator[tuple[redis.Redis, str]]:
    with redis_session("test_lock", redis_url) as session:
        yield session


def wait_until_gone(r: redis.Redis, key: str) -> None:
    deadline = time.monotonic() + 5
    while r.exists(key):
        assert time.monotonic() < deadline, f"{key} never expired"
        time.sleep(0.01)


def test_lock_makes_a_read_modify_write_safe(rp: tuple[redis.Redis, str]) -> None:
    r, p = rp
    workers, rounds = 12, 5
    counter = f"{p}counter"
    start = threading.Barrier(workers, timeout=5)

    def work(_: int) -> None:
        lock = RedisLock(r, p, "counter", ttl_ms=10_000)  # one per "process"
        start.wait()
        for _ in range(rounds):
            with lock.held(wait_seconds=10):
                value = int(r.get(counter) or 0)
                r.set(counter, value + 1)  # a lost update without the lock

    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(work, range(workers)))
    assert int(r.get(counter) or 0) == workers * rounds


def test_a_second_holder_cannot_take_or_release_it(rp: tuple[redis.Redis, str]) -> None:
    r, p = rp
    mine, theirs = RedisLock(r, p, "job"), RedisLock(r, p, "job")
    lease = mine.try_acquire()
    assert lease is not None
    assert theirs.try_acquire() is None
    assert theirs.release(Lease("guessed", lease.fence)) is False
    assert theirs.extend(Lease("guessed", lease.fence), 60_000) is False
    assert r.get(mine.key) == lease.token
    assert mine.release(lease) is True
    assert mine.release(lease) is False  # releasing twice is harmless


def test_expiry_frees_the_lock_and_the_old_holder_cannot_release(
    rp: tuple[redis.Redis, str],
) -> None:
    r, p = rp
    first, second = RedisLock(r, p, "job", ttl_ms=50), RedisLock(
        r, p, "job", ttl_ms=10_000
    )
    old = first.try_acquire()
    assert old is not None
    wait_until_gone(r, first.key)
    new = second.try_acquire()
    assert new is not None and new.fence > old.fence
    assert first.release(old) is False
    assert r.get(second.key) == new.token  # the new holder still holds it


def test_extend_keeps_a_live_lease(rp: tuple[redis.Redis, str]) -> None:
    r, p = rp
    lock = RedisLock(r, p, "job", ttl_ms=1_000)
    lease = lock.try_acquire()
    assert lease is not None
    assert lock.extend(lease, 60_000) is True
    assert r.pttl(lock.key) > 1_000


def test_acquire_waits_then_gives_up(rp: tuple[redis.Redis, str]) -> None:
    r, p = rp
    holder = RedisLock(r, p, "job")
    assert holder.try_acquire() is not None
    with pytest.raises(LockNotAcquiredError, match="busy"):
        RedisLock(r, p, "job").acquire(wait_seconds=0.05)


def test_acquire_succeeds_once_the_holder_releases(rp: tuple[redis.Redis, str]) -> None:
    r, p = rp
    holder, waiter = RedisLock(r, p, "job"), RedisLock(r, p, "job")
    lease = holder.try_acquire()
    assert lease is not None
    with ThreadPoolExecutor(1) as pool:
        pending = pool.submit(waiter.acquire, 5.0)
        holder.release(lease)
        assert pending.result(timeout=10).fence == lease.fence + 1


def test_held_raises_when_the_lease_expired_inside(rp: tuple[redis.Redis, str]) -> None:
    r, p = rp
    lock = RedisLock(r, p, "job", ttl_ms=50)
    with pytest.raises(LockLostError, match="expired"), lock.held():
        wait_until_gone(r, lock.key)


def test_held_releases_after_an_error_in_the_block(rp: tuple[redis.Redis, str]) -> None:
    r, p = rp
    lock = RedisLock(r, p, "job")
    with pytest.raises(KeyError) as raised, lock.held():
        raise KeyError("boom")
    assert r.exists(lock.key) == 0
    assert not getattr(raised.value, "__notes__", [])  # nothing was lost


def test_an_error_in_the_block_wins_over_a_lost_lease(
    rp: tuple[redis.Redis, str], caplog: pytest.LogCaptureFixture
) -> None:
    r, p = rp
    lock = RedisLock(r, p, "job", ttl_ms=50)
    with pytest.raises(KeyError) as raised, lock.held():
        wait_until_gone(r, lock.key)
        raise KeyError("the body's own error")
    # The caller sees the error the body raised, not LockLostError...
    assert raised.value.args == ("the body's own error",)
    # ...and the lost lease is still reported, on the error and in the log.
    assert any("expired while held" in note for note in raised.value.__notes__)
    assert "expired while held" in caplog.text


def test_a_failed_release_does_not_hide_the_body_error(
    rp: tuple[redis.Redis, str], caplog: pytest.LogCaptureFixture
) -> None:
    r, p = rp
    lock = RedisLock(r, p, "job")
    with pytest.raises(ValueError, match="the body's own error") as raised, lock.held():
        r.delete(lock.key)
        r.hset(lock.key, "not", "a string")  # the release script's GET now fails
        raise ValueError("the body's own error")
    assert any("releasing" in note for note in raised.value.__notes__)
    assert "WRONGTYPE" in caplog.text


def test_fences_grow_per_lock_name(rp: tuple[redis.Redis, str]) -> None:
    r, p = rp
    a, b = RedisLock(r, p, "a"), RedisLock(r, p, "b")
    fences = []
    for _ in range(3):
        lease = a.try_acquire()
        assert lease is not None
        fences.append(lease.fence)
        a.release(lease)
    other = b.try_acquire()
    assert fences == [1, 2, 3] and other is not None and other.fence == 1


def test_fenced_store_refuses_older_tokens() -> None:
    store = FencedStore()
    assert store.write("x", 5) is True
    assert store.write("y", 5) is True  # the same holder may write again
    assert store.write("stale", 4) is False
    assert (store.value, store.highest_fence) == ("y", 5)


@pytest.mark.parametrize("ttl_ms", [0, -5])
def test_bad_ttl_is_refused(rp: tuple[redis.Redis, str], ttl_ms: int) -> None:
    r, p = rp
    with pytest.raises(ValueError, match="ttl_ms"):
        RedisLock(r, p, "job", ttl_ms=ttl_ms)
    lease = RedisLock(r, p, "job").try_acquire()
    assert lease is not None
    with pytest.raises(ValueError, match="ttl_ms"):
        RedisLock(r, p, "job").extend(lease, ttl_ms)
