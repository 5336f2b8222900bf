"""Users with roles and API tokens, on top of the REST page's UsersStore.

Authentication here is deliberately plain: an opaque bearer token, looked up in
a table. The table keeps only the SHA-256 of each token, so a leaked backup
holds nothing a client could send. (A random 256-bit token needs no slow
password hash: there is nothing to guess.)
"""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
from dataclasses import dataclass

from examples.apis.rest.users_store import (
    EmailTakenError,
    User,
    UsersStore,
    is_email_conflict,
)
from examples.security.authorization.policy import Principal, Role

# ON DELETE CASCADE: deleting a user also ends its role and its tokens, so a
# token can never outlive the account it belongs to.
ACCESS_SCHEMA = """
CREATE TABLE IF NOT EXISTS user_roles (
    user_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    role    TEXT NOT NULL CHECK (role IN ('admin', 'support', 'member'))
);
CREATE TABLE IF NOT EXISTS api_tokens (
    token_sha256 TEXT PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE
);
"""


def connect(path: str = ":memory:") -> sqlite3.Connection:
    """A connection with foreign keys on (SQLite leaves them off by default)."""
    connection = sqlite3.connect(path, check_same_thread=False, timeout=5.0)
    connection.execute("PRAGMA foreign_keys = ON")
    return connection


@dataclass(frozen=True)
class Account:
    """A user as this API shows it: the stored user and its role."""

    id: int
    name: str
    email: str
    role: Role


ACCOUNT_COLUMNS = (
    "SELECT u.id, u.name, u.email, r.role"
    " FROM users AS u JOIN user_roles AS r ON r.user_id = u.id"
)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class AccountsStore(UsersStore):
    """UsersStore plus a role per user and the tokens that act as each user."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        super().__init__(connection)
        with self._lock, self._connection:
            self._connection.executescript(ACCESS_SCHEMA)

    def add_with_role(self, name: str, email: str, role: Role) -> User:
        """A new user holding `role`: both rows in one transaction, or neither."""
        try:
            with self._lock, self._connection:
                cursor = self._connection.execute(
                    "INSERT INTO users (name, email) VALUES (?, ?)", (name, email)
                )
                self._connection.execute(
                    "INSERT INTO user_roles (user_id, role) VALUES (?, ?)",
                    (cursor.lastrowid, role.value),
                )
        except sqlite3.IntegrityError as error:
            if is_email_conflict(error):
                raise EmailTakenError(email) from error
            raise
        assert cursor.lastrowid is not None
        return User(cursor.lastrowid, name, email)

    def update_account(
        self, user_id: int, name: str | None, email: str | None, role: Role | None
    ) -> Account | None:
        """Change the given fields and the role (None keeps each) atomically.

        One transaction: a concurrent DELETE comes before it (None: a 404) or
        after it, never between the UPDATE and the role, where it would fail.
        """
        try:
            with self._lock, self._connection:
                found = self._connection.execute(
                    "UPDATE users SET name = coalesce(?, name),"
                    " email = coalesce(?, email) WHERE id = ? RETURNING id",
                    (name, email, user_id),
                ).fetchall()
                if found and role is not None:
                    self._connection.execute(
                        "UPDATE user_roles SET role = ? WHERE user_id = ?",
                        (role.value, user_id),
                    )
                row = self._connection.execute(
                    ACCOUNT_COLUMNS + " WHERE u.id = ?", (user_id,)
                ).fetchone()
        except sqlite3.IntegrityError as error:
            if is_email_conflict(error):
                raise EmailTakenError(email) from error
            raise
        return Account(row[0], row[1], row[2], Role(row[3])) if row else None

    def set_role(self, user_id: int, role: Role) -> None:
        with self._lock, self._connection:
            self._connection.execute(
                "INSERT INTO user_roles (user_id, role) VALUES (?, ?)"
                " ON CONFLICT (user_id) DO UPDATE SET role = excluded.role",
                (user_id, role.value),
            )

    def account(self, user_id: int) -> Account | None:
        """The user with this id and its role, or None."""
        with self._lock:
            row = self._connection.execute(
                ACCOUNT_COLUMNS + " WHERE u.id = ?", (user_id,)
            ).fetchone()
        return Account(row[0], row[1], row[2], Role(row[3])) if row else None

    def accounts_after(self, after_id: int, limit: int) -> list[Account]:
        """Up to `limit` accounts with an id above `after_id`, in id order."""
        with self._lock:
            rows = self._connection.execute(
                ACCOUNT_COLUMNS + " WHERE u.id > ? ORDER BY u.id LIMIT ?",
                (after_id, limit),
            ).fetchall()
        return [Account(i, name, email, Role(role)) for i, name, email, role in rows]

    def issue_token(self, user_id: int) -> str:
        """A new bearer token for `user_id`; only its digest is stored."""
        token = secrets.token_urlsafe(32)  # 256 bits from the OS CSPRNG
        with self._lock, self._connection:
            self._connection.execute(
                "INSERT INTO api_tokens (token_sha256, user_id) VALUES (?, ?)",
                (_digest(token), user_id),
            )
        return token

    def principal_for(self, token: str) -> Principal | None:
        """Who a token acts as, or None for a token we never issued."""
        # Looking up the digest, not the token, also means response time
        # depends on a hash the caller cannot steer, not on matching prefixes.
        with self._lock:
            row = self._connection.execute(
                "SELECT t.user_id, r.role FROM api_tokens AS t"
                " JOIN user_roles AS r ON r.user_id = t.user_id"
                " WHERE t.token_sha256 = ?",
                (_digest(token),),
            ).fetchone()
        return Principal(row[0], Role(row[1])) if row else None
