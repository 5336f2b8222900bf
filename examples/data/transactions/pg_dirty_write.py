"""Dirty write on PostgreSQL: prevented at every level, by row locks.

A sale writes two rows: the listing's buyer and the invoice's recipient. If B
could overwrite A's uncommitted listing row, the car could end up sold to bob
and invoiced to alice. Instead B's first write waits until A commits. Under
READ COMMITTED it then overwrites both rows, so the last sale wins whole;
under REPEATABLE READ and SERIALIZABLE it fails with 40001 instead.
"""

# requires-server: postgres

from __future__ import annotations

import psycopg
from psycopg import IsolationLevel

from examples.data.transactions.lock_wait import run_blocked_step
from examples.data.transactions.pg_sessions import begin, level_name, two_sessions

SALES_SQL = """
CREATE TABLE listings (car text PRIMARY KEY, buyer text);
CREATE TABLE invoices (car text PRIMARY KEY, recipient text);
INSERT INTO listings VALUES ('car-1', NULL);
INSERT INTO invoices VALUES ('car-1', NULL);
"""
SET_BUYER = "UPDATE listings SET buyer = %s WHERE car = 'car-1'"
SET_RECIPIENT = "UPDATE invoices SET recipient = %s WHERE car = 'car-1'"
SALE = (
    "SELECT l.buyer, i.recipient FROM listings l JOIN invoices i USING (car)"
    " WHERE car = 'car-1'"
)


# --8<-- [start:steps]
def both_buy(level: IsolationLevel, dsn: str | None = None) -> tuple[tuple, str]:
    """A sells the car to alice, B to bob, interleaved. Returns (sale, B's fate).

    Raises StepDidNotBlockError if B's first write did not wait for A.
    """
    with two_sessions(SALES_SQL, dsn) as s:
        begin(s.a, level)
        begin(s.b, level)
        s.a.execute(SET_BUYER, ("alice",))  # 1. A writes the listing, no commit

        def b_writes_listing() -> str:  # 2. B writes the same row: it waits
            try:
                s.b.execute(SET_BUYER, ("bob",))
            except psycopg.errors.SerializationFailure as error:
                s.b.rollback()
                return f"failed with {error.sqlstate}"
            return "wrote after A"

        def a_finishes() -> None:  # 3. A writes the invoice and commits
            s.a.execute(SET_RECIPIENT, ("alice",))
            s.a.commit()

        fate = run_blocked_step(
            b_writes_listing,
            is_waiting=lambda: s.is_waiting_on_lock(s.b),
            release=a_finishes,
        )
        if fate == "wrote after A":
            s.b.execute(SET_RECIPIENT, ("bob",))  # 4. B writes the invoice
            s.b.commit()
            fate = "committed"
        sale = s.a.execute(SALE).fetchone()
        s.a.commit()
        return sale, fate
        # --8<-- [end:steps]


if __name__ == "__main__":
    # --8<-- [start:run]
    for level in (
        IsolationLevel.READ_COMMITTED,
        IsolationLevel.REPEATABLE_READ,
        IsolationLevel.SERIALIZABLE,
    ):
        (buyer, recipient), fate = both_buy(level)
        sale = f"sold to {buyer}, invoiced to {recipient}"
        print(f"{level_name(level)}: {sale}; B {fate}")
        #> READ COMMITTED: sold to bob, invoiced to bob; B committed
        #> REPEATABLE READ: sold to alice, invoiced to alice; B failed with 40001
        #> SERIALIZABLE: sold to alice, invoiced to alice; B failed with 40001
    # --8<-- [end:run]
