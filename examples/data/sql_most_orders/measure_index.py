"""How much work an index on orders(user_id) saves, measured without a clock.

Wall-clock timings change from run to run and machine to machine. SQLite's
progress handler is called about every N virtual-machine instructions; with
N = 1, counting the calls counts the instructions a query runs. The same
database, query and SQLite build always give the same count.
"""

from __future__ import annotations

import math
import random
import sqlite3
from contextlib import closing
from dataclasses import dataclass

from examples.data.sql_most_orders.database import open_database

# --8<-- [start:query]
ORDERS_OF_USER = "SELECT id, total_cents FROM orders WHERE user_id = ? ORDER BY id"
PLAN_OF_ORDERS_OF_USER = "EXPLAIN QUERY PLAN SELECT id, total_cents FROM orders WHERE user_id = ? ORDER BY id"
# --8<-- [end:query]


@dataclass(frozen=True)
class Measurement:
    """What one run of ORDERS_OF_USER did."""

    plan: str  # EXPLAIN QUERY PLAN details, joined with " / "
    rows: int  # rows returned
    vm_steps: int  # progress-handler calls at N = 1: about one per VM instruction


def build_dataset(users: int, orders: int, seed: int = 7) -> sqlite3.Connection:
    """An in-memory database with `users` users and `orders` orders, spread at random.

    The generator is seeded, so the same arguments always give the same rows.
    """
    if users < 1 or orders < 0:
        raise ValueError("need at least one user and a non-negative number of orders")
    rng = random.Random(seed)
    connection = open_database(with_seed=False)
    with connection:  # one transaction: one commit instead of one per row
        connection.executemany(
            "INSERT INTO users (id, name, email, created_at) VALUES (?, ?, ?, ?)",
            (
                (n, f"user {n}", f"user{n}@example.com", "2024-01-01T00:00:00Z")
                for n in range(1, users + 1)
            ),
        )
        connection.executemany(
            "INSERT INTO orders (id, user_id, total_cents, status, placed_at)"
            " VALUES (?, ?, ?, 'paid', '2024-04-01T00:00:00Z')",
            (
                (n, rng.randint(1, users), rng.randint(100, 50_000))
                for n in range(1, orders + 1)
            ),
        )
    return connection


# --8<-- [start:measure]
def measure(connection: sqlite3.Connection, user_id: int) -> Measurement:
    """Run ORDERS_OF_USER once and count the VM instructions it took."""
    plan = connection.execute(PLAN_OF_ORDERS_OF_USER, (user_id,)).fetchall()
    steps = 0

    def count_step() -> int:
        nonlocal steps
        steps += 1
        return 0  # 0 means "keep going"; anything else would abort the query

    # N = 1: one call per instruction. SQLite makes the calls at its loop and
    # jump points and catches up there, so the count tracks the instructions run.
    connection.set_progress_handler(count_step, 1)
    try:
        rows = connection.execute(ORDERS_OF_USER, (user_id,)).fetchall()
    finally:
        connection.set_progress_handler(None, 1)
    return Measurement(" / ".join(row[3] for row in plan), len(rows), steps)


# --8<-- [end:measure]


def create_user_id_index(connection: sqlite3.Connection) -> None:
    """The index the page argues for."""
    connection.execute("CREATE INDEX orders_user_id_idx ON orders (user_id)")


def order_of_magnitude(ratio: float) -> int:
    """The largest power of ten not above `ratio`: 390.2 -> 100."""
    return 10 ** max(0, math.floor(math.log10(ratio))) if ratio >= 1 else 1


def verdict(scan_steps: int, search_steps: int) -> str:
    """One line comparing the two counts; from 10x up, rounded down to a power of ten.

    Rounding down keeps the line true on other SQLite builds, whose counts
    differ by a few instructions.
    """
    if search_steps >= scan_steps:
        return "the index did more work than the scan"
    ratio = scan_steps / search_steps
    if ratio < 10:
        return f"the index did {ratio:.1f}x less work"
    return f"the index did at least {order_of_magnitude(ratio):,}x less work"


# --8<-- [start:report]
def report(users: int, orders: int, user_id: int = 42) -> str:
    """Measure one user's orders query without and then with the index."""
    if orders < 1:
        raise ValueError("need at least one order to compare a scan with a search")
    with closing(build_dataset(users, orders)) as db:
        before = measure(db, user_id)
        create_user_id_index(db)
        after = measure(db, user_id)
    assert before.rows == after.rows  # same answer, different route
    return "\n".join(
        [
            f"{orders:,} orders in the table, {after.rows} of them user {user_id}'s",
            f"before: {before.plan}",
            f"  {before.vm_steps / orders:.0f} steps per order in the table",
            f"after: {after.plan}",
            f"  {after.vm_steps / max(after.rows, 1):.0f} steps per order returned",
            verdict(before.vm_steps, after.vm_steps),
        ]
    )


# --8<-- [end:report]

if __name__ == "__main__":
    # --8<-- [start:demo]
    print(report(users=1_000, orders=10_000))
    """
    10,000 orders in the table, 11 of them user 42's
    before: SCAN orders
      3 steps per order in the table
    after: SEARCH orders USING INDEX orders_user_id_idx (user_id=?)
      7 steps per order returned
    the index did at least 100x less work
    """
    print(report(users=4_000, orders=40_000))
    """
    40,000 orders in the table, 6 of them user 42's
    before: SCAN orders
      3 steps per order in the table
    after: SEARCH orders USING INDEX orders_user_id_idx (user_id=?)
      8 steps per order returned
    the index did at least 1,000x less work
    """
    # --8<-- [end:demo]
