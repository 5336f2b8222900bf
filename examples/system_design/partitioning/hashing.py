"""A stable 64-bit hash, input checks, and the interface every partitioner shares."""

from __future__ import annotations

import hashlib
from typing import Protocol

HASH_BITS = 64
HASH_SPACE = 1 << HASH_BITS  # positions 0 .. 2**64 - 1


class NoNodesError(LookupError):
    """A lookup on a partitioner that has no node to answer with."""


# --8<-- [start:stable_hash]
def stable_hash(text: str) -> int:
    """A 64-bit hash of `text`: the same in every process, on every machine.

    Never use the built-in hash() to place data: for a str it is salted per
    process (PYTHONHASHSEED), so two app servers would disagree on where a
    key lives. blake2b is in hashlib, fast, and spreads keys evenly.
    """
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big")


# --8<-- [end:stable_hash]


# --8<-- [start:protocol]
class Partitioner(Protocol):
    """Maps a key to the node that holds it; nodes can join and leave."""

    @property
    def nodes(self) -> tuple[str, ...]: ...

    def node_for(self, key: str) -> str: ...

    def add_node(self, node: str) -> object: ...

    def remove_node(self, node: str) -> object: ...


# --8<-- [end:protocol]


def check_key(key: object) -> str:
    """Return `key` if it is a str; raise TypeError otherwise."""
    if not isinstance(key, str):
        raise TypeError(f"a key must be a str, got {type(key).__name__}")
    return key


def check_node(node: object) -> str:
    """Return `node` if it is a non-empty str; raise otherwise."""
    if not isinstance(node, str):
        raise TypeError(f"a node name must be a str, got {type(node).__name__}")
    if not node:
        raise ValueError("a node name must not be empty")
    return node


def check_count(value: object, what: str) -> int:
    """Return `value` if it is an int of at least 1 (a bool is refused)."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{what} must be an int, got {type(value).__name__}")
    if value < 1:
        raise ValueError(f"{what} must be at least 1, got {value}")
    return value
