"""The baseline: node = hash(key) mod n. Even, simple, and it reshuffles on any change."""

from __future__ import annotations

from collections.abc import Iterable

from examples.system_design.partitioning.hashing import (
    NoNodesError,
    check_key,
    check_node,
    stable_hash,
)


# --8<-- [start:modulo]
class ModuloPartitioner:
    """Key -> nodes[stable_hash(key) % len(nodes)]."""

    def __init__(self, nodes: Iterable[str] = ()) -> None:
        self._nodes: list[str] = []
        for node in nodes:
            self.add_node(node)

    @property
    def nodes(self) -> tuple[str, ...]:
        return tuple(self._nodes)

    def node_for(self, key: str) -> str:
        check_key(key)
        if not self._nodes:
            raise NoNodesError("no nodes: add a node before looking up a key")
        return self._nodes[stable_hash(key) % len(self._nodes)]

    def add_node(self, node: str) -> None:
        check_node(node)
        if node in self._nodes:
            raise ValueError(f"node {node!r} is already a member")
        self._nodes.append(node)  # n changes, so almost every key's index does too

    def remove_node(self, node: str) -> None:
        check_node(node)
        if node not in self._nodes:
            raise ValueError(f"node {node!r} is not a member")
        self._nodes.remove(node)


# --8<-- [end:modulo]
