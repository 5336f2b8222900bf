"""The two-account table most anomaly examples share, and a way to read it."""

from __future__ import annotations

import psycopg

# A CHECK constraint turns "no overdraft" into something the database enforces.
ACCOUNTS_SQL = """
CREATE TABLE accounts (
    id      integer PRIMARY KEY,
    owner   text    NOT NULL,
    balance integer NOT NULL CHECK (balance >= 0)
);
INSERT INTO accounts (id, owner, balance) VALUES (1, 'alice', 100), (2, 'bob', 100);
"""


def balance(session: psycopg.Connection, account_id: int) -> int:
    """The balance of one account as `session` sees it right now."""
    row = session.execute(
        "SELECT balance FROM accounts WHERE id = %s", (account_id,)
    ).fetchone()
    if row is None:
        raise LookupError(f"no account {account_id}")
    return int(row[0])
