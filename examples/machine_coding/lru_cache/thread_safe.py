"""One lock around any cache: the simplest correct way to share a cache between threads."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from examples.machine_coding.lru_cache.contract import Cache

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

_MISSING: object = object()  # tells a miss apart from a cached None


# --8<-- [start:wrapper]
class ThreadSafeCache(Generic[K, V]):
    """Serializes every call to the wrapped cache with one lock.

    Even get takes the lock: it reorders the recency list, so it is a write.
    A readers-writer lock would buy nothing here. The lock is reentrant, so a
    `load` passed to get_or_load may itself read or write this cache.
    """

    def __init__(self, inner: Cache[K, V]) -> None:
        self._inner = inner
        # RLock, not Lock: get_or_load holds the lock while `load` runs, and a
        # load that calls get() on this cache would deadlock on a plain Lock.
        self._lock = threading.RLock()

    @property
    def capacity(self) -> int:
        return self._inner.capacity  # fixed at construction; no lock needed

    def get(self, key: K, default: V | None = None) -> V | None:
        """The inner cache's get, under the lock."""
        with self._lock:
            return self._inner.get(key, default)

    def put(self, key: K, value: V) -> None:
        """The inner cache's put, under the lock."""
        with self._lock:
            self._inner.put(key, value)

    # --8<-- [end:wrapper]

    # --8<-- [start:get_or_load]
    def get_or_load(self, key: K, load: Callable[[K], V]) -> V:
        """Return the cached value, or load, store and return it, as one atomic step.

        `get` then `put` from the caller would let two threads both miss and both
        load. Holding the lock during `load` prevents that, but it also blocks
        every other key meanwhile: keep `load` fast, or use per-key locks.
        `load` may use this cache (the lock is reentrant); a load that calls
        get_or_load for its own key recurses until RecursionError.
        """
        with self._lock:
            found = self._inner.get(key, _MISSING)  # type: ignore[arg-type]
            if found is not _MISSING:
                return found  # type: ignore[return-value]
            value = load(key)  # if this raises, nothing was stored
            self._inner.put(key, value)
            return value

    # --8<-- [end:get_or_load]

    def delete(self, key: K) -> bool:
        """The inner cache's delete, under the lock."""
        with self._lock:
            return self._inner.delete(key)

    def keys(self) -> list[K]:
        """A snapshot of the keys in eviction order."""
        with self._lock:
            return self._inner.keys()

    def __len__(self) -> int:
        with self._lock:
            return len(self._inner)

    def __contains__(self, key: object) -> bool:
        with self._lock:
            return key in self._inner
