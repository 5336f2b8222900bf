"""Read from a lagging replica without breaking read-your-writes or monotonic reads.

Two routers over one primary and one streaming replica:

- StickyPrimaryRouter sends a session's reads to the primary for a fixed
  window after that session wrote. Simple; wrong whenever lag exceeds the window.
- LsnRouter gives the session a token, the WAL position of what it has
  written or already seen. A read goes to the replica only once the replica
  has applied WAL up to that token; otherwise the router waits (bounded) and
  then reads from the primary.

Tokens come from pg_current_wal_lsn(), the point up to which the primary has
written WAL. A commit made at synchronous_commit `local` or above (the
default) is written before anyone can see it, so a token taken after it
covers it. A commit made with `off`, by this client or by any other whose rows
a primary read returns, is visible before its WAL is written and can lie
past the token.
"""

# requires-server: postgres-pair

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import total_ordering
from typing import Any

import psycopg
from psycopg.abc import Query

_LSN = re.compile(r"\A([0-9A-Fa-f]{1,8})/([0-9A-Fa-f]{1,8})\Z")


# --8<-- [start:lsn]
@total_ordering
@dataclass(frozen=True)
class Lsn:
    """A WAL position, PostgreSQL's pg_lsn: a 64-bit byte offset written as X/Y."""

    value: int

    def __post_init__(self) -> None:
        if isinstance(self.value, bool) or not isinstance(self.value, int):
            raise TypeError(f"an LSN is an int, not {type(self.value).__name__}")
        if not 0 <= self.value < 2**64:
            raise ValueError(f"an LSN is 0 to 2**64 - 1, not {self.value}")

    @classmethod
    def parse(cls, text: str) -> Lsn:
        """Read PostgreSQL's text form, for example '0/3000148'."""
        if not isinstance(text, str):
            raise TypeError(f"an LSN's text is a str, not {type(text).__name__}")
        match = _LSN.match(text)
        if match is None:
            raise ValueError(f"not an LSN (two hex numbers X/Y): {text!r}")
        high, low = (int(part, 16) for part in match.groups())
        return cls(high << 32 | low)

    def __str__(self) -> str:
        return f"{self.value >> 32:X}/{self.value & 0xFFFFFFFF:X}"

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Lsn):
            return NotImplemented
        return self.value < other.value


# --8<-- [end:lsn]


class Source(StrEnum):
    PRIMARY = "primary"
    REPLICA = "replica"


@dataclass(frozen=True)
class Read:
    """Rows, the server that gave them, and a WAL position they include."""

    rows: list[tuple[Any, ...]]
    source: Source
    position: Lsn


# --8<-- [start:session]
@dataclass
class Session:
    """What one client carries from request to request (a cookie, a header).

    `token` is the newest WAL position the client has written or read; a
    server that has applied less would show it the past. `last_write_at` is
    when it last wrote, by the router's clock.
    """

    token: Lsn | None = None
    last_write_at: float | None = None

    def saw(self, position: Lsn) -> None:
        """Remember a position the client has written or read; tokens only grow."""
        if self.token is None or position > self.token:
            self.token = position


# --8<-- [end:session]


@dataclass
class _Router:
    primary: psycopg.Connection
    replica: psycopg.Connection
    clock: Callable[[], float] = field(default=time.monotonic, kw_only=True)

    def __post_init__(self) -> None:
        for name in ("primary", "replica"):
            conn = getattr(self, name)
            if not isinstance(conn, psycopg.Connection):
                raise TypeError(f"{name} must be a psycopg.Connection")
            if not conn.autocommit:
                # A token is only meaningful once the write has committed.
                raise ValueError(f"{name} must be an autocommit connection")

    def write(self, session: Session, query: Query, params: Sequence[Any] = ()) -> int:
        """Run one write in its own transaction on the primary; return the rowcount."""
        with self.primary.transaction():
            rowcount = self.primary.execute(query, params).rowcount
        # COMMIT has returned, so at `local` or above its record is written out:
        # pg_current_wal_lsn() is at or past it.
        session.saw(self._primary_position())
        session.last_write_at = self.clock()
        return rowcount

    def _primary_position(self) -> Lsn:
        row = self.primary.execute("SELECT pg_current_wal_lsn()::text").fetchone()
        assert row is not None
        return Lsn.parse(row[0])

    def _replica_position(self) -> Lsn:
        row = self.replica.execute("SELECT pg_last_wal_replay_lsn()::text").fetchone()
        if row is None or row[0] is None:
            raise RuntimeError("the replica is not a standby (no replay position)")
        return Lsn.parse(row[0])

    def _from_primary(self, query: Query, params: Sequence[Any]) -> Read:
        rows = self.primary.execute(query, params).fetchall()
        return Read(rows, Source.PRIMARY, self._primary_position())

    def _from_replica(self, query: Query, params: Sequence[Any]) -> Read:
        rows = self.replica.execute(query, params).fetchall()
        # Taken after the query: its snapshot is at most this fresh, so a later
        # read that demands this position never sees less than this one did.
        return Read(rows, Source.REPLICA, self._replica_position())


# --8<-- [start:sticky]
@dataclass
class StickyPrimaryRouter(_Router):
    """Reads go to the primary for `window` seconds after the session's last write."""

    window: float = field(default=5.0, kw_only=True)

    def __post_init__(self) -> None:
        super().__post_init__()
        if not self.window > 0:
            raise ValueError(f"window must be > 0 seconds, not {self.window}")

    def read(self, session: Session, query: Query, params: Sequence[Any] = ()) -> Read:
        """Read from the primary if the session wrote within the window, else the replica."""
        wrote = session.last_write_at
        if wrote is not None and self.clock() - wrote < self.window:
            return self._from_primary(query, params)
        return self._from_replica(query, params)


# --8<-- [end:sticky]


# --8<-- [start:lsn_router]
@dataclass
class LsnRouter(_Router):
    """Reads go to the replica once it has applied the session's token.

    Waits up to `max_wait` seconds for the replica to catch up, polling every
    `poll_interval`, then reads from the primary. An unreachable replica also
    falls back to the primary. Every read moves the token forward, so the
    session's reads are monotonic as well as reading its own writes.

    The position check and the query must reach the same server, so both go
    over the one replica connection (a pool or load balancer in front of
    several replicas could send them to two). One router per thread.
    """

    max_wait: float = field(default=0.05, kw_only=True)
    poll_interval: float = field(default=0.005, kw_only=True)
    sleep: Callable[[float], None] = field(default=time.sleep, kw_only=True)

    def __post_init__(self) -> None:
        super().__post_init__()
        if not self.max_wait >= 0:
            raise ValueError(f"max_wait must be >= 0 seconds, not {self.max_wait}")
        if not self.poll_interval > 0:
            raise ValueError(f"poll_interval must be > 0, not {self.poll_interval}")

    def read(self, session: Session, query: Query, params: Sequence[Any] = ()) -> Read:
        """Read from the replica if it is fresh enough for the session, else the primary."""
        try:
            if self._replica_has(session.token):
                result = self._from_replica(query, params)
                session.saw(result.position)
                return result
        except psycopg.OperationalError:
            pass  # replica down or unreachable: the primary can always answer
        result = self._from_primary(query, params)
        session.saw(result.position)
        return result

    def _replica_has(self, token: Lsn | None) -> bool:
        if token is None:
            return True  # nothing written or seen yet: any server will do
        deadline = self.clock() + self.max_wait
        while self._replica_position() < token:
            if self.clock() >= deadline:
                return False
            self.sleep(self.poll_interval)
        return True


# --8<-- [end:lsn_router]
