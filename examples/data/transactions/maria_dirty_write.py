"""Dirty write on MariaDB (InnoDB): prevented at every level, READ UNCOMMITTED too.

The same sale as pg_dirty_write.py: the listing's buyer and the invoice's
recipient must name the same person. InnoDB takes an exclusive row lock for
every UPDATE, whatever the isolation level, so B's first write waits for A's
commit. B then overwrites both rows, so the last sale wins whole. No level
turns this into an error while innodb_snapshot_isolation is OFF.
"""

# requires-server: mariadb

from __future__ import annotations

from examples.data.transactions.lock_wait import run_blocked_step
from examples.data.transactions.maria_sessions import begin, query, two_sessions
from examples.server_settings import MariaDBSettings

SALES_SQL = [
    "CREATE TABLE listings (car VARCHAR(10) PRIMARY KEY, buyer VARCHAR(20))"
    " ENGINE=InnoDB",
    "CREATE TABLE invoices (car VARCHAR(10) PRIMARY KEY, recipient VARCHAR(20))"
    " ENGINE=InnoDB",
    "INSERT INTO listings VALUES ('car-1', NULL)",
    "INSERT INTO invoices VALUES ('car-1', NULL)",
]
SET_BUYER = "UPDATE listings SET buyer = %s WHERE car = 'car-1'"
SET_RECIPIENT = "UPDATE invoices SET recipient = %s WHERE car = 'car-1'"
SALE = (
    "SELECT l.buyer, i.recipient FROM listings l JOIN invoices i USING (car)"
    " WHERE car = 'car-1'"
)


# --8<-- [start:steps]
def both_buy(level: str, *, settings: MariaDBSettings | None = None) -> tuple:
    """A sells the car to alice, B to bob, interleaved. Returns (buyer, recipient).

    Raises StepDidNotBlockError if B's first write did not wait for A.
    """
    with two_sessions(SALES_SQL, settings) as s:
        begin(s.a, level)
        begin(s.b, level)
        query(s.a, SET_BUYER, ("alice",))  # 1. A writes the listing, no commit

        def a_finishes() -> None:  # 3. A writes the invoice and commits
            query(s.a, SET_RECIPIENT, ("alice",))
            s.a.commit()

        run_blocked_step(
            lambda: query(s.b, SET_BUYER, ("bob",)),  # 2. B: same row, waits
            is_waiting=lambda: s.is_waiting_on_lock(s.b),
            release=a_finishes,
            poll_seconds=s.poll_seconds,
        )
        query(s.b, SET_RECIPIENT, ("bob",))  # 4. B writes the invoice
        s.b.commit()
        sale = query(s.a, SALE)[0]
        s.a.commit()
        return sale
        # --8<-- [end:steps]


if __name__ == "__main__":
    # --8<-- [start:run]
    for level in (
        "READ UNCOMMITTED",
        "READ COMMITTED",
        "REPEATABLE READ",
        "SERIALIZABLE",
    ):
        buyer, recipient = both_buy(level)
        print(f"{level}: B waited; sold to {buyer}, invoiced to {recipient}")
        #> READ UNCOMMITTED: B waited; sold to bob, invoiced to bob
        #> READ COMMITTED: B waited; sold to bob, invoiced to bob
        #> REPEATABLE READ: B waited; sold to bob, invoiced to bob
        #> SERIALIZABLE: B waited; sold to bob, invoiced to bob
    # --8<-- [end:run]
