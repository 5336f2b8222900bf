"""LRU cache from first principles: a dict for O(1) lookup, a linked list for O(1) order."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Generic, TypeVar

from examples.machine_coding.lru_cache.contract import check_capacity
from examples.machine_coding.lru_cache.linked_list import DoublyLinkedList, Node

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


# --8<-- [start:lru]
# --8<-- [start:class]
class LRUCache(Generic[K, V]):
    """Evicts the least recently used entry. Not thread-safe: wrap it to share."""

    def __init__(self, capacity: int) -> None:
        self._capacity = check_capacity(capacity)
        self._nodes: dict[K, Node] = {}  # key -> its node in the list
        self._order = DoublyLinkedList()  # front = most recent, back = next victim

    @property
    def capacity(self) -> int:
        return self._capacity

    # --8<-- [end:class]

    # --8<-- [start:get]
    def get(self, key: K, default: V | None = None) -> V | None:
        """Return the value and mark `key` as most recently used."""
        node = self._nodes.get(key)
        if node is None:
            return default
        self._order.move_to_front(node)  # a read is a use: forgetting this is bug #1
        return node.value

    # --8<-- [end:get]

    # --8<-- [start:put]
    def put(self, key: K, value: V) -> None:
        """Insert or update `key`; when full, evict the least recently used entry."""
        node = self._nodes.get(key)  # unhashable keys raise here, before any change
        if node is not None:
            # An update is not an insert: change in place, never evict for it.
            node.value = value
            self._order.move_to_front(node)
            return
        if len(self._nodes) == self._capacity:
            victim = self._order.pop_back()
            del self._nodes[victim.key]  # why the node stores its key
        node = Node(key, value)
        self._nodes[key] = node
        self._order.push_front(node)

    # --8<-- [end:put]

    # --8<-- [start:rest]
    def delete(self, key: K) -> bool:
        """Remove `key` if present."""
        node = self._nodes.pop(key, None)
        if node is None:
            return False
        self._order.remove(node)
        return True

    def peek(self, key: K, default: V | None = None) -> V | None:
        """Return the value without counting it as a use."""
        node = self._nodes.get(key)
        return default if node is None else node.value

    def keys(self) -> list[K]:
        """Keys from least to most recently used (next victim first)."""
        return [node.key for node in self._order]

    def __len__(self) -> int:
        return len(self._nodes)

    def __contains__(self, key: object) -> bool:
        return key in self._nodes  # a peek: does not refresh recency

    # --8<-- [end:rest]


# --8<-- [end:lru]
