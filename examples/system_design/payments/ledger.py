"""A double-entry ledger on PostgreSQL: accounts, entries, postings, transfers.

The rules live in the database (schema.LEDGER): every entry's postings sum to
zero, balances come only from postings, an account that may not go negative
never does. A transfer needs no explicit lock to be correct: each posting's
`balance = balance + amount` is one atomic update of the row, the CHECK runs
on the row it produces, and post_entry writes postings in account-id order so
two entries never deadlock. Explicit locks matter where the app reads a
balance and decides in code (payouts.py). Four strategies, compared in
benchmarks/system_design/payments.py:

- NO_LOCK: READ COMMITTED, no explicit locks: the atomic update does the work.
- LOCK_ORDER: READ COMMITTED; lock both account rows in id order first. Two
  transfers that touch the same accounts queue up; they never deadlock.
- REQUEST_ORDER: the same, but locks in the order the request names them. A
  transfer a->b and one b->a can each hold one lock and wait for the other:
  PostgreSQL detects the deadlock after deadlock_timeout (1 s by default) and
  aborts one with 40P01, which the retry helper runs again.
- SERIALIZABLE: no explicit locks; SERIALIZABLE isolation aborts a transfer
  that raced another on the same row (40001), and the helper retries it.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

import psycopg

from examples.data.transactions.retry import run_transaction
from examples.system_design.payments.money import check_currency


class LockStrategy(StrEnum):
    NO_LOCK = "no explicit lock"
    LOCK_ORDER = "lock order"
    REQUEST_ORDER = "request order"
    SERIALIZABLE = "serializable"


class InsufficientFundsError(Exception):
    """The transfer would take an account below zero that may not go there."""


class UnknownAccountError(LookupError):
    """No account has this id."""


@dataclass(frozen=True)
class TransferResult:
    entry_id: int
    attempts: int  # 1 unless the database aborted an attempt and it was retried


def open_account(
    conn: psycopg.Connection, account_id: str, currency: str, *, allow_negative: bool
) -> None:
    """Create the account if it does not exist yet (balance 0).

    No conflict target: two sessions opening the same account at once can
    collide on either unique index (id, or id and currency), and both mean
    "it exists". An existing account in another currency is an error.
    """
    conn.execute(
        "INSERT INTO accounts (id, currency, allow_negative) VALUES (%s, %s, %s)"
        " ON CONFLICT DO NOTHING",
        (account_id, check_currency(currency), allow_negative),
    )
    row = conn.execute(
        "SELECT currency FROM accounts WHERE id = %s", (account_id,)
    ).fetchone()
    if row is not None and row[0] != currency:
        raise ValueError(f"account {account_id!r} exists in {row[0]}, not {currency}")


# --8<-- [start:post_entry]
def post_entry(
    conn: psycopg.Connection,
    kind: str,
    reference: str,
    currency: str,
    postings: Mapping[str, int],
) -> int:
    """Write one journal entry and its postings inside the caller's transaction.

    Postings go in account-id order, so every writer in the system updates
    balances in the same order. The database checks the sum at COMMIT.
    """
    for account, amount in postings.items():
        if type(amount) is not int or amount == 0:
            raise ValueError(f"posting to {account}: {amount!r} is not a non-zero int")
    row = conn.execute(
        "INSERT INTO journal_entries (kind, reference) VALUES (%s, %s) RETURNING id",
        (kind, reference),
    ).fetchone()
    assert row is not None  # INSERT ... RETURNING returns the row it inserted
    accounts = sorted(postings)
    conn.execute(
        "INSERT INTO postings (entry_id, account_id, currency, amount)"
        " SELECT %s, account, %s, amount"
        " FROM unnest(%s::text[], %s::bigint[]) WITH ORDINALITY AS p (account, amount, n)"
        " ORDER BY n",  # rows go in, and lock their accounts, in this order
        (row[0], currency, accounts, [postings[a] for a in accounts]),
    )
    return int(row[0])


# --8<-- [end:post_entry]


# --8<-- [start:transfer]
def lock_accounts(
    conn: psycopg.Connection, account_ids: Iterable[str], *, ordered: bool
) -> None:
    """Lock each account row, one statement each: in id order, or as given."""
    ids = sorted(set(account_ids)) if ordered else list(account_ids)
    for account_id in ids:
        found = conn.execute(
            "SELECT 1 FROM accounts WHERE id = %s FOR UPDATE", (account_id,)
        ).fetchone()
        if found is None:
            raise UnknownAccountError(f"there is no account {account_id!r}")


def transfer(
    conn: psycopg.Connection,
    source: str,
    target: str,
    amount: int,
    currency: str,
    *,
    reference: str,
    strategy: LockStrategy = LockStrategy.LOCK_ORDER,
    attempts: int = 10,
    rng: random.Random | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> TransferResult:
    """Move `amount` minor units from `source` to `target` as one journal entry."""
    if source == target:
        raise ValueError("a transfer needs two different accounts")
    if type(amount) is not int or amount <= 0:
        raise ValueError(f"amount must be a positive int of minor units: {amount!r}")
    tries = 0

    def work(session: psycopg.Connection) -> int:
        nonlocal tries
        tries += 1
        if strategy is LockStrategy.SERIALIZABLE:
            session.execute("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE")
        elif strategy is not LockStrategy.NO_LOCK:
            ordered = strategy is LockStrategy.LOCK_ORDER
            lock_accounts(session, [source, target], ordered=ordered)
        postings = {source: -amount, target: amount}
        return post_entry(session, "transfer", reference, currency, postings)

    try:
        entry = run_transaction(conn, work, attempts=attempts, rng=rng, sleep=sleep)
    except psycopg.errors.CheckViolation as error:
        if error.diag.constraint_name == "no_overdraft":
            raise InsufficientFundsError(f"{source} cannot pay {amount}") from error
        raise
    except psycopg.errors.ForeignKeyViolation as error:  # no lock was taken first
        raise UnknownAccountError(str(error.diag.message_detail)) from error
    return TransferResult(entry, tries)


# --8<-- [end:transfer]


def balances(conn: psycopg.Connection) -> dict[str, int]:
    """Each account's balance as the accounts table holds it."""
    rows = conn.execute("SELECT id, balance FROM accounts ORDER BY id").fetchall()
    return {account: int(balance) for account, balance in rows}


# --8<-- [start:audit]
def audit(conn: psycopg.Connection) -> dict[str, object]:
    """The checks an auditor runs: totals, stored vs derived balances, overdrafts."""
    totals = conn.execute(
        "SELECT currency, sum(balance)::bigint FROM accounts GROUP BY currency"
        " ORDER BY currency"
    ).fetchall()
    drifted = conn.execute(
        "SELECT count(*) FROM accounts a WHERE a.balance <> (SELECT"
        " coalesce(sum(amount), 0) FROM postings p WHERE p.account_id = a.id)"
    ).fetchone()
    overdrawn = conn.execute(
        "SELECT count(*) FROM accounts WHERE NOT allow_negative AND balance < 0"
    ).fetchone()
    return {
        "sum per currency": dict(totals),
        "drifted": drifted[0] if drifted else None,  # balance != sum of postings
        "overdrawn": overdrawn[0] if overdrawn else None,
    }


# --8<-- [end:audit]
