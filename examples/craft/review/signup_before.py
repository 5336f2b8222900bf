"""Sign-up, revision 1: the pull request as its author first opened it.

Do not copy this file. It is the "before" of the code review page: it has
four defects that the review found, and tests/craft/review/ shows each one
failing here and passing in signup_after.py, the revision that merged.
review_diff.py prints the diff between the two `pr` sections.
"""

from __future__ import annotations

# --8<-- [start:pr]
import logging
import sqlite3
from dataclasses import dataclass

import requests

log = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    id    INTEGER PRIMARY KEY AUTOINCREMENT,
    name  TEXT NOT NULL,
    email TEXT NOT NULL
)
"""


@dataclass(frozen=True)
class User:
    id: int
    name: str
    email: str


class EmailTakenError(Exception):
    pass


class Signup:
    """Create an account and send the welcome email."""

    def __init__(self, db: sqlite3.Connection, mail_url: str) -> None:
        self.db = db
        self.mail_url = mail_url
        self.db.execute(SCHEMA)

    def register(self, name: str, email: str) -> User:
        sql = f"SELECT 1 FROM users WHERE email='{email}'"  # noqa: S608
        if self.db.execute(sql).fetchone():
            raise EmailTakenError(email)
        insert = "INSERT INTO users (name, email) VALUES (?, ?)"
        cursor = self.db.execute(insert, (name, email))
        self.db.commit()
        user = User(cursor.lastrowid, name, email)
        try:
            self.send_welcome(user)
        except Exception:
            log.debug("welcome email failed")
        return user

    def send_welcome(self, user: User) -> None:
        res = requests.post(  # noqa: S113
            self.mail_url, json={"to": user.email, "name": user.name}
        )
        res.raise_for_status()


# --8<-- [end:pr]
