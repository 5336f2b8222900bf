"""A doubly linked list with sentinel head and tail nodes.

The sentinels are never removed, so every real node always has a real `prev`
and `next`: insert and remove need no `if node is head` branches, which is
where hand-written LRU caches usually break.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


# --8<-- [start:node]
class Node:
    """One entry. It stores its key so eviction can delete the map entry too."""

    __slots__ = ("key", "next", "prev", "value")

    def __init__(self, key: Any, value: Any) -> None:
        self.key = key
        self.value = value
        self.prev: Node | None = None
        self.next: Node | None = None


# --8<-- [end:node]


# --8<-- [start:list]
class DoublyLinkedList:
    """Most recent at the front (after `head`), least recent at the back."""

    def __init__(self) -> None:
        self.head = Node(None, None)  # sentinel: never holds data
        self.tail = Node(None, None)  # sentinel
        self.head.next = self.tail
        self.tail.prev = self.head
        self._size = 0

    def push_front(self, node: Node) -> None:
        """Link a detached node right after the head sentinel."""
        first = self.head.next
        assert first is not None  # the tail sentinel at least
        node.prev, node.next = self.head, first
        first.prev = node
        self.head.next = node
        self._size += 1

    def remove(self, node: Node) -> None:
        """Unlink a node that is in this list; O(1) because it knows its neighbors."""
        before, after = node.prev, node.next
        if before is None or after is None:
            raise ValueError("node is not linked into a list")
        before.next, after.prev = after, before
        node.prev = node.next = None  # a detached node cannot corrupt the list later
        self._size -= 1

    def move_to_front(self, node: Node) -> None:
        """Mark a node as the most recently used."""
        self.remove(node)
        self.push_front(node)

    def pop_back(self) -> Node:
        """Unlink and return the least recently used node."""
        last = self.tail.prev
        if last is None or last is self.head:
            raise IndexError("pop_back from an empty list")
        self.remove(last)
        return last

    def __len__(self) -> int:
        return self._size

    def __iter__(self) -> Iterator[Node]:
        """Back to front: least recently used first (eviction order)."""
        node = self.tail.prev
        while node is not None and node is not self.head:
            yield node
            node = node.prev

    def __reversed__(self) -> Iterator[Node]:
        """Front to back: most recently used first."""
        node = self.head.next
        while node is not None and node is not self.tail:
            yield node
            node = node.next


# --8<-- [end:list]
