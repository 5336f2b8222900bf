"""A repository for the `users` resource, over the standard library's sqlite3.

The HTTP layer never writes SQL: it calls these methods and turns their results
(a `User`, `None`, an `EmailTakenError`) into status codes. Any other database
error (a NOT NULL or CHECK violation) propagates as the sqlite3 error it is:
the edge validates those rules and more, so one getting here is a bug: a 500.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass

# --8<-- [start:schema]
# AUTOINCREMENT: an id is never reused, so /users/7 can never start pointing at
# someone else after user 7 is deleted.
# The CHECKs repeat the edge's length rules for every other code path.
SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    id    INTEGER PRIMARY KEY AUTOINCREMENT,
    name  TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    email TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(email) <= 254)
)
"""


@dataclass(frozen=True)
class User:
    """One stored user."""

    id: int
    name: str
    email: str


class EmailTakenError(Exception):
    """Another user already has this email address."""


def connect(path: str = ":memory:") -> sqlite3.Connection:
    """Open a database the web server's worker threads may share."""
    # FastAPI runs sync routes in a thread pool, so the connection is used from
    # threads other than the one that opened it; UsersStore serializes access.
    return sqlite3.connect(path, check_same_thread=False, timeout=5.0)


# --8<-- [end:schema]


# --8<-- [start:email_conflict]
def is_email_conflict(error: sqlite3.IntegrityError) -> bool:
    """True only for the UNIQUE constraint on users.email.

    The extended error code (Python 3.11+) tells the kind of constraint apart:
    SQLITE_CONSTRAINT_UNIQUE, not _NOTNULL, _CHECK or _PRIMARYKEY. Only the
    message names the columns, so both are checked; if SQLite ever worded it
    differently, this fails closed (a 500), never a wrong 409.
    """
    return (
        error.sqlite_errorname == "SQLITE_CONSTRAINT_UNIQUE"
        and str(error) == "UNIQUE constraint failed: users.email"
    )


# --8<-- [end:email_conflict]


class UsersStore:
    """Create, read, replace, patch, delete and page through users."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection
        self._lock = threading.Lock()
        with self._lock, self._connection:
            self._connection.execute(SCHEMA)

    # --8<-- [start:add]
    def add(self, name: str, email: str) -> User:
        """Insert a user; raise EmailTakenError if the email is in use."""
        # The UNIQUE constraint decides, not a SELECT beforehand: a check-then-
        # insert lets two concurrent requests both pass the check.
        try:
            with self._lock, self._connection:
                cursor = self._connection.execute(
                    "INSERT INTO users (name, email) VALUES (?, ?)", (name, email)
                )
        except sqlite3.IntegrityError as error:
            if is_email_conflict(error):
                raise EmailTakenError(email) from error
            raise  # NOT NULL, CHECK: the caller's bug, not a conflict
        assert cursor.lastrowid is not None
        return User(cursor.lastrowid, name, email)

    # --8<-- [end:add]

    def get(self, user_id: int) -> User | None:
        """The user with this id, or None."""
        with self._lock:
            row = self._connection.execute(
                "SELECT id, name, email FROM users WHERE id = ?", (user_id,)
            ).fetchone()
        return User(*row) if row else None

    # --8<-- [start:update]
    def update(
        self, user_id: int, *, name: str | None = None, email: str | None = None
    ) -> User | None:
        """Change the given fields (None keeps the stored value) in one statement.

        Returns the updated user, or None if there is no such id. Raises
        EmailTakenError if the new email belongs to someone else; then nothing
        changes.
        """
        try:
            with self._lock, self._connection:
                rows = self._connection.execute(
                    "UPDATE users SET name = coalesce(?, name),"
                    " email = coalesce(?, email)"
                    " WHERE id = ? RETURNING id, name, email",
                    (name, email, user_id),
                ).fetchall()  # drain RETURNING so the commit is not left pending
        except sqlite3.IntegrityError as error:
            if is_email_conflict(error):
                raise EmailTakenError(email) from error
            raise
        return User(*rows[0]) if rows else None

    # --8<-- [end:update]

    def delete(self, user_id: int) -> bool:
        """Remove the user; False if there was none."""
        with self._lock, self._connection:
            cursor = self._connection.execute(
                "DELETE FROM users WHERE id = ?", (user_id,)
            )
        return cursor.rowcount == 1

    # --8<-- [start:list_after]
    def list_after(self, after_id: int, limit: int) -> list[User]:
        """Up to `limit` users with an id above `after_id`, in id order.

        The primary-key index finds the first row directly, so page 1,000 costs
        what page 1 costs: there is no OFFSET that reads and discards rows.
        """
        with self._lock:
            rows = self._connection.execute(
                "SELECT id, name, email FROM users WHERE id > ? ORDER BY id LIMIT ?",
                (after_id, limit),
            ).fetchall()
        return [User(*row) for row in rows]

    # --8<-- [end:list_after]
