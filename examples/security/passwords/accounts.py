"""Accounts in SQLite: an email and an Argon2id hash, nothing reversible."""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass

SCHEMA = """
CREATE TABLE IF NOT EXISTS accounts (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
    password_hash TEXT NOT NULL
)
"""


@dataclass(frozen=True)
class Account:
    id: int
    email: str
    password_hash: str


def connect(path: str = ":memory:") -> sqlite3.Connection:
    # FastAPI runs sync routes in a thread pool, hence check_same_thread=False;
    # Accounts' lock keeps those threads' transactions apart.
    connection = sqlite3.connect(path, check_same_thread=False, timeout=5.0)
    connection.execute(SCHEMA)
    return connection


def normalize_email(email: str) -> str:
    return email.strip().lower()


class Accounts:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection
        self._lock = threading.Lock()

    def find(self, email: str) -> Account | None:
        with self._lock:
            row = self._db.execute(
                "SELECT id, email, password_hash FROM accounts WHERE email = ?",
                (normalize_email(email),),
            ).fetchone()
        return Account(*row) if row else None

    def create(self, email: str, password_hash: str) -> Account | None:
        """Insert; None if the email is taken (the caller must not say so)."""
        try:
            with self._lock, self._db:
                cursor = self._db.execute(
                    "INSERT INTO accounts (email, password_hash) VALUES (?, ?)",
                    (normalize_email(email), password_hash),
                )
        except sqlite3.IntegrityError:
            return None
        return Account(
            int(cursor.lastrowid or 0), normalize_email(email), password_hash
        )

    def set_hash(self, account_id: int, password_hash: str) -> None:
        with self._lock, self._db:
            self._db.execute(
                "UPDATE accounts SET password_hash = ? WHERE id = ?",
                (password_hash, account_id),
            )
