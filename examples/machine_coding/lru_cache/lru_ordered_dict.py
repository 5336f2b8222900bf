"""LRU cache on collections.OrderedDict, which is a hash map plus a linked list already."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

from examples.machine_coding.lru_cache.contract import check_capacity

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

_MISSING = object()  # tells "absent" apart from a stored None


# --8<-- [start:lru]
# --8<-- [start:class]
class OrderedDictLRUCache(Generic[K, V]):
    """Same behavior as LRUCache, ordering kept by OrderedDict. Not thread-safe."""

    def __init__(self, capacity: int) -> None:
        self._capacity = check_capacity(capacity)
        self._data: OrderedDict[K, V] = OrderedDict()  # first = next victim

    @property
    def capacity(self) -> int:
        return self._capacity

    def get(self, key: K, default: V | None = None) -> V | None:
        """Return the value and mark `key` as most recently used."""
        value = self._data.get(key, _MISSING)  # one lookup finds and fetches
        if value is _MISSING:
            return default
        self._data.move_to_end(key)  # O(1): OrderedDict keeps its own linked list
        return value  # type: ignore[return-value]

    def put(self, key: K, value: V) -> None:
        """Insert or update `key`; when full, evict the least recently used entry."""
        if key in self._data:
            self._data.move_to_end(key)
        elif len(self._data) == self._capacity:
            self._data.popitem(last=False)  # last=False pops the oldest
        self._data[key] = value

    # --8<-- [end:class]

    def delete(self, key: K) -> bool:
        """Remove `key` if present."""
        return self._data.pop(key, _MISSING) is not _MISSING

    def peek(self, key: K, default: V | None = None) -> V | None:
        """Return the value without counting it as a use."""
        return self._data.get(key, default)

    def keys(self) -> list[K]:
        """Keys from least to most recently used (next victim first)."""
        return list(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key: object) -> bool:
        return key in self._data  # a peek: does not refresh recency


# --8<-- [end:lru]
