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


def test_multi_exec_does_not_roll_back_a_command_that_fails(
    rp: tuple[redis.Redis, str],
) -> None:
    # The page says MULTI/EXEC keeps other clients from seeing half of put(),
    # not that it undoes half of it: Redis has no rollback.
    r, p = rp
    r.set(p + "not-a-set", "string")
    pipe = r.pipeline(transaction=True)
    pipe.set(p + "first", "applied")
    pipe.sadd(p + "not-a-set", "x")  # WRONGTYPE at run time
    with pytest.raises(redis.ResponseError, match="WRONGTYPE"):
        pipe.execute()
    assert r.get(p + "first") == "applied"


def test_read_through_fill_does_not_overwrite_a_write_that_landed_meanwhile(
    rp: tuple[redis.Redis, str],
) -> None:
    # Reader misses and reads "old"; while it holds that row, a write-through
    # put() commits "new" to both. The reader's late fill must not win.
    r, p = rp
    cache: WriteThroughCache

    class Database(SlowDatabase):
        def read(self, key: str) -> str | None:
            value = super().read(key)
            if self.writes == 0:
                cache.put(key, "new")  # lands between the read and the fill
            return value

    cache = WriteThroughCache(r, p, Database({"k": "old"}))
    cache.get("k")
    assert r.get(p + "k") == "new"
    assert cache.get("k") == "new"


def test_write_through_two_writers_can_leave_the_older_value_cached(
    rp: tuple[redis.Redis, str],
) -> None:
    # The failure the page names for write-through: writer 1 commits first but
    # updates the cache last. Only versioned writes (invalidation.py) fix it.
    r, p = rp
    cache: WriteThroughCache

    class Database(SlowDatabase):
        def write(self, key: str, value: str) -> None:
            super().write(key, value)
            if value == "from writer 1":
                cache.put(key, "from writer 2")  # all of writer 2, in between

    db = Database()
    cache = WriteThroughCache(r, p, db)
    cache.put("k", "from writer 1")
    assert db.read("k") == "from writer 2"
    assert cache.get("k") == "from writer 1"  # stale until its TTL


def test_write_back_fill_does_not_overwrite_a_newer_put(
    rp: tuple[redis.Redis, str],
) -> None:
    # A clean key has expired; a reader loads the old row while a put() lands.
    # If the fill overwrote the put, flush() would persist the old value and
    # the write would be lost.
    r, p = rp
    cache: WriteBackCache

    class Database(SlowDatabase):
        def read(self, key: str) -> str | None:
            value = super().read(key)
            if self.reads == 1:
                cache.put(key, "new")
            return value

    db = Database({"k": "old"})
    cache = WriteBackCache(r, p, db)
    assert cache.get("k") == "new"
    assert cache.flush() == 1
    assert db.read("k") == "new"


def test_write_back_keeps_a_key_dirty_when_the_database_write_fails(
    rp: tuple[redis.Redis, str],
) -> None:
    r, p = rp

    class FlakyDatabase(SlowDatabase):
        failures = 1

        def write(self, key: str, value: str) -> None:
            if self.failures:
                self.failures -= 1
                raise ConnectionError("database down")
            super().write(key, value)

    db = FlakyDatabase()
    cache = WriteBackCache(r, p, db)
    cache.put("k", "v")
    with pytest.raises(ConnectionError):
        cache.flush()
    assert r.ttl(p + "k") == -1  # still dirty, so still without a TTL
    assert cache.flush() == 1
    assert db.read("k") == "v"


def test_write_back_put_during_flush_is_not_lost(
    rp: tuple[redis.Redis, str],
) -> None:
    r, p = rp
    cache: WriteBackCache

    class Database(SlowDatabase):
        def write(self, key: str, value: str) -> None:
            super().write(key, value)
            if value == "v1":
                cache.put(key, "v2")  # lands after flush read "v1"

    db = Database()
    cache = WriteBackCache(r, p, db, ttl_seconds=60)
    cache.put("k", "v1")
    flushed = [cache.flush() for _ in range(3)]
    assert sum(flushed) == 2 and flushed[-1] == 0  # v1, then v2, then nothing
    assert db.read("k") == "v2" and 0 < r.ttl(p + "k") <= 60


def test_write_back_refuses_the_dirty_set_name_as_a_key(
    rp: tuple[redis.Redis, str],
) -> None:
    r, p = rp
    cache = WriteBackCache(r, p, SlowDatabase())
    cache.put("a", "1")
    with pytest.raises(ValueError, match="dirty"):
        cache.put("__dirty__", "overwrites every pending write")
    assert cache.flush() == 1
