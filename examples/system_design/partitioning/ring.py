"""A consistent-hash ring with virtual nodes: bisect over sorted tokens.

Every node puts `vnodes` tokens on a ring of 2**64 positions. A key belongs to
the first token at or after its own position, wrapping past the top. Adding a
node only inserts tokens, so a key either keeps its owner or moves to the new
node; removing one only hands that node's arcs to the next tokens along.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from examples.system_design.partitioning.hashing import (
    HASH_SPACE,
    NoNodesError,
    check_count,
    check_key,
    check_node,
    stable_hash,
)


# --8<-- [start:ring]
class HashRing:
    """Consistent hashing with `vnodes` tokens per node (more for a bigger node).

    Not safe to change while other threads look keys up: build a new ring for
    the new membership and swap the reference that lookups read.
    """

    def __init__(self, nodes: Iterable[str] = (), vnodes: int = 100) -> None:
        self._default_vnodes = check_count(vnodes, "vnodes")
        self._vnodes: dict[str, int] = {}  # node -> how many tokens it placed
        pending: list[tuple[int, str]] = []
        for node in nodes:
            pending += self._new_points(node, self._default_vnodes)
        # Sorted (token, node) pairs: a tie between two nodes' equal tokens is
        # broken by name, so every process builds the same ring.
        self._points: list[tuple[int, str]] = sorted(pending)
        self._tokens: list[int] = [token for token, _ in self._points]  # for bisect

    @property
    def nodes(self) -> tuple[str, ...]:
        return tuple(sorted(self._vnodes))

    def add_node(self, node: str, vnodes: int | None = None) -> None:
        """Place the node's tokens; only keys on the arcs they cut move."""
        count = self._default_vnodes if vnodes is None else vnodes
        for point in self._new_points(node, check_count(count, "vnodes")):
            i = bisect.bisect_left(self._points, point)  # same order as sorted()
            self._points.insert(i, point)
            self._tokens.insert(i, point[0])

    def remove_node(self, node: str) -> None:
        """Take the node's tokens off; its arcs pass to the next tokens."""
        check_node(node)
        if node not in self._vnodes:
            raise ValueError(f"node {node!r} is not on the ring")
        del self._vnodes[node]
        self._points = [point for point in self._points if point[1] != node]
        self._tokens = [token for token, _ in self._points]

    def node_for(self, key: str) -> str:
        """The owner of the first token at or after the key's position."""
        check_key(key)
        if not self._points:
            raise NoNodesError("the ring is empty: add a node before looking up a key")
        i = bisect.bisect_left(self._tokens, stable_hash(key))
        return self._points[i % len(self._points)][1]  # past the top: wrap to 0

    def _new_points(self, node: str, count: int) -> list[tuple[int, str]]:
        check_node(node)
        if node in self._vnodes:
            raise ValueError(f"node {node!r} is already on the ring")
        self._vnodes[node] = count
        # "name#i" is unambiguous: the part after the last '#' is always i.
        return [(stable_hash(f"{node}#{i}"), node) for i in range(count)]

    # --8<-- [end:ring]

    # --8<-- [start:replicas]
    def nodes_for(self, key: str, count: int) -> list[str]:
        """The first `count` distinct nodes clockwise from the key: its replicas.

        With vnodes, the next few tokens often belong to the same node, so the
        walk skips owners it has already taken.
        """
        check_key(key)
        check_count(count, "count")
        if count > len(self._vnodes):
            raise ValueError(
                f"asked for {count} nodes, the ring has {len(self._vnodes)}"
            )
        start = bisect.bisect_left(self._tokens, stable_hash(key))
        chosen: list[str] = []
        for step in range(len(self._points)):
            node = self._points[(start + step) % len(self._points)][1]
            if node not in chosen:
                chosen.append(node)
                if len(chosen) == count:
                    break
        return chosen

    # --8<-- [end:replicas]

    # --8<-- [start:ownership]
    def ownership(self) -> dict[str, float]:
        """Each node's share of the hash space: the load it gets from uniform keys.

        Token i owns the positions after token i-1 up to and including itself;
        the first token's arc wraps around from the last token.
        """
        shares = dict.fromkeys(self._vnodes, 0)
        for i, (token, node) in enumerate(self._points):
            previous = self._tokens[i - 1] if i else self._tokens[-1] - HASH_SPACE
            shares[node] += token - previous
        return {node: arc / HASH_SPACE for node, arc in sorted(shares.items())}

    # --8<-- [end:ownership]

    @property
    def token_count(self) -> int:
        return len(self._points)
