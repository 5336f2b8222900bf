"""Many threads hammer one wrapped cache: invariants hold and nothing is lost."""

from __future__ import annotations

import random
import sys
import threading
import time
from collections.abc import Callable, Iterator

import pytest

from examples.machine_coding.clock import ManualClock
from examples.machine_coding.lru_cache.lfu_cache import LFUCache
from examples.machine_coding.lru_cache.lru_linked import LRUCache
from examples.machine_coding.lru_cache.lru_ordered_dict import OrderedDictLRUCache
from examples.machine_coding.lru_cache.thread_safe import ThreadSafeCache
from examples.machine_coding.lru_cache.ttl_cache import TTLCache

THREADS = 8
OPS = 2_000

INNER: dict[str, Callable[[int], object]] = {
    "lru": LRUCache,
    "ordered_dict": OrderedDictLRUCache,
    "lfu": LFUCache,
    "ttl": lambda capacity: TTLCache(capacity, default_ttl=60.0, clock=ManualClock()),
}


@pytest.fixture(autouse=True)
def switch_threads_often() -> Iterator[None]:
    """Let the interpreter switch threads every microsecond instead of every 5 ms.

    With the default interval, an unlocked cache often survives these workloads,
    so the tests could not tell a missing lock from a working one.
    """
    previous = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(previous)


def run_threads(target: Callable[[int], None]) -> None:
    """Start THREADS threads at the same instant and re-raise the first failure."""
    barrier = threading.Barrier(THREADS, timeout=30)
    errors: list[BaseException] = []

    def body(thread_id: int) -> None:
        try:
            barrier.wait()
            target(thread_id)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=body, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
        assert not thread.is_alive(), "a worker hung"
    if errors:
        raise errors[0]


@pytest.mark.parametrize("kind", INNER)
def test_mixed_operations_keep_the_cache_consistent(kind: str) -> None:
    capacity = 64
    cache = ThreadSafeCache(INNER[kind](capacity))

    def hammer(thread_id: int) -> None:
        rng = random.Random(thread_id)  # noqa: S311 - a repeatable workload, not a secret
        for i in range(OPS):
            key = rng.randrange(200)
            roll = rng.random()
            if roll < 0.5:
                cache.put(key, (key, thread_id, i))
            elif roll < 0.9:
                value = cache.get(key)
                assert value is None or value[0] == key  # never another key's value
            else:
                cache.delete(key)

    run_threads(hammer)
    keys = cache.keys()
    assert len(keys) == len(set(keys)) == len(cache) <= capacity
    for key in keys:
        assert cache.get(key)[0] == key


@pytest.mark.parametrize("kind", INNER)
def test_no_write_is_lost_when_everything_fits(kind: str) -> None:
    cache = ThreadSafeCache(INNER[kind](THREADS * OPS))

    def writer(thread_id: int) -> None:
        for i in range(OPS):
            cache.put((thread_id, i), thread_id * OPS + i)

    run_threads(writer)
    assert len(cache) == THREADS * OPS
    assert len(set(cache.keys())) == THREADS * OPS  # the order list lost nobody either
    for thread_id in range(THREADS):
        for i in range(OPS):
            assert cache.get((thread_id, i)) == thread_id * OPS + i


def test_get_or_load_loads_each_key_once_under_contention() -> None:
    cache = ThreadSafeCache[int, str](LRUCache(100))
    loads: list[int] = []  # appended under the cache lock

    def load(key: int) -> str:
        loads.append(key)
        time.sleep(0)  # yield to other threads mid-load, as real I/O would
        return f"value-{key}"

    def reader(thread_id: int) -> None:
        order = list(range(100))
        random.Random(thread_id).shuffle(order)  # noqa: S311 - threads collide on different keys
        for key in order:
            assert cache.get_or_load(key, load) == f"value-{key}"

    run_threads(reader)
    assert sorted(loads) == list(range(100))


def test_a_load_that_reads_the_cache_does_not_deadlock() -> None:
    # A loader often needs another cached value (a user's organization, say).
    # With a plain Lock held across load, that inner get waits forever.
    cache = ThreadSafeCache[str, object](LRUCache(10))
    cache.put("org:1", "acme")

    def load_user(key: str) -> dict[str, object]:
        return {"user": key, "org": cache.get("org:1")}

    results: list[object] = []
    worker = threading.Thread(
        target=lambda: results.append(cache.get_or_load("user:1", load_user)),
        daemon=True,  # if it deadlocks, do not keep the test process alive
    )
    worker.start()
    worker.join(timeout=10)
    assert not worker.is_alive(), "get_or_load deadlocked on a reentrant load"
    assert results == [{"user": "user:1", "org": "acme"}]
    assert cache.keys() == ["org:1", "user:1"]


def test_get_or_load_returns_a_cached_none_without_loading() -> None:
    cache = ThreadSafeCache[str, None](LRUCache(2))
    cache.put("k", None)

    def must_not_run(key: str) -> None:
        raise AssertionError(f"loaded {key}")

    assert cache.get_or_load("k", must_not_run) is None


def test_a_failing_load_stores_nothing_and_releases_the_lock() -> None:
    cache = ThreadSafeCache[str, int](LRUCache(2))

    def broken(key: str) -> int:
        raise ConnectionError(f"backend down for {key}")

    with pytest.raises(ConnectionError, match="backend down for a"):
        cache.get_or_load("a", broken)
    assert "a" not in cache
    assert len(cache) == 0
    # The lock was released: a second thread can use the cache right away.
    result: list[int] = []
    worker = threading.Thread(target=lambda: result.append(cache.get_or_load("a", len)))
    worker.start()
    worker.join(timeout=10)
    assert result == [1]


def test_the_wrapper_delegates_everything() -> None:
    cache = ThreadSafeCache[str, int](LRUCache(2))
    assert cache.capacity == 2
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1
    assert cache.get("zz", -1) == -1
    cache.put("c", 3)
    assert cache.keys() == ["a", "c"]
    assert "b" not in cache
    assert cache.delete("a") is True
    assert cache.delete("a") is False
    assert len(cache) == 1
