"""The ledger's rules, each one tried and refused by the database itself."""

# requires-server: postgres

from __future__ import annotations

import psycopg

from examples.scratch_postgres import connect, scratch_schema
from examples.system_design.payments.ledger import (
    InsufficientFundsError,
    audit,
    balances,
    open_account,
    transfer,
)
from examples.system_design.payments.schema import create_schema


def setup(conn: psycopg.Connection) -> None:
    """The tables, an outside world that funds accounts, and two customers."""
    create_schema(conn)
    open_account(conn, "world", "USD", allow_negative=True)  # money from outside
    for name in ("alice", "bob"):
        open_account(conn, name, "USD", allow_negative=False)
    transfer(conn, "world", "alice", 10_000, "USD", reference="t-0")


if __name__ == "__main__":
    with scratch_schema("ex_ledger") as schema, connect(schema) as conn:
        setup(conn)
        # --8<-- [start:transfer]
        transfer(conn, "alice", "bob", 2_500, "USD", reference="t-1")
        print(balances(conn))
        #> {'alice': 7500, 'bob': 2500, 'world': -10000}
        try:
            transfer(conn, "bob", "alice", 9_000, "USD", reference="t-2")
        except InsufficientFundsError as error:
            print("refused:", error)
            #> refused: bob cannot pay 9000
        # --8<-- [end:transfer]

        # --8<-- [start:unbalanced]
        try:
            with conn.transaction():  # an entry whose postings do not cancel out
                entry = conn.execute(
                    "INSERT INTO journal_entries (kind, reference)"
                    " VALUES ('transfer', 't-3') RETURNING id"
                ).fetchone()[0]
                conn.execute(
                    "INSERT INTO postings VALUES (%s, 'alice', 'USD', -500),"
                    " (%s, 'bob', 'USD', 400)",
                    (entry, entry),
                )
                print("both postings inserted")  # the check waits for COMMIT
                #> both postings inserted
        except psycopg.errors.CheckViolation as error:
            print(error.sqlstate, error.diag.message_primary)
            #> 23514 entry 4 does not balance: USD postings sum to -100
        # --8<-- [end:unbalanced]

        # --8<-- [start:floats]
        conn.execute("CREATE TEMPORARY TABLE cents (amount bigint)")
        conn.execute("INSERT INTO cents VALUES (%s)", (19.99,))  # a float...
        print(conn.execute("SELECT amount FROM cents").fetchone())
        #> (20,)
        # --8<-- [end:floats]

        # --8<-- [start:tamper]
        for statement in (
            "UPDATE accounts SET balance = balance + 1000000 WHERE id = 'bob'",
            "DELETE FROM postings WHERE account_id = 'alice'",
        ):
            try:
                conn.execute(statement)
            except psycopg.errors.CheckViolation as error:
                print(error.diag.message_primary)
                #> a balance changes only through postings
                #> postings is append-only: post a correcting entry
        print(audit(conn))
        #> {'sum per currency': {'USD': 0}, 'drifted': 0, 'overdrawn': 0}
        # --8<-- [end:tamper]
