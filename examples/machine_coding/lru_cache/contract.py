"""What every cache in this package promises, and the one check they all share.

The LRU, OrderedDict, TTL and LFU caches all satisfy `Cache`, so callers (and
the thread-safe wrapper) depend on the protocol, never on a concrete class.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Protocol, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


# --8<-- [start:protocol]
class InvalidCapacityError(ValueError):
    """Raised when a cache is created with a capacity below 1."""


class Cache(Protocol[K, V]):
    """A bounded key-value cache with a fixed eviction policy."""

    @property
    def capacity(self) -> int:
        """The most entries the cache holds at once."""
        ...

    def get(self, key: K, default: V | None = None) -> V | None:
        """Return the value for `key` (counting it as a use), or `default`."""
        ...

    def put(self, key: K, value: V) -> None:
        """Insert or update `key`; evict one entry first if the cache is full."""
        ...

    def delete(self, key: K) -> bool:
        """Remove `key`; return whether it was there."""
        ...

    def keys(self) -> list[K]:
        """Every key in eviction order: the next victim first."""
        ...

    def __len__(self) -> int: ...

    def __contains__(self, key: object) -> bool:
        """Membership without counting as a use (a peek)."""
        ...


def check_capacity(capacity: int) -> int:
    """Validate a capacity at the edge, before any state exists."""
    # bool is an int subclass; Cache(True) is almost certainly a bug.
    if isinstance(capacity, bool) or not isinstance(capacity, int):
        raise TypeError(f"capacity must be an int, got {type(capacity).__name__}")
    if capacity < 1:
        raise InvalidCapacityError(f"capacity must be at least 1, got {capacity}")
    return capacity


# --8<-- [end:protocol]
