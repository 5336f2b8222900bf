"""Logical clocks: Lamport timestamps, vector clocks, and version vectors on replicas.

A Lamport timestamp orders events consistently with causality, but cannot say
whether two events were concurrent. A vector clock can: a is before b exactly
when a's vector is at most b's in every entry and the two differ.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


def _check_name(name: str) -> None:
    if not isinstance(name, str) or not name:
        raise ValueError(f"a node name must be a non-empty string, got {name!r}")


# --8<-- [start:lamport]
class LamportClock:
    """One counter per node: tick on every event, jump past any stamp received."""

    def __init__(self) -> None:
        self.time = 0

    def tick(self) -> int:
        """A local event or a send: the next timestamp."""
        self.time += 1
        return self.time

    def receive(self, stamp: int) -> int:
        """A receive: later than everything this node or the sender had seen."""
        if isinstance(stamp, bool) or not isinstance(stamp, int) or stamp < 0:
            raise ValueError(f"a Lamport stamp is a non-negative int, got {stamp!r}")
        self.time = max(self.time, stamp) + 1
        return self.time


# --8<-- [end:lamport]


# --8<-- [start:vector]
@dataclass(frozen=True)
class VectorClock:
    """How many events of each node this event has seen (missing entries are 0)."""

    counts: tuple[tuple[str, int], ...] = ()

    @classmethod
    def of(cls, counts: Mapping[str, int]) -> VectorClock:
        for name, count in counts.items():
            _check_name(name)
            if isinstance(count, bool) or not isinstance(count, int) or count < 0:
                raise ValueError(
                    f"{name}: a count is a non-negative int, got {count!r}"
                )
        return cls(tuple(sorted((n, c) for n, c in counts.items() if c)))

    def __getitem__(self, name: str) -> int:
        return dict(self.counts).get(name, 0)

    def tick(self, name: str) -> VectorClock:
        """The clock after one more event at `name`."""
        _check_name(name)
        counts = dict(self.counts)
        counts[name] = counts.get(name, 0) + 1
        return VectorClock.of(counts)

    def merge(self, other: VectorClock) -> VectorClock:
        """Entry-wise maximum: everything either clock has seen."""
        counts = dict(self.counts)
        for name, count in other.counts:
            counts[name] = max(counts.get(name, 0), count)
        return VectorClock.of(counts)

    def compare(self, other: VectorClock) -> str:
        """'before', 'after', 'equal' or 'concurrent'."""
        names = {n for n, _ in self.counts} | {n for n, _ in other.counts}
        le = all(self[n] <= other[n] for n in names)
        ge = all(self[n] >= other[n] for n in names)
        if le and ge:
            return "equal"
        if le:
            return "before"
        if ge:
            return "after"
        return "concurrent"

    def __str__(self) -> str:
        return "{" + ", ".join(f"{n}:{c}" for n, c in self.counts) + "}"


# --8<-- [end:vector]


@dataclass(frozen=True)
class Message:
    """What a send carries: both stamps of the sending event."""

    sender: str
    lamport: int
    vector: VectorClock


@dataclass(frozen=True)
class Event:
    node: str
    label: str
    lamport: int
    vector: VectorClock


# --8<-- [start:node]
class Node:
    """A process that stamps each of its events with both clocks."""

    def __init__(self, name: str) -> None:
        _check_name(name)
        self.name = name
        self.lamport = LamportClock()
        self.vector = VectorClock()
        self.events: list[Event] = []

    def local(self, label: str) -> Event:
        return self._record(label, self.lamport.tick())

    def send(self, label: str) -> tuple[Event, Message]:
        event = self.local(label)
        return event, Message(self.name, event.lamport, event.vector)

    def receive(self, label: str, message: Message) -> Event:
        if message.sender == self.name:
            raise ValueError(f"{self.name} cannot receive its own message")
        self.vector = self.vector.merge(message.vector)
        return self._record(label, self.lamport.receive(message.lamport))

    def _record(self, label: str, stamp: int) -> Event:
        self.vector = self.vector.tick(self.name)
        event = Event(self.name, label, stamp, self.vector)
        self.events.append(event)
        return event


# --8<-- [end:node]


# --8<-- [start:replica]
@dataclass(frozen=True)
class Version:
    value: str
    clock: VectorClock


@dataclass
class Replica:
    """A key-value replica that keeps every version no other version supersedes."""

    name: str
    versions: dict[str, list[Version]] = field(default_factory=dict)

    def get(self, key: str) -> tuple[list[str], VectorClock]:
        """The sibling values, and a context that has seen all of them."""
        siblings = self.versions.get(key, [])
        context = VectorClock()
        for version in siblings:
            context = context.merge(version.clock)
        return sorted(v.value for v in siblings), context

    def store(self, key: str, version: Version) -> None:
        """Keep `version` unless a kept one supersedes it; drop what it supersedes."""
        kept = []
        for old in self.versions.get(key, []):
            order = old.clock.compare(version.clock)
            if order == "equal" and old.value != version.value:
                raise ValueError(f"two values share the clock {version.clock}")
            if order in ("after", "equal"):
                return  # already have this version or a newer one
            if order == "concurrent":
                kept.append(old)
        self.versions[key] = [*kept, version]

    def sync_from(self, other: Replica) -> None:
        """Anti-entropy: take every version the other replica holds."""
        for key, versions in other.versions.items():
            for version in versions:
                self.store(key, version)


class Client:
    """A writer: it ticks its own entry, on top of everything it has read."""

    def __init__(self, name: str) -> None:
        _check_name(name)
        self.name = name
        self.context: dict[str, VectorClock] = {}

    def get(self, replica: Replica, key: str) -> list[str]:
        values, context = replica.get(key)
        self.context[key] = self.context.get(key, VectorClock()).merge(context)
        return values

    def put(self, replica: Replica, key: str, value: str) -> VectorClock:
        clock = self.context.get(key, VectorClock()).tick(self.name)
        replica.store(key, Version(value, clock))
        self.context[key] = clock
        return clock


# --8<-- [end:replica]
