"""Five load-balancing strategies behind one interface.

Every strategy answers one question: which of the eligible servers gets this
request? It is told the request's key (a client or session id), how many
requests each server has in flight, and which servers it may use (the ones
no health check or outlier detector has removed). The random strategies take a
seeded `random.Random`, so a run repeats exactly.
"""

from __future__ import annotations

import bisect
import hashlib
import random
from collections.abc import Sequence
from typing import Protocol


# --8<-- [start:interface]
class Balancer(Protocol):
    """Chooses a server for each request."""

    name: str

    def pick(self, key: str, load: Sequence[int], eligible: Sequence[int]) -> int:
        """Return one index from `eligible`.

        `load[i]` is the number of requests server i has in flight (waiting or
        being served), as far as this balancer knows. `eligible` lists the
        servers it may choose, in index order, and is never empty.
        """
        ...


# --8<-- [end:interface]


def _require_eligible(eligible: Sequence[int]) -> None:
    if not eligible:
        raise ValueError("no eligible server: every server is ejected or down")


# --8<-- [start:round_robin]
class RoundRobin:
    """Each eligible server in turn; blind to load and to speed."""

    name = "round robin"

    def __init__(self) -> None:
        self._turn = 0

    def pick(self, key: str, load: Sequence[int], eligible: Sequence[int]) -> int:
        _require_eligible(eligible)
        server = eligible[self._turn % len(eligible)]
        self._turn += 1
        return server


# --8<-- [end:round_robin]


class RandomChoice:
    """A uniformly random eligible server; blind to load, like round robin."""

    name = "random"

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng

    def pick(self, key: str, load: Sequence[int], eligible: Sequence[int]) -> int:
        _require_eligible(eligible)
        return eligible[self._rng.randrange(len(eligible))]


# --8<-- [start:least_connections]
class LeastConnections:
    """The server with the fewest requests in flight; ties broken at random.

    It looks at every eligible server, so a pick costs O(servers). A random
    tie-break matters: "first minimum" would pile every tie onto server 0.
    """

    name = "least connections"

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng

    def pick(self, key: str, load: Sequence[int], eligible: Sequence[int]) -> int:
        _require_eligible(eligible)
        fewest = min(load[server] for server in eligible)
        tied = [server for server in eligible if load[server] == fewest]
        return tied[0] if len(tied) == 1 else tied[self._rng.randrange(len(tied))]


# --8<-- [end:least_connections]


# --8<-- [start:p2c]
class PowerOfTwoChoices:
    """Sample two distinct eligible servers at random; send to the less loaded.

    O(1) per pick, whatever the number of servers, and it never chooses the
    busier of its two samples, so the most loaded server is never picked.
    """

    name = "power of two choices"

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng

    def pick(self, key: str, load: Sequence[int], eligible: Sequence[int]) -> int:
        _require_eligible(eligible)
        count = len(eligible)
        if count == 1:
            return eligible[0]
        first = self._rng.randrange(count)
        second = self._rng.randrange(count - 1)
        if second >= first:  # two distinct positions, each pair equally likely
            second += 1
        a, b = eligible[first], eligible[second]
        return b if load[b] < load[a] else a


# --8<-- [end:p2c]


def _ring_hash(text: str) -> int:
    # Not a security boundary: any well-mixed hash works. blake2b is in the
    # standard library and stable across processes (Python's hash() is salted).
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest())


# --8<-- [start:consistent_hash]
class ConsistentHash:
    """Affinity: the same key goes to the same server while that server is eligible.

    Each server owns `replicas` points on a ring of 64-bit hashes; a key goes to
    the first point clockwise from its own hash. When a server leaves, only the
    keys it owned move (to the next points on the ring); every other key stays.
    A lookup is a binary search, O(log(servers x replicas)).
    """

    name = "consistent hash"

    def __init__(self, servers: int, replicas: int = 100) -> None:
        if servers < 1:
            raise ValueError(f"a ring needs at least one server, got {servers}")
        if replicas < 1:
            raise ValueError(f"replicas must be at least 1, got {replicas}")
        ring = sorted(
            (_ring_hash(f"server-{server}#{replica}"), server)
            for server in range(servers)
            for replica in range(replicas)
        )
        self._points = [point for point, _ in ring]
        self._owners = [owner for _, owner in ring]
        self._servers = servers

    def pick(self, key: str, load: Sequence[int], eligible: Sequence[int]) -> int:
        _require_eligible(eligible)
        start = bisect.bisect(self._points, _ring_hash(key))
        if len(eligible) == self._servers and eligible[-1] == self._servers - 1:
            # The common case: nobody removed (eligible is sorted and distinct).
            return self._owners[start % len(self._owners)]
        allowed = set(eligible)
        for step in range(len(self._owners)):  # walk clockwise past removed servers
            owner = self._owners[(start + step) % len(self._owners)]
            if owner in allowed:
                return owner
        raise ValueError(f"eligible servers {list(eligible)} are not on this ring")


# --8<-- [end:consistent_hash]

STRATEGIES = (
    "round_robin",
    "random",
    "least_connections",
    "p2c",
    "consistent_hash",
)


def make_balancer(strategy: str, servers: int, seed: int = 0) -> Balancer:
    """Build a balancer by name for `servers` servers; random ones use `seed`."""
    if servers < 1:
        raise ValueError(f"a balancer needs at least one server, got {servers}")
    rng = random.Random(seed)
    if strategy == "round_robin":
        return RoundRobin()
    if strategy == "random":
        return RandomChoice(rng)
    if strategy == "least_connections":
        return LeastConnections(rng)
    if strategy == "p2c":
        return PowerOfTwoChoices(rng)
    if strategy == "consistent_hash":
        return ConsistentHash(servers)
    raise ValueError(f"unknown strategy {strategy!r}; known: {', '.join(STRATEGIES)}")


if __name__ == "__main__":
    ring = make_balancer("consistent_hash", servers=4)
    idle = [0, 0, 0, 0]
    home = ring.pick("alice", idle, [0, 1, 2, 3])
    print("alice ->", home, "and again ->", ring.pick("alice", idle, [0, 1, 2, 3]))
    #> alice -> 1 and again -> 1
    others = [server for server in range(4) if server != home]
    print(f"server {home} removed: alice ->", ring.pick("alice", idle, others))
    #> server 1 removed: alice -> 0
