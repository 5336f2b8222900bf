"""An LRU cache whose entries also expire, with time read from an injected clock.

Expiry is lazy: an expired entry is dropped when something looks at it (get,
contains, keys) or when it reaches the back of the LRU order and is evicted.
`purge_expired` is the eager sweep, O(n), for a caller that wants memory back.
"""

from __future__ import annotations

import math
import time
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Generic, TypeVar

from examples.machine_coding.clock import Clock
from examples.machine_coding.lru_cache.lru_linked import LRUCache

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


def check_ttl(ttl: float | None) -> float | None:
    """None means "never expires"; anything else must be a finite number of seconds > 0."""
    if ttl is None:
        return None
    if isinstance(ttl, bool) or not isinstance(ttl, int | float):
        raise TypeError(
            f"ttl must be a number of seconds or None, got {type(ttl).__name__}"
        )
    if not math.isfinite(ttl) or ttl <= 0:
        raise ValueError(f"ttl must be a finite number of seconds above 0, got {ttl}")
    return float(ttl)


# --8<-- [start:entry]
@dataclass(frozen=True, slots=True)
class _Entry(Generic[V]):
    value: V
    expires_at: float  # math.inf for entries that never expire


# --8<-- [end:entry]


# --8<-- [start:class]
class TTLCache(Generic[K, V]):
    """LRU eviction plus a time to live per entry. Not thread-safe: wrap it to share."""

    def __init__(
        self,
        capacity: int,
        *,
        default_ttl: float | None = None,
        clock: Clock = time.monotonic,  # monotonic: wall-clock jumps must not expire data
    ) -> None:
        self._lru: LRUCache[K, _Entry[V]] = LRUCache(capacity)
        self._default_ttl = check_ttl(default_ttl)
        self._clock = clock

    @property
    def capacity(self) -> int:
        return self._lru.capacity

    def put(self, key: K, value: V, ttl: float | None = None) -> None:
        """Store `value` for `ttl` seconds (the default TTL when None)."""
        seconds = check_ttl(ttl) if ttl is not None else self._default_ttl
        expires_at = math.inf if seconds is None else self._clock() + seconds
        self._lru.put(key, _Entry(value, expires_at))

    def get(self, key: K, default: V | None = None) -> V | None:
        """Return a live value and mark it as used; an expired one is dropped, never returned."""
        entry = self._lru.get(key)
        if entry is None:
            return default
        if self._expired(entry):
            self._lru.delete(key)
            return default
        return entry.value

    def _expired(self, entry: _Entry[V]) -> bool:
        return self._clock() >= entry.expires_at  # at the deadline counts as expired

    # --8<-- [end:class]

    # --8<-- [start:rest]
    def __contains__(self, key: object) -> bool:
        """A peek that also drops the entry if it has expired."""
        entry = self._lru.peek(key)  # type: ignore[arg-type]
        if entry is None:
            return False
        if self._expired(entry):
            self._lru.delete(key)  # type: ignore[arg-type]
            return False
        return True

    def purge_expired(self) -> int:
        """The eager sweep: drop every expired entry now. O(n); returns how many."""
        now = self._clock()
        dropped = 0
        snapshot = self._lru.keys()  # a list copy, so deleting while looping is safe
        for key in snapshot:
            entry = self._lru.peek(key)
            if entry is not None and now >= entry.expires_at:
                self._lru.delete(key)
                dropped += 1
        return dropped

    def keys(self) -> list[K]:
        """Live keys from least to most recently used; drops expired ones on the way."""
        self.purge_expired()
        return self._lru.keys()

    def delete(self, key: K) -> bool:
        """Remove `key`; True only if it was there and still live."""
        entry = self._lru.peek(key)
        if entry is None:
            return False
        self._lru.delete(key)
        return not self._expired(entry)

    def __len__(self) -> int:
        """Stored entries, including expired ones not yet dropped (lazy expiry)."""
        return len(self._lru)

    # --8<-- [end:rest]
