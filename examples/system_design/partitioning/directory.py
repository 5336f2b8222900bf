"""Directory partitioning: an explicit table says where each key (here, a tenant) lives.

No formula: a new tenant goes wherever you decide (here, the node holding the
least data), and one tenant can move without touching any other. The price is
the table itself: every request needs it, so it is a service you must keep
available and fast, and every client's cached copy must learn about moves.
"""

from __future__ import annotations

from collections.abc import Iterable

from examples.system_design.partitioning.hashing import (
    NoNodesError,
    check_count,
    check_key,
    check_node,
)


# --8<-- [start:directory]
class Directory:
    """Tenant -> node, by lookup. `version` grows on every change."""

    def __init__(self, nodes: Iterable[str] = ()) -> None:
        self._home: dict[str, str] = {}  # tenant -> node
        self._size: dict[str, int] = {}  # tenant -> rows (or bytes) it holds
        self._load: dict[str, int] = {}  # node -> total size of its tenants
        self.version = 0  # clients cache the table and refetch when it is stale
        for node in nodes:
            self.add_node(node)

    @property
    def nodes(self) -> tuple[str, ...]:
        return tuple(sorted(self._load))

    def node_for(self, tenant: str) -> str:
        check_key(tenant)
        if tenant not in self._home:
            raise LookupError(
                f"tenant {tenant!r} is not in the directory; place it first"
            )
        return self._home[tenant]

    def place(self, tenant: str, size: int = 1) -> str:
        """Put a new tenant on the node with the least data."""
        check_key(tenant)
        check_count(size, "size")
        if tenant in self._home:
            raise ValueError(
                f"tenant {tenant!r} is already placed on {self._home[tenant]!r}"
            )
        if not self._load:
            raise NoNodesError("no nodes: add a node before placing a tenant")
        node = min(self._load, key=lambda n: (self._load[n], n))
        self._home[tenant], self._size[tenant] = node, size
        self._load[node] += size
        self.version += 1
        return node

    def move(self, tenant: str, to: str) -> str:
        """Move one tenant (after copying its data); returns where it was."""
        source = self.node_for(tenant)
        if to not in self._load:
            raise ValueError(f"node {to!r} is not a member")
        self._load[source] -= self._size[tenant]
        self._load[to] += self._size[tenant]
        self._home[tenant] = to
        self.version += 1
        return source

    def add_node(self, node: str) -> None:
        check_node(node)
        if node in self._load:
            raise ValueError(f"node {node!r} is already a member")
        self._load[node] = 0
        self.version += 1

    def remove_node(self, node: str) -> None:
        check_node(node)
        if node not in self._load:
            raise ValueError(f"node {node!r} is not a member")
        if self._load[node]:
            raise ValueError(f"node {node!r} still holds tenants: move them first")
        del self._load[node]
        self.version += 1

    def load(self) -> dict[str, int]:
        return dict(sorted(self._load.items()))


# --8<-- [end:directory]
