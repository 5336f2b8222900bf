"""Other devices catch up by reading the account's journal after their cursor.

The journal numbers are handed out under the account's row lock, so they are
gapless and in commit order: a device that has read up to n has seen every
change numbered n or less, and never needs to look back. A device waits for
the next change with LISTEN, woken by the pg_notify each commit sends on its
shard's one channel, with "account:seq" as the payload.
"""

# requires-server: postgres

from __future__ import annotations

import time
from dataclasses import dataclass

import psycopg
from psycopg import sql


@dataclass(frozen=True)
class Change:
    seq: int
    path: str
    version: int
    op: str  # "put" or "delete"


def changes_since(
    conn: psycopg.Connection, account: int, cursor: int, limit: int = 100
) -> list[Change]:
    """Up to `limit` changes after `cursor`, oldest first."""
    if cursor < 0 or not 1 <= limit <= 1000:
        raise ValueError(
            f"need cursor >= 0 and 1 <= limit <= 1000, got {cursor}, {limit}"
        )
    rows = conn.execute(
        "SELECT seq, path, version, op FROM journal"
        " WHERE account_id = %s AND seq > %s ORDER BY seq LIMIT %s",
        (account, cursor, limit),
    ).fetchall()
    return [Change(*row) for row in rows]


def save_cursor(
    conn: psycopg.Connection, account: int, device: str, cursor: int
) -> None:
    """Remember how far `device` has read; a cursor never moves back."""
    conn.execute(
        "INSERT INTO devices VALUES (%s, %s, %s) ON CONFLICT (account_id, device)"
        " DO UPDATE SET cursor = greatest(devices.cursor, excluded.cursor)",
        (account, device, cursor),
    )


def shard_channel(conn: psycopg.Connection) -> str:
    """The shard's one notification channel (a schema stands for the shard)."""
    return str(conn.execute("SELECT 'journal_' || current_schema()").fetchone()[0])


# --8<-- [start:wait]
def wait_for_changes(
    listener: psycopg.Connection, account: int, cursor: int, timeout: float
) -> list[Change]:
    """A long poll: changes after `cursor`, waiting up to `timeout` s for one.

    LISTEN before reading, so a commit between the read and the wait still
    wakes us. `listener` must be in autocommit mode: notifications arrive
    between transactions.
    """
    if not listener.autocommit:
        raise ValueError("the listening connection must be in autocommit mode")
    if not 0 < timeout <= 60:
        raise ValueError(f"timeout must be in (0, 60] seconds, got {timeout}")
    channel = sql.Identifier(shard_channel(listener))
    deadline = time.monotonic() + timeout
    listener.execute(sql.SQL("LISTEN {}").format(channel))
    try:
        changes = changes_since(listener, account, cursor)
        while not changes and (left := deadline - time.monotonic()) > 0:
            # Wake-ups for other accounts, or for a change already read: wait on.
            # Query after notifies() ends: the generator holds the connection.
            woken = list(listener.notifies(timeout=left, stop_after=1))
            if any(n.payload.split(":")[0] == str(account) for n in woken):
                changes = changes_since(listener, account, cursor)
        return changes
    finally:
        listener.execute(sql.SQL("UNLISTEN {}").format(channel))


# --8<-- [end:wait]
