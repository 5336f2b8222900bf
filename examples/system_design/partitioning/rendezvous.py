"""Rendezvous (highest random weight) hashing: every node bids, the highest score wins.

Each node gets its own hash function (blake2b keyed by the node's name). A key
goes to the node whose function scores it highest. A new node takes exactly the
keys it now outbids everyone on; a removed node's keys go to their runner-up.
No tokens and no ring, at the price of scoring every node on every lookup: O(n).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from examples.system_design.partitioning.hashing import (
    NoNodesError,
    check_count,
    check_key,
    check_node,
)


# --8<-- [start:rendezvous]
class RendezvousHash:
    """Key -> the node with the highest score(node, key)."""

    def __init__(self, nodes: Iterable[str] = ()) -> None:
        self._hashers: dict[str, Any] = {}  # node -> a blake2b keyed by its name
        for node in nodes:
            self.add_node(node)

    @property
    def nodes(self) -> tuple[str, ...]:
        return tuple(sorted(self._hashers))

    def add_node(self, node: str) -> None:
        check_node(node)
        if node in self._hashers:
            raise ValueError(f"node {node!r} is already a member")
        # A blake2b key is at most 64 bytes, so a long name is hashed down to one.
        secret = hashlib.blake2b(node.encode("utf-8")).digest()
        self._hashers[node] = hashlib.blake2b(key=secret, digest_size=8)

    def remove_node(self, node: str) -> None:
        check_node(node)
        if node not in self._hashers:
            raise ValueError(f"node {node!r} is not a member")
        del self._hashers[node]

    def score(self, node: str, key: str) -> int:
        """The node's 64-bit bid for the key."""
        return self._bid(node, check_key(key).encode("utf-8"))

    def _bid(self, node: str, data: bytes) -> int:
        hasher = self._hashers[node].copy()  # copy: the keyed state is reused
        hasher.update(data)
        return int.from_bytes(hasher.digest(), "big")

    def node_for(self, key: str) -> str:
        """One pass over the nodes: O(n) per lookup."""
        check_key(key)
        if not self._hashers:
            raise NoNodesError("no nodes: add a node before looking up a key")
        # Ties (a 1-in-2**64 event) go to the larger name, the same everywhere.
        data = key.encode("utf-8")
        return max(self._hashers, key=lambda node: (self._bid(node, data), node))

    def nodes_for(self, key: str, count: int) -> list[str]:
        """The `count` highest bidders, best first: the key's replicas."""
        check_key(key)
        check_count(count, "count")
        if not self._hashers:
            raise NoNodesError("no nodes: add a node before looking up a key")
        if count > len(self._hashers):
            raise ValueError(f"asked for {count} nodes, there are {len(self._hashers)}")
        data = key.encode("utf-8")
        bids = sorted(
            ((self._bid(node, data), node) for node in self._hashers), reverse=True
        )
        return [node for _, node in bids[:count]]


# --8<-- [end:rendezvous]
