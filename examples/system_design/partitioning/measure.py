"""Measuring partitioners: seeded keys, what moves on a change, how even the load is."""

from __future__ import annotations

import random
import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass


def sample_keys(count: int, seed: int) -> list[str]:
    """`count` distinct, repeatable keys such as 'user:5f3a9c01d2e4b7a6'."""
    rng = random.Random(seed)
    keys: set[str] = set()
    while len(keys) < count:
        keys.add(f"user:{rng.getrandbits(64):016x}")
    return sorted(keys)


def owners(node_for: Callable[[str], str], keys: Iterable[str]) -> dict[str, str]:
    """key -> node, looked up once per key."""
    return {key: node_for(key) for key in keys}


# --8<-- [start:movement]
@dataclass(frozen=True)
class Movement:
    keys: int
    moved: int  # keys whose node changed
    between_old_nodes: int  # moved, but not to a node that just joined

    @property
    def fraction(self) -> float:
        return self.moved / self.keys


def movement(
    before: Mapping[str, str], after: Mapping[str, str], new_nodes: set[str]
) -> Movement:
    """Compare two key -> node maps taken before and after a membership change."""
    if before.keys() != after.keys():
        raise ValueError("both maps must cover the same keys")
    if not before:
        raise ValueError("no keys to compare")
    moved = [key for key in before if before[key] != after[key]]
    stray = [key for key in moved if after[key] not in new_nodes]
    return Movement(len(before), len(moved), len(stray))


# --8<-- [end:movement]


# --8<-- [start:spread]
@dataclass(frozen=True)
class Spread:
    max_over_mean: float  # 1.0 is perfect; 2.0 means the busiest node does double
    cv: float  # coefficient of variation: stdev / mean


def spread(loads: Iterable[float]) -> Spread:
    """How uneven per-node loads are (key counts, shares, requests)."""
    values = list(loads)
    if len(values) < 2:
        raise ValueError("need the loads of at least two nodes")
    mean = statistics.fmean(values)
    if mean <= 0:
        raise ValueError("loads must add up to more than zero")
    return Spread(max(values) / mean, statistics.pstdev(values) / mean)


# --8<-- [end:spread]


def load_by_node(
    node_for: Callable[[str], str], requests: Iterable[str], nodes: Iterable[str]
) -> Counter[str]:
    """Requests per node; each distinct key is looked up once."""
    counts: Counter[str] = Counter(dict.fromkeys(nodes, 0))
    per_key = Counter(requests)
    for key, hits in per_key.items():
        counts[node_for(key)] += hits
    return counts
