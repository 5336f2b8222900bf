"""Leaderless replication with quorums, as a seeded simulation.

One key, N replicas, one client at a time. Time moves in ticks, one request
per tick. A write gets the next version number and goes to every replica it
can reach; it is acknowledged once W of them have stored it, and the rest
store it 1 to `max_delay` ticks later (or never, with probability
`drop_rate`). A read asks every replica, takes the first R replies and
returns the newest version among them. It is stale if an acknowledged write
is newer than what it returned.

Which replicas answer first is random per request (the seeded rng), so with
R + W <= N a read can pick only replicas the last write has not reached yet.
With R + W > N every R replicas share at least one with every W, so in this
model no read is ever stale. That follows from the overlap, given two
simplifications: requests never overlap in time (no read meets a write in
flight), and an acknowledged copy is never lost.
"""

from __future__ import annotations

import heapq
import random
from dataclasses import dataclass


# --8<-- [start:quorum]
@dataclass(frozen=True)
class Quorum:
    """N copies of each key; a write needs W acks, a read R replies."""

    n: int
    r: int
    w: int

    def __post_init__(self) -> None:
        for name in ("n", "r", "w"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError(f"{name} must be an int, not {type(value).__name__}")
        if self.n < 1:
            raise ValueError(f"N must be at least 1, not {self.n}")
        for name, value in (("R", self.r), ("W", self.w)):
            if not 1 <= value <= self.n:
                raise ValueError(
                    f"{name} must be between 1 and N={self.n}, not {value}"
                )

    @property
    def overlaps(self) -> bool:
        """R + W > N: every read quorum shares a replica with every write quorum."""
        return self.r + self.w > self.n


# --8<-- [end:quorum]


@dataclass(frozen=True)
class Outage:
    """From tick `start` until `end`, writes cannot reach the replicas in `cut`.

    Reads still reach every replica (they come through another coordinator,
    on the other side of the partition).
    """

    start: int
    end: int
    cut: frozenset[int]

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(
                f"an outage needs 0 <= start < end, not {self.start}, {self.end}"
            )

    def active(self, tick: int) -> bool:
        return self.start <= tick < self.end


@dataclass(frozen=True)
class Stats:
    reads: int
    stale_reads: int
    writes: int
    refused_writes: int

    @property
    def stale_rate(self) -> float:
        return self.stale_reads / self.reads if self.reads else 0.0


# --8<-- [start:simulate]
def simulate(
    quorum: Quorum,
    *,
    seed: int,
    operations: int = 2_000,
    write_share: float = 0.3,
    max_delay: int = 4,
    drop_rate: float = 0.0,
    read_repair: bool = False,
    outage: Outage | None = None,
    sloppy: bool = False,
    handoff_delay: int = 20,
) -> Stats:
    """Run `operations` requests against one key and count the stale reads.

    `read_repair` writes the newest version back to the stale replicas a read
    contacted. During an `outage`, a strict quorum refuses a write that cannot
    reach W of the key's own N replicas; a `sloppy` one takes acks from stand-in
    nodes instead, which hand the write to its owners (hinted handoff)
    `handoff_delay` ticks after the outage ends.
    """
    _check(operations, write_share, max_delay, drop_rate, handoff_delay, outage, quorum)
    rng = random.Random(seed)
    stored = [0] * quorum.n  # the version each replica holds; 0 = never written
    arriving: list[tuple[int, int, int]] = []  # (tick, replica, version), a heap
    newest_acked = version = 0
    reads = stale = writes = refused = 0
    for tick in range(operations):
        while arriving and arriving[0][0] <= tick:
            _, replica, v = heapq.heappop(arriving)
            stored[replica] = max(stored[replica], v)
        if rng.random() < write_share:
            cut = outage.cut if outage and outage.active(tick) else frozenset()
            reachable = [i for i in range(quorum.n) if i not in cut]
            if len(reachable) < quorum.w and not sloppy:
                # A strict quorum gives up availability instead. Refused before
                # it is sent, nothing lands; a write that timed out instead
                # would stay on the replicas it reached.
                refused += 1
                continue
            version += 1
            writes += 1
            replies = rng.sample(reachable, len(reachable))  # arrival order
            for replica in replies[: quorum.w]:
                stored[replica] = version  # acked: stored before the client hears back
            for replica in replies[quorum.w :]:
                if rng.random() >= drop_rate:
                    due = tick + rng.randint(1, max_delay)
                    heapq.heappush(arriving, (due, replica, version))
            for replica in cut:  # held by a stand-in (sloppy) or retried (strict)
                assert outage is not None
                heapq.heappush(arriving, (outage.end + handoff_delay, replica, version))
            newest_acked = version
        else:
            reads += 1
            asked = rng.sample(range(quorum.n), quorum.r)  # the first R to reply
            newest = max(stored[i] for i in asked)
            stale += newest < newest_acked
            if read_repair:
                for replica in asked:
                    stored[replica] = max(stored[replica], newest)
    return Stats(reads, stale, writes, refused)


# --8<-- [end:simulate]


def _check(
    operations: int,
    write_share: float,
    max_delay: int,
    drop_rate: float,
    handoff_delay: int,
    outage: Outage | None,
    quorum: Quorum,
) -> None:
    if not isinstance(quorum, Quorum):
        raise TypeError("quorum must be a Quorum")
    if operations < 0:
        raise ValueError(f"operations must be >= 0, not {operations}")
    if not 0.0 <= write_share <= 1.0:
        raise ValueError(f"write_share must be in [0, 1], not {write_share}")
    if not 0.0 <= drop_rate <= 1.0:
        raise ValueError(f"drop_rate must be in [0, 1], not {drop_rate}")
    if max_delay < 1:
        raise ValueError(f"max_delay must be at least 1 tick, not {max_delay}")
    if handoff_delay < 0:
        raise ValueError(f"handoff_delay must be >= 0, not {handoff_delay}")
    if outage is not None and not outage.cut <= set(range(quorum.n)):
        raise ValueError(f"outage.cut names replicas outside 0..{quorum.n - 1}")
