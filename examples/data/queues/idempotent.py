"""An idempotent consumer: a message id is processed at most once, however often it arrives.

At-least-once delivery means the same message can come twice (a consumer
crashed after its work but before its ack, a relay republished). The fix sits
in the consumer: record the message id in the same transaction as the effect.
A second delivery finds the id and changes nothing.
"""

from __future__ import annotations

import json
import sqlite3

MAX_CENTS = 2**63 - 1  # the largest SQLite INTEGER


def parse_credit(body: bytes) -> tuple[str, int]:
    """`(account, cents)` from a JSON body; ValueError for anything else."""
    credit = json.loads(body)  # json.JSONDecodeError is a ValueError
    if not isinstance(credit, dict):
        raise ValueError(f"a credit is a JSON object, not {credit!r}")
    account, cents = credit.get("account"), credit.get("cents")
    if not isinstance(account, str) or not account:
        raise ValueError(f"bad account: {account!r}")
    # `type(...) is int`, not isinstance: bool is an int, and `true` would credit 1 cent.
    if type(cents) is not int or not 0 < cents <= MAX_CENTS:
        raise ValueError(f"bad cents: {cents!r}")
    return account, cents


# --8<-- [start:ledger]
class Ledger:
    """Account balances in SQLite, credited by messages, each message applied once."""

    def __init__(self, path: str = ":memory:") -> None:
        self.connection = sqlite3.connect(path, timeout=5)
        with self.connection:
            self.connection.executescript(
                """
                CREATE TABLE IF NOT EXISTS balances (
                    account TEXT PRIMARY KEY,
                    cents   INTEGER NOT NULL
                ) STRICT;
                CREATE TABLE IF NOT EXISTS processed_messages (
                    message_id TEXT PRIMARY KEY
                ) STRICT;
                """
            )

    def apply(self, message_id: str, body: bytes) -> bool:
        """Credit the account named in `body`; False if `message_id` was already applied."""
        if not message_id:
            raise ValueError("a message without an id cannot be deduplicated")
        account, cents = parse_credit(body)  # raises before anything is written
        with self.connection:  # one transaction: the id and the effect commit together
            claimed = self.connection.execute(
                "INSERT INTO processed_messages (message_id) VALUES (?)"
                " ON CONFLICT (message_id) DO NOTHING",
                (message_id,),
            ).rowcount
            if claimed == 0:
                return False  # seen before: the effect is already in the table
            self.connection.execute(
                "INSERT INTO balances (account, cents) VALUES (?, ?)"
                " ON CONFLICT (account) DO UPDATE SET cents = cents + excluded.cents",
                (account, cents),
            )
        return True

    # --8<-- [end:ledger]

    def balance(self, account: str) -> int:
        """Cents credited to `account` so far."""
        row = self.connection.execute(
            "SELECT cents FROM balances WHERE account = ?", (account,)
        ).fetchone()
        return row[0] if row else 0

    def close(self) -> None:
        """Close the database connection."""
        self.connection.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
