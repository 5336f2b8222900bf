"""An append-only event store in SQLite with optimistic concurrency, and a read model.

Each account is a stream of events numbered 1, 2, 3... (its version). An
append says which version it read; if someone appended since, the append is
refused with ConcurrencyError instead of silently building on stale state.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from examples.system_design.streams.account import (
    Command,
    Deposited,
    Event,
    Opened,
    Withdrawn,
    decide,
    decode,
    encode,
    fold,
)


class ConcurrencyError(Exception):
    """An append based on a version that is no longer the latest."""

    def __init__(self, stream_id: str, expected: int, actual: int | str) -> None:
        super().__init__(
            f"stale append to {stream_id}: expected version {expected}, found {actual}"
        )
        self.stream_id, self.expected, self.actual = stream_id, expected, actual


# --8<-- [start:store]
class SqliteEventStore:
    """Events in one table; (stream_id, version) is unique, so history never forks."""

    def __init__(self, path: str = ":memory:") -> None:
        # isolation_level=None: we issue BEGIN IMMEDIATE ourselves, so the version
        # check and the insert hold the write lock together.
        self.connection = sqlite3.connect(path, timeout=5, isolation_level=None)
        self.connection.execute(
            """
            CREATE TABLE IF NOT EXISTS events (
                position  INTEGER PRIMARY KEY AUTOINCREMENT,
                stream_id TEXT    NOT NULL,
                version   INTEGER NOT NULL,
                type      TEXT    NOT NULL,
                body      TEXT    NOT NULL,
                UNIQUE (stream_id, version)
            ) STRICT
            """
        )

    def load(self, stream_id: str) -> tuple[list[Event], int]:
        """The stream's events in order, and its version (0 if it has none)."""
        rows = self.connection.execute(
            "SELECT type, body FROM events WHERE stream_id = ? ORDER BY version",
            (stream_id,),
        ).fetchall()
        return [decode(kind, body) for kind, body in rows], len(rows)

    def append(self, stream_id: str, expected_version: int, event: Event) -> int:
        """Add `event` as version expected_version + 1; ConcurrencyError if stale."""
        if type(expected_version) is not int or expected_version < 0:
            raise ValueError(f"a version is an int >= 0, not {expected_version!r}")
        kind, body = encode(event)
        self.connection.execute("BEGIN IMMEDIATE")
        try:
            (actual,) = self.connection.execute(
                "SELECT count(*) FROM events WHERE stream_id = ?", (stream_id,)
            ).fetchone()
            if actual != expected_version:
                raise ConcurrencyError(stream_id, expected_version, actual)
            self.connection.execute(
                "INSERT INTO events (stream_id, version, type, body)"
                " VALUES (?, ?, ?, ?)",
                (stream_id, expected_version + 1, kind, body),
            )
            self.connection.execute("COMMIT")
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        return expected_version + 1

    # --8<-- [end:store]

    def read_all(self, after: int = 0) -> list[tuple[int, Event]]:
        """Every event of every stream after global `position`, in append order."""
        rows = self.connection.execute(
            "SELECT position, type, body FROM events WHERE position > ?"
            " ORDER BY position",
            (after,),
        ).fetchall()
        return [(position, decode(kind, body)) for position, kind, body in rows]

    def close(self) -> None:
        """Close the database connection."""
        self.connection.close()

    def __enter__(self) -> SqliteEventStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


# --8<-- [start:execute]
def execute(store: SqliteEventStore, command: Command) -> int:
    """Load, decide, append at the version loaded; the new version."""
    events, version = store.load(command.account_id)
    event = decide(fold(events), command)  # DomainError if the rules refuse
    return store.append(command.account_id, version, event)


# --8<-- [end:execute]


# --8<-- [start:projection]
@dataclass
class BalanceView:
    """The read side: one row per account, shaped for the query, not the rules."""

    position: int = 0  # the last event applied: where to resume
    owners: dict[str, str] = field(default_factory=dict)
    balances: dict[str, int] = field(default_factory=dict)
    movements: dict[str, int] = field(default_factory=dict)

    def apply(self, event: Event) -> None:
        """Update the rows for one event."""
        match event:
            case Opened(account_id, owner):
                self.owners[account_id] = owner
                self.balances[account_id] = 0
                self.movements[account_id] = 0
            case Deposited(account_id, cents):
                self.balances[account_id] += cents
                self.movements[account_id] += 1
            case Withdrawn(account_id, cents):
                self.balances[account_id] -= cents
                self.movements[account_id] += 1

    def catch_up(self, store: SqliteEventStore) -> int:
        """Apply every event appended since the last call; how many there were."""
        new = store.read_all(after=self.position)
        for position, event in new:
            self.apply(event)
            self.position = position
        return len(new)

    def rows(self) -> list[tuple[str, str, int, int]]:
        """(owner, account, balance, movements), richest first: what the page shows."""
        return sorted(
            (
                (self.owners[a], a, self.balances[a], self.movements[a])
                for a in self.owners
            ),
            key=lambda row: (-row[2], row[1]),
        )


# --8<-- [end:projection]
