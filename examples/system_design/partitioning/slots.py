"""Many fixed partitions ("slots") mapped to nodes by a table.

A key's slot is stable_hash(key) % slots and never changes. Only the table from
slot to node changes: a joining node takes whole slots from the busiest nodes,
a leaving node's slots go to the least busy. Redis Cluster works this way with
16,384 slots.
"""

from __future__ import annotations

from collections.abc import Iterable

from examples.system_design.partitioning.hashing import (
    NoNodesError,
    check_count,
    check_key,
    check_node,
    stable_hash,
)


# --8<-- [start:slots]
class SlotMap:
    """Key -> slot (fixed forever) -> node (a table you rebalance)."""

    def __init__(self, nodes: Iterable[str] = (), slots: int = 1024) -> None:
        self._owner: list[str | None] = [None] * check_count(slots, "slots")
        self._slots_of: dict[str, list[int]] = {}
        for node in nodes:
            self.add_node(node)

    @property
    def nodes(self) -> tuple[str, ...]:
        return tuple(sorted(self._slots_of))

    @property
    def slot_count(self) -> int:
        return len(self._owner)

    def slot_for(self, key: str) -> int:
        return stable_hash(check_key(key)) % len(self._owner)

    def node_for(self, key: str) -> str:
        owner = self._owner[self.slot_for(key)]
        if owner is None:
            raise NoNodesError("no nodes: add a node before looking up a key")
        return owner

    def slots_of(self, node: str) -> list[int]:
        return sorted(self._slots_of[node])

    def add_node(self, node: str) -> list[int]:
        """Give the new node an equal share of slots, taken from the busiest nodes.

        Returns the slots that moved: only their keys have to be copied.
        """
        check_node(node)
        if node in self._slots_of:
            raise ValueError(f"node {node!r} is already a member")
        if not self._slots_of:  # the first node takes every slot
            self._slots_of[node] = list(range(len(self._owner)))
            self._owner = [node] * len(self._owner)
            return list(range(len(self._owner)))
        self._slots_of[node] = []
        share = len(self._owner) // len(self._slots_of)
        moved = []
        while len(self._slots_of[node]) < share:
            donor = max(self._slots_of, key=lambda n: (len(self._slots_of[n]), n))
            moved.append(self._move(self._slots_of[donor][-1], node))
        return sorted(moved)

    def remove_node(self, node: str) -> list[int]:
        """Hand the node's slots, one at a time, to the least busy nodes left."""
        check_node(node)
        if node not in self._slots_of:
            raise ValueError(f"node {node!r} is not a member")
        if len(self._slots_of) == 1:
            raise ValueError(
                f"cannot remove {node!r}, the last node: its slots need an owner"
            )
        leaving = self._slots_of.pop(node)
        for slot in leaving:
            taker = min(self._slots_of, key=lambda n: (len(self._slots_of[n]), n))
            self._slots_of[taker].append(slot)
            self._owner[slot] = taker
        return sorted(leaving)

    def _move(self, slot: int, to: str) -> int:
        source = self._owner[slot]
        assert source is not None
        self._slots_of[source].remove(slot)
        self._slots_of[to].append(slot)
        self._owner[slot] = to
        return slot


# --8<-- [end:slots]
