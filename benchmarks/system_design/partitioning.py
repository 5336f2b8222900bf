"""Partitioning: lookup cost of a hash ring, rendezvous hashing and hash mod n.

The numbers behind docs/system-design/partitioning.md. A ring lookup is a hash
plus a binary search over n * v tokens, O(log(n * v)): the size is the token
count, 100 vnodes per node, so 1,000 -> 100,000 tokens is 10 -> 1,000 nodes.
Rendezvous scores every node, O(n): the size is the node count. hash mod n is
O(1). Adding a node to the ring inserts its v tokens into the sorted lists,
each insert shifting up to n * v entries: O(n * v), linear in the token count.

    .venv/bin/python benchmarks/system_design/partitioning.py
"""

from __future__ import annotations

from collections.abc import Callable

from benchmarks.timing import CPU_CLOCK, per_operation, quick_mode, report
from examples.system_design.partitioning.measure import sample_keys
from examples.system_design.partitioning.modulo import ModuloPartitioner
from examples.system_design.partitioning.rendezvous import RendezvousHash
from examples.system_design.partitioning.ring import HashRing

VNODES = 100
TOKEN_SIZES = (100, 1_000) if quick_mode() else (1_000, 100_000)
NODE_SIZES = (10, 100) if quick_mode() else (10, 1_000)
KEYS = sample_keys(200 if quick_mode() else 2_000, seed=1)
RENDEZVOUS_KEYS = KEYS[:50] if quick_mode() else KEYS[:200]


def lookups(build: Callable[[int], object], keys: list[str]):
    """A workload: build a partitioner of the given size, then look up every key."""

    def workload(size: int):
        node_for = build(size).node_for  # type: ignore[attr-defined]

        def run() -> None:
            for key in keys:
                node_for(key)

        return run, len(keys)

    return workload


def nodes(count: int) -> list[str]:
    return [f"node-{i}" for i in range(count)]


def ring_of_tokens(tokens: int) -> HashRing:
    return HashRing(nodes(max(1, tokens // VNODES)), vnodes=VNODES)


def adding_a_node(tokens: int):
    ring = ring_of_tokens(tokens)

    def run() -> None:
        ring.add_node("newcomer")

    return run, 1


if __name__ == "__main__":
    report(
        "ring node_for (size = tokens)",
        per_operation(lookups(ring_of_tokens, KEYS), TOKEN_SIZES, clock=CPU_CLOCK),
        claim="O(log n)",
    )
    report(
        "rendezvous node_for (size = nodes)",
        per_operation(lookups(lambda n: RendezvousHash(nodes(n)), RENDEZVOUS_KEYS), NODE_SIZES, clock=CPU_CLOCK),
        claim="O(n)",
    )
    report(
        "hash mod n node_for (size = nodes)",
        per_operation(lookups(lambda n: ModuloPartitioner(nodes(n)), KEYS), NODE_SIZES, clock=CPU_CLOCK),
        claim="O(1)",
    )
    report(
        "ring add_node (size = tokens)",
        per_operation(adding_a_node, TOKEN_SIZES, clock=CPU_CLOCK),
        claim="O(n)",
    )
