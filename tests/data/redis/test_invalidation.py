"""Versioned cache writes: an older version never replaces a newer one."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import redis

from examples.data.redis.connection import connect, redis_session
from examples.data.redis.invalidation import VersionedCache


@pytest.fixture
def cache(redis_url: str) -> Iterator[VersionedCache]:
    with redis_session("test_invalidation", redis_url) as (r, p):
        yield VersionedCache(r, p, ttl_seconds=60)


def test_newer_version_wins_in_either_order(cache: VersionedCache) -> None:
    assert cache.offer("a", "v1", 1) is True
    assert cache.offer("a", "v2", 2) is True
    assert cache.offer("a", "late v1", 1) is False
    assert cache.offer("a", "same v2", 2) is False
    assert cache.get("a") == "v2"


def test_miss_returns_none(cache: VersionedCache) -> None:
    assert cache.get("nothing") is None


def test_entries_get_a_ttl(redis_url: str) -> None:
    with redis_session("test_invalidation", redis_url) as (r, p):
        VersionedCache(r, p, ttl_seconds=60).offer("k", "v", 3)
        assert 0 < r.ttl(p + "k") <= 60


@pytest.mark.parametrize("version", [0, -1])
def test_bad_version_is_refused(cache: VersionedCache, version: int) -> None:
    with pytest.raises(ValueError, match="version"):
        cache.offer("a", "v", version)


def test_bad_ttl_is_refused(redis_url: str) -> None:
    with connect(redis_url) as r, pytest.raises(ValueError):
        VersionedCache(r, "unused:", ttl_seconds=0)


def test_versions_beyond_exact_lua_integers_are_refused(cache: VersionedCache) -> None:
    # Lua compares numbers as doubles: 2**53 + 1 would read as 2**53, so a
    # newer version could lose to an older one. Such versions are refused.
    top = 2**53 - 1
    assert cache.offer("a", "older", top - 1) is True
    assert cache.offer("a", "newer", top) is True
    with pytest.raises(ValueError, match="version"):
        cache.offer("a", "too big", top + 2)
    assert cache.get("a") == "newer"


def test_a_tombstone_refuses_older_fills_and_accepts_its_own_version(
    cache: VersionedCache,
) -> None:
    assert cache.offer("a", "v1", 1) is True
    assert cache.invalidate("a", 2) is True  # the writer deleted instead of writing
    assert cache.get("a") is None  # a miss: readers go to the database
    assert cache.offer("a", "late v1", 1) is False  # the stale fill is refused
    assert cache.offer("a", "v2", 2) is True  # a reader that saw version 2 fills it
    assert cache.get("a") == "v2"
    assert cache.offer("a", "same v2", 2) is False
    assert cache.invalidate("a", 2) is False  # v2 is cached: nothing to delete


def test_a_tombstone_without_a_previous_entry_still_blocks_older_fills(
    cache: VersionedCache,
) -> None:
    assert cache.invalidate("b", 5) is True
    assert cache.offer("b", "v4", 4) is False
    assert cache.offer("b", "v6", 6) is True and cache.get("b") == "v6"


@pytest.mark.parametrize("version", [0, 2**53])
def test_bad_tombstone_version_is_refused(cache: VersionedCache, version: int) -> None:
    with pytest.raises(ValueError, match="version"):
        cache.invalidate("a", version)


def test_offering_none_is_an_error_not_a_tombstone(cache: VersionedCache) -> None:
    with pytest.raises(redis.DataError):
        cache.offer("a", None, 1)  # type: ignore[arg-type]
    assert cache.offer("a", "v1", 1) is True  # nothing was stored at version 1
