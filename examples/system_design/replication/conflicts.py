"""Two ways a multi-leader system can merge concurrent writes to one key.

Last-writer-wins keeps the write with the larger timestamp and silently drops
the other. A grow-only counter, one of the simplest CRDTs, keeps a count per
leader and merges by taking the larger count for each, so no increment is
lost whatever order the leaders exchange their state in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")


# --8<-- [start:lww]
@dataclass(frozen=True)
class Stamped(Generic[T]):
    """A value with the wall-clock time its leader wrote it, and that leader's name."""

    value: T
    timestamp: float
    leader: str


def lww_merge(a: Stamped[T], b: Stamped[T]) -> Stamped[T]:
    """Last writer wins: the larger timestamp survives (the leader name breaks ties)."""
    return max(a, b, key=lambda s: (s.timestamp, s.leader))


# --8<-- [end:lww]


# --8<-- [start:gcounter]
@dataclass
class GCounter:
    """A grow-only counter: each leader counts its own increments."""

    counts: dict[str, int] = field(default_factory=dict)

    def increment(self, leader: str, by: int = 1) -> None:
        if not isinstance(leader, str) or not leader:
            raise ValueError("leader must be a non-empty name")
        if isinstance(by, bool) or not isinstance(by, int) or by < 1:
            raise ValueError(
                f"a grow-only counter only grows: by must be >= 1, not {by!r}"
            )
        self.counts[leader] = self.counts.get(leader, 0) + by

    @property
    def value(self) -> int:
        return sum(self.counts.values())

    def merge(self, other: GCounter) -> GCounter:
        """Per leader, the larger count: commutative, associative, idempotent."""
        leaders = self.counts.keys() | other.counts.keys()
        return GCounter(
            {k: max(self.counts.get(k, 0), other.counts.get(k, 0)) for k in leaders}
        )


# --8<-- [end:gcounter]


if __name__ == "__main__":
    # --8<-- [start:demo]
    # A post has 10 likes on both leaders. One like arrives at each, concurrently.
    us = Stamped(10 + 1, timestamp=1_000.0, leader="us")
    eu = Stamped(10 + 1, timestamp=1_000.2, leader="eu")
    print("last writer wins:", lww_merge(us, eu).value)
    #> last writer wins: 11
    counter_us, counter_eu = GCounter({"us": 10}), GCounter({"us": 10})
    counter_us.increment("us")
    counter_eu.increment("eu")
    print("grow-only counter:", counter_us.merge(counter_eu).value)
    #> grow-only counter: 12

    # A user changes her email on the US leader, then changes it again on the
    # EU leader 3 s later. The EU host's clock runs 5 s slow.
    first = Stamped("ann@old.example", timestamp=2_000.0, leader="us")
    second = Stamped("ann@new.example", timestamp=2_003.0 - 5.0, leader="eu")
    print("kept:", lww_merge(first, second).value)
    #> kept: ann@old.example
    # --8<-- [end:demo]
