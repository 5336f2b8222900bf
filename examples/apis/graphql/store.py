"""Read users and orders from the SQL page's tables, always with bound parameters."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

# The same columns in the same order as the Order dataclass below.
ORDERS_OF_USER_SQL = (
    "SELECT id, user_id, total_cents, status FROM orders WHERE user_id = ? ORDER BY id"
)
# Sorted by user first: with an index on orders(user_id), whose entries end in
# the rowid (id), rows come out of the index in this order and need no sort.
ORDERS_OF_USERS_SQL = (
    "SELECT id, user_id, total_cents, status FROM orders"
    " WHERE user_id IN (SELECT value FROM json_each(?)) ORDER BY user_id, id"
)


@dataclass(frozen=True)
class User:
    """A row of `users`, with only the columns the API exposes."""

    id: int
    name: str


@dataclass(frozen=True)
class Order:
    """A row of `orders`; money stays in integer cents until it is shown."""

    id: int
    user_id: int
    total_cents: int
    status: str


def fetch_user(db: sqlite3.Connection, user_id: int) -> User | None:
    """The user with this id, or None."""
    row = db.execute("SELECT id, name FROM users WHERE id = ?", (user_id,)).fetchone()
    return User(*row) if row else None


def fetch_users(db: sqlite3.Connection, first: int) -> list[User]:
    """The first `first` users in id order."""
    rows = db.execute("SELECT id, name FROM users ORDER BY id LIMIT ?", (first,))
    return [User(*row) for row in rows]


# --8<-- [start:one_user]
def fetch_orders_of_user(db: sqlite3.Connection, user_id: int) -> list[Order]:
    """One user's orders: one query per call, which is what makes N+1."""
    rows = db.execute(ORDERS_OF_USER_SQL, (user_id,))
    return [Order(*row) for row in rows]


# --8<-- [end:one_user]


# --8<-- [start:many_users]
def fetch_orders_of_users(
    db: sqlite3.Connection, user_ids: list[int]
) -> list[list[Order]]:
    """Orders of many users in ONE query; result i belongs to user_ids[i].

    The ids travel as one JSON parameter, so the SQL text never changes and no
    value is pasted into it. (On PostgreSQL: `WHERE user_id = ANY(%s)` with a list.)
    """
    rows = db.execute(ORDERS_OF_USERS_SQL, (json.dumps(user_ids),))
    by_user: dict[int, list[Order]] = {user_id: [] for user_id in user_ids}
    for row in rows:
        by_user[row[1]].append(Order(*row))
    return [by_user[user_id] for user_id in user_ids]


# --8<-- [end:many_users]


# --8<-- [start:recording]
@contextmanager
def recording_statements(db: sqlite3.Connection) -> Iterator[list[str]]:
    """Collect every SQL statement `db` runs inside the block (SQLite's trace hook)."""
    statements: list[str] = []
    db.set_trace_callback(statements.append)
    try:
        yield statements
    finally:
        db.set_trace_callback(None)


# --8<-- [end:recording]
