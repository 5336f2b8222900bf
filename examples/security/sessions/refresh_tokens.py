"""Refresh tokens: opaque, stored hashed, rotated on every use, reuse revokes all.

Each login starts a *family*. Every refresh spends the presented token and
returns the next one in the family. A token spent twice means two parties hold
it (the user and a thief), and the server cannot tell which is which, so the
whole family is revoked: both must log in again, and only one of them can.
"""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
import threading
from dataclasses import dataclass

from examples.machine_coding.clock import Clock, system_clock

SCHEMA = """
CREATE TABLE IF NOT EXISTS refresh_families (
    family_id  TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL,
    expires_at REAL NOT NULL,              -- absolute: re-login after this
    revoked    INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS refresh_tokens (
    token_hash BLOB PRIMARY KEY,           -- SHA-256 of the token, never the token
    family_id  TEXT NOT NULL REFERENCES refresh_families (family_id),
    expires_at REAL NOT NULL,              -- idle: unused for this long, dead
    used_at    REAL                        -- NULL until spent
);
"""


class RefreshError(Exception):
    """The token is unknown, expired or revoked: log in again."""


class ReuseDetected(RefreshError):
    """An already-spent token came back; its family is now revoked."""


@dataclass(frozen=True)
class Refreshed:
    user_id: int
    refresh_token: str


def connect(path: str = ":memory:") -> sqlite3.Connection:
    # Autocommit mode, so `BEGIN IMMEDIATE` below is ours to issue; a busy
    # timeout, so a writer on another connection waits instead of failing.
    # check_same_thread=False lets FastAPI's thread pool share it; only the
    # RefreshTokens lock makes that safe (one transaction per connection).
    connection = sqlite3.connect(
        path, isolation_level=None, timeout=5.0, check_same_thread=False
    )
    connection.executescript(SCHEMA)
    return connection


def _digest(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()


# --8<-- [start:rotate]
class RefreshTokens:
    """The refresh-token store over one connection, safe to share by threads.

    A SQLite connection holds one transaction at a time, so the lock lets one
    thread's BEGIN ... COMMIT finish before the next thread's BEGIN. Processes
    (or a per-thread connection each) are kept apart by BEGIN IMMEDIATE.
    """

    def __init__(
        self,
        connection: sqlite3.Connection,
        clock: Clock = system_clock,
        *,
        idle_ttl: float = 14 * 86_400,
        family_ttl: float = 30 * 86_400,
    ) -> None:
        self._db = connection
        self._clock = clock
        self.idle_ttl = idle_ttl
        self.family_ttl = family_ttl
        self._lock = threading.Lock()

    def _add(self, family_id: str, now: float) -> str:
        token = secrets.token_urlsafe(32)
        self._db.execute(
            "INSERT INTO refresh_tokens (token_hash, family_id, expires_at)"
            " VALUES (?, ?, ?)",
            (_digest(token), family_id, now + self.idle_ttl),
        )
        return token

    def issue(self, user_id: int) -> str:
        """At login: a new family and its first token."""
        now = self._clock()
        family_id = secrets.token_urlsafe(16)
        with self._lock:
            return self._issue_locked(user_id, family_id, now)

    def _issue_locked(self, user_id: int, family_id: str, now: float) -> str:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            self._db.execute(
                "INSERT INTO refresh_families (family_id, user_id, expires_at)"
                " VALUES (?, ?, ?)",
                (family_id, user_id, now + self.family_ttl),
            )
            token = self._add(family_id, now)
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")
        return token

    def rotate(self, token: str) -> Refreshed:
        """Spend `token`, return the next one; raise RefreshError if it is no good."""
        now = self._clock()
        with self._lock:
            return self._rotate_transaction(_digest(token), now)

    def _rotate_transaction(self, token_hash: bytes, now: float) -> Refreshed:
        # IMMEDIATE takes the write lock first, so of two concurrent refreshes
        # with one token, the second reads the row only after the first spent it.
        self._db.execute("BEGIN IMMEDIATE")
        try:
            result = self._rotate_locked(token_hash, now)
        except ReuseDetected:
            self._db.execute("COMMIT")  # keep the revocation
            raise
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")
        return result

    def _rotate_locked(self, token_hash: bytes, now: float) -> Refreshed:
        row = self._db.execute(
            "SELECT t.family_id, t.expires_at, t.used_at,"
            "       f.user_id, f.expires_at, f.revoked"
            " FROM refresh_tokens t JOIN refresh_families f USING (family_id)"
            " WHERE t.token_hash = ?",
            (token_hash,),
        ).fetchone()
        if row is None:
            raise RefreshError("unknown refresh token")
        family_id, expires_at, used_at, user_id, family_expires_at, revoked = row
        if used_at is not None:
            self._db.execute(
                "UPDATE refresh_families SET revoked = 1 WHERE family_id = ?",
                (family_id,),
            )
            raise ReuseDetected(
                f"refresh token reused; family of user {user_id} revoked"
            )
        if revoked or now >= expires_at or now >= family_expires_at:
            raise RefreshError("refresh token expired or revoked")
        self._db.execute(
            "UPDATE refresh_tokens SET used_at = ? WHERE token_hash = ?",
            (now, token_hash),
        )
        return Refreshed(user_id, self._add(family_id, now))

    def revoke_user(self, user_id: int) -> None:
        """Logout everywhere, or a password change: every family of the user."""
        with self._lock:
            self._db.execute(
                "UPDATE refresh_families SET revoked = 1 WHERE user_id = ?", (user_id,)
            )


# --8<-- [end:rotate]
