"""LFU cache with O(1) get and put: evict the least frequently used key,
and among keys used equally often, the least recently used one.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any, Generic, TypeVar

from examples.machine_coding.lru_cache.contract import check_capacity
from examples.machine_coding.lru_cache.linked_list import DoublyLinkedList, Node

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


# --8<-- [start:state]
class FreqNode(Node):
    """A list node that also counts how often its key was used."""

    __slots__ = ("freq",)

    def __init__(self, key: Any, value: Any) -> None:
        super().__init__(key, value)
        self.freq = 1


class LFUCache(Generic[K, V]):
    """Least frequently used eviction, ties broken by least recent use. Not thread-safe."""

    def __init__(self, capacity: int) -> None:
        self._capacity = check_capacity(capacity)
        self._nodes: dict[K, FreqNode] = {}  # key -> node
        # freq -> keys used exactly that often, most recent at the front
        self._buckets: dict[int, DoublyLinkedList] = {}
        # The lowest freq with a non-empty bucket. Exact whenever the cache is
        # full, which is the only time eviction reads it (see delete).
        self._min_freq = 0

    @property
    def capacity(self) -> int:
        return self._capacity

    # --8<-- [end:state]

    # --8<-- [start:touch]
    def _bucket(self, freq: int) -> DoublyLinkedList:
        """The list for `freq`, created on first use."""
        bucket = self._buckets.get(freq)
        if bucket is None:  # not setdefault: that would build a list on every call
            bucket = self._buckets[freq] = DoublyLinkedList()
        return bucket

    def _touch(self, node: FreqNode) -> None:
        """Count one more use: move the node from bucket f to bucket f + 1."""
        bucket = self._buckets[node.freq]
        bucket.remove(node)
        if not bucket:
            del self._buckets[node.freq]  # empty buckets would leak memory
            if self._min_freq == node.freq:
                self._min_freq += 1  # the node itself now lives at freq + 1
        node.freq += 1
        self._bucket(node.freq).push_front(node)

    # --8<-- [end:touch]

    # --8<-- [start:get_put]
    def get(self, key: K, default: V | None = None) -> V | None:
        """Return the value and count one use of `key`."""
        node = self._nodes.get(key)
        if node is None:
            return default
        self._touch(node)
        return node.value

    def put(self, key: K, value: V) -> None:
        """Insert or update; an update counts as a use. When full, evict first."""
        node = self._nodes.get(key)
        if node is not None:
            node.value = value
            self._touch(node)
            return
        if len(self._nodes) == self._capacity:
            coldest = self._buckets[self._min_freq]
            victim = coldest.pop_back()  # least recently used among the least used
            if not coldest:
                del self._buckets[self._min_freq]
            del self._nodes[victim.key]
        node = FreqNode(key, value)
        self._nodes[key] = node
        self._bucket(1).push_front(node)
        self._min_freq = 1  # a brand-new key is always the least used

    # --8<-- [end:get_put]

    # --8<-- [start:delete]
    def delete(self, key: K) -> bool:
        """Remove `key` if present. O(1): min_freq may go stale, and that is safe.

        After a delete the cache has a free slot, so the next put of a new key
        does not evict; it resets min_freq to 1. Eviction therefore never reads
        a stale min_freq, and delete never has to search for the new minimum.
        """
        node = self._nodes.pop(key, None)
        if node is None:
            return False
        bucket = self._buckets[node.freq]
        bucket.remove(node)
        if not bucket:
            del self._buckets[node.freq]
        return True

    # --8<-- [end:delete]

    def frequency(self, key: K) -> int:
        """How many times `key` has been used since it was inserted (0 if absent)."""
        node = self._nodes.get(key)
        return 0 if node is None else node.freq

    def keys(self) -> list[K]:
        """Keys in eviction order: lowest frequency first, oldest use first within it.

        O(n + F log F) for F distinct frequencies; for inspection, not the hot path.
        """
        return [
            node.key for freq in sorted(self._buckets) for node in self._buckets[freq]
        ]

    def __len__(self) -> int:
        return len(self._nodes)

    def __contains__(self, key: object) -> bool:
        return key in self._nodes  # a peek: does not count as a use
