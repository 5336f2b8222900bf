"""Shared by the ledger tests: accounts funded from an outside account, and counts."""

from __future__ import annotations

import psycopg

from examples.system_design.payments.ledger import open_account, transfer

CUSTOMERS = ["a", "b", "c", "d"]  # may not go negative
WORKERS = 8


def fund(db: psycopg.Connection, initial: dict[str, int]) -> None:
    """Open "world" (may go negative) and each named account, funded from world."""
    open_account(db, "world", "USD", allow_negative=True)
    for name, amount in initial.items():
        open_account(db, name, "USD", allow_negative=False)
        if amount:
            transfer(db, "world", name, amount, "USD", reference=f"fund-{name}")


def entry_count(db: psycopg.Connection) -> int:
    row = db.execute("SELECT count(*) FROM journal_entries").fetchone()
    return int(row[0]) if row else -1


def wipe(db: psycopg.Connection, tables: str) -> None:
    """Empty `tables` between examples. The ledger refuses TRUNCATE, so the test,
    a superuser here, turns triggers off for one statement: exactly the bypass
    that production removes by not letting the app connect as owner."""
    with db.transaction():
        db.execute("SET LOCAL session_replication_role = replica")
        db.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
