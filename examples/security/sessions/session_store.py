"""Server-side sessions in SQLite: an opaque id, an idle and an absolute timeout.

The browser holds only a random id. Everything else (who is logged in, when,
the CSRF token) stays on the server, so logout and "log out everywhere" are a
DELETE. The table stores a SHA-256 of each id, not the id: a leaked backup or a
read-only SQL injection then yields no live sessions. (A fast hash is right
here, unlike for passwords: the id is 256 random bits, not a guessable word.)
"""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
import threading
from dataclasses import dataclass

from examples.machine_coding.clock import Clock, system_clock

SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    id_hash    BLOB PRIMARY KEY,
    user_id    INTEGER NOT NULL,
    csrf_token TEXT NOT NULL,
    created_at REAL NOT NULL,
    last_seen  REAL NOT NULL
)
"""


@dataclass(frozen=True)
class Session:
    user_id: int
    csrf_token: str


@dataclass(frozen=True)
class NewSession:
    session_id: str  # goes into the cookie, and nowhere else
    csrf_token: str


def connect(path: str = ":memory:") -> sqlite3.Connection:
    # FastAPI runs sync routes in a thread pool; SessionStore's lock makes
    # sharing one connection between those threads safe.
    return sqlite3.connect(path, check_same_thread=False, timeout=5.0)


def _digest(session_id: str) -> bytes:
    return hashlib.sha256(session_id.encode()).digest()


# --8<-- [start:store]
class SessionStore:
    def __init__(
        self,
        connection: sqlite3.Connection,
        clock: Clock = system_clock,
        *,
        idle_timeout: float = 30 * 60,
        absolute_timeout: float = 12 * 60 * 60,
    ) -> None:
        self._db = connection
        self._lock = threading.Lock()  # one transaction at a time on it
        self._clock = clock
        self.idle_timeout = idle_timeout
        self.absolute_timeout = absolute_timeout
        connection.execute(SCHEMA)

    def create(self, user_id: int) -> NewSession:
        # 32 random bytes from the OS CSPRNG: unguessable, and meaningless.
        new = NewSession(secrets.token_urlsafe(32), secrets.token_urlsafe(32))
        now = self._clock()
        with self._lock, self._db:
            self._db.execute(
                "INSERT INTO sessions VALUES (?, ?, ?, ?, ?)",
                (_digest(new.session_id), user_id, new.csrf_token, now, now),
            )
        return new

    def get(self, session_id: str) -> Session | None:
        """The live session for this id, or None; a hit counts as activity."""
        now = self._clock()
        key = _digest(session_id)
        with self._lock:
            return self._get_locked(key, now)

    def _get_locked(self, key: bytes, now: float) -> Session | None:
        row = self._db.execute(
            "SELECT user_id, csrf_token, created_at, last_seen"
            " FROM sessions WHERE id_hash = ?",
            (key,),
        ).fetchone()
        if row is None:
            return None
        user_id, csrf_token, created_at, last_seen = row
        idle = now - last_seen >= self.idle_timeout
        too_old = now - created_at >= self.absolute_timeout
        with self._db:
            if idle or too_old:
                self._db.execute("DELETE FROM sessions WHERE id_hash = ?", (key,))
                return None
            self._db.execute(
                "UPDATE sessions SET last_seen = ? WHERE id_hash = ?", (now, key)
            )
        return Session(user_id, csrf_token)

    def delete(self, session_id: str) -> None:
        with self._lock, self._db:
            self._db.execute(
                "DELETE FROM sessions WHERE id_hash = ?", (_digest(session_id),)
            )

    def delete_for_user(self, user_id: int) -> int:
        """Log out everywhere (password change, stolen laptop): sessions ended."""
        with self._lock, self._db:
            cursor = self._db.execute(
                "DELETE FROM sessions WHERE user_id = ?", (user_id,)
            )
        return cursor.rowcount


# --8<-- [end:store]
