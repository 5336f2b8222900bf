"""Each caching pattern against the real Redis: hits, misses, writes, and bad input."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest
import redis

from examples.data.redis.cache_patterns import (
    ReadThroughCache,
    SlowDatabase,
    WriteBackCache,
    WriteThroughCache,
    get_product,
    jittered_ttl,
)
from examples.data.redis.connection import redis_session


@pytest.fixture
def rp(redis_url: str) -> Iterator[tuple[redis.Redis, str]]:
    with redis_session("test_patterns", redis_url) as session:
        yield session


def test_cache_aside_reads_the_database_once_per_key(
    rp: tuple[redis.Redis, str],
) -> None:
    r, p = rp
    db = SlowDatabase({"a": "A"})
    assert [get_product(r, db, p, "a") for _ in range(5)] == ["A"] * 5
    assert db.reads == 1
    assert 0 < r.ttl(f"{p}product:a") <= 300


def test_cache_aside_does_not_cache_a_missing_row(rp: tuple[redis.Redis, str]) -> None:
    r, p = rp
    db = SlowDatabase()
    assert get_product(r, db, p, "ghost") is None
    assert get_product(r, db, p, "ghost") is None
    assert db.reads == 2


def test_read_through_loads_on_miss_only(rp: tuple[redis.Redis, str]) -> None:
    r, p = rp
    db = SlowDatabase({"k": "v"})
    cache = ReadThroughCache(r, p, db.read, ttl_seconds=30)
    assert cache.get("k") == "v" and cache.get("k") == "v"
    assert db.reads == 1
    r.delete(p + "k")  # eviction or expiry
    assert cache.get("k") == "v" and db.reads == 2


def test_read_through_refuses_a_bad_ttl(rp: tuple[redis.Redis, str]) -> None:
    r, p = rp
    with pytest.raises(ValueError, match="ttl_seconds"):
        ReadThroughCache(r, p, SlowDatabase().read, ttl_seconds=0)


def test_write_through_updates_database_then_cache(rp: tuple[redis.Redis, str]) -> None:
    r, p = rp
    db = SlowDatabase({"k": "old"})
    cache = WriteThroughCache(r, p, db)
    assert cache.get("k") == "old"
    cache.put("k", "new")
    assert db.read("k") == "new"
    assert cache.get("k") == "new"


def test_write_through_leaves_cache_alone_when_the_database_fails(
    rp: tuple[redis.Redis, str],
) -> None:
    r, p = rp

    class BrokenDatabase(SlowDatabase):
        def write(self, key: str, value: str) -> None:
            raise ConnectionError("database down")

    cache = WriteThroughCache(r, p, BrokenDatabase({"k": "old"}))
    assert cache.get("k") == "old"
    with pytest.raises(ConnectionError):
        cache.put("k", "new")
    assert cache.get("k") == "old"


def test_write_back_coalesces_writes_until_flush(rp: tuple[redis.Redis, str]) -> None:
    r, p = rp
    db = SlowDatabase()
    cache = WriteBackCache(r, p, db, ttl_seconds=60)
    for n in range(10):
        cache.put("counter", str(n))
    assert cache.get("counter") == "9"
    assert db.writes == 0
    assert r.ttl(p + "counter") == -1  # dirty values must not expire
    assert cache.flush() == 1
    assert db.read("counter") == "9" and db.writes == 1
    assert 0 < r.ttl(p + "counter") <= 60  # clean now, so it may expire
    assert cache.flush() == 0


def test_write_back_loses_unflushed_writes_if_redis_loses_them(
    rp: tuple[redis.Redis, str],
) -> None:
    r, p = rp
    db = SlowDatabase()
    cache = WriteBackCache(r, p, db)
    cache.put("k", "v")
    r.delete(p + "k")  # an eviction or a failover before the flush
    assert cache.flush() == 0
    assert db.read("k") is None


def test_jitter_stays_in_range_and_spreads() -> None:
    rng = random.Random(1)  # noqa: S311 - seeded for a repeatable spread, not a secret
    ttls = [jittered_ttl(100, 0.2, rng) for _ in range(2000)]
    assert min(ttls) >= 80 and max(ttls) <= 120
    assert len(set(ttls)) > 30
    assert jittered_ttl(100, 0, rng) == 100
    assert jittered_ttl(1, 0.5, rng) >= 1


@pytest.mark.parametrize(("base", "spread"), [(0, 0.1), (10, -0.1), (10, 1.0)])
def test_jitter_refuses_bad_input(base: int, spread: float) -> None:
    with pytest.raises(ValueError):
        jittered_ttl(base, spread, random.Random(0))  # noqa: S311
