"""Atomicity: a transfer that fails half-way leaves no half-written state.

The transfer credits first and debits second, so a failed debit would leave
free money behind if the credit were not rolled back with it.
"""

# requires-server: postgres

from __future__ import annotations

import psycopg

from examples.data.transactions.accounts import ACCOUNTS_SQL, balance
from examples.data.transactions.pg_sessions import two_sessions


# --8<-- [start:transfer]
def transfer(
    session: psycopg.Connection, from_id: int, to_id: int, amount: int
) -> None:
    """Move `amount` from one account to another: all of it, or nothing."""
    if amount <= 0:
        raise ValueError("amount must be positive")
    if from_id == to_id:
        raise ValueError("cannot transfer to the same account")
    # Inside an open transaction, transaction() would only set a SAVEPOINT and
    # leave the COMMIT to whoever opened it.
    if session.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
        raise RuntimeError("session is already inside a transaction")
    with session.transaction():  # COMMIT on success, ROLLBACK on any exception
        credited = session.execute(
            "UPDATE accounts SET balance = balance + %s WHERE id = %s",
            (amount, to_id),
        )
        if credited.rowcount != 1:
            raise LookupError(f"no account {to_id}")
        # The CHECK (balance >= 0) constraint fails here on an overdraft.
        debited = session.execute(
            "UPDATE accounts SET balance = balance - %s WHERE id = %s",
            (amount, from_id),
        )
        if debited.rowcount != 1:
            raise LookupError(f"no account {from_id}")
    # --8<-- [end:transfer]


if __name__ == "__main__":
    # --8<-- [start:demo]
    with two_sessions(ACCOUNTS_SQL) as sessions:
        db = sessions.a
        db.autocommit = True  # reads commit at once; transfer() opens its own
        transfer(db, from_id=1, to_id=2, amount=30)
        print("after transferring 30:", balance(db, 1), balance(db, 2))
        #> after transferring 30: 70 130
        try:
            transfer(db, from_id=1, to_id=2, amount=500)
        except psycopg.errors.CheckViolation as error:
            print("transfer of 500 failed:", error.sqlstate)
            #> transfer of 500 failed: 23514
        try:
            transfer(db, from_id=1, to_id=99, amount=10)
        except LookupError as error:
            print("transfer to 99 failed:", error)
            #> transfer to 99 failed: no account 99
        print("after the failures:", balance(db, 1), balance(db, 2))
        #> after the failures: 70 130
    # --8<-- [end:demo]
