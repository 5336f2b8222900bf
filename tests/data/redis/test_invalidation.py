"""Versioned cache writes: an older version never replaces a newer one."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

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
