"""The reconciliation queries of the joins page (joins.sql:full, :full_emulated) on cases of our own.

Every row the WHERE keeps must carry a label: before the fix, a payment for a
pending order came back with problem = NULL, and an amount mismatch was not
reported at all.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest

from tests.data.sql_most_orders.sql_sections import SQL_DEPTH, empty_database, statement

JOINS = SQL_DEPTH / "joins.sql"


@pytest.fixture
def shop() -> Iterator[sqlite3.Connection]:
    connection = empty_database(SQL_DEPTH)
    connection.execute("INSERT INTO users (id, name, city) VALUES (1, 'Ada', 'London')")
    yield connection
    connection.close()


def add_order(db: sqlite3.Connection, order_id: int, cents: int, status: str) -> None:
    db.execute(
        "INSERT INTO orders (id, user_id, total_cents, status, placed_on) VALUES (?, 1, ?, ?, '2024-04-01')",
        (order_id, cents, status),
    )


def add_payment(db: sqlite3.Connection, payment_id: int, order_id: int, cents: int) -> None:
    db.execute("INSERT INTO payments (id, order_id, amount_cents) VALUES (?, ?, ?)", (payment_id, order_id, cents))


@pytest.mark.parametrize("section", ["full", "full_emulated"])
def test_every_disagreement_is_reported_with_a_label(shop: sqlite3.Connection, section: str) -> None:
    add_order(shop, 1, 1_000, "paid")  # matches its payment: not reported
    add_payment(shop, 11, 1, 1_000)
    add_order(shop, 2, 1_000, "paid")  # the provider took less
    add_payment(shop, 12, 2, 900)
    add_order(shop, 3, 500, "pending")  # money arrived, order still pending
    add_payment(shop, 13, 3, 500)
    add_order(shop, 4, 700, "refunded")
    add_payment(shop, 14, 4, 700)
    add_order(shop, 5, 300, "paid")  # never paid
    add_payment(shop, 15, 99, 250)  # for an order we never stored
    rows = shop.execute(statement(JOINS, section)).fetchall()
    assert rows == [
        (2, 1_000, 12, 900, "amounts differ"),
        (3, 500, 13, 500, "paid, order not marked paid"),
        (4, 700, 14, 700, "paid, then refunded"),
        (5, 300, None, None, "order never paid"),
        (None, None, 15, 250, "payment for unknown order"),
    ]


@pytest.mark.parametrize("section", ["full", "full_emulated"])
def test_nothing_to_report_when_the_two_sides_agree(shop: sqlite3.Connection, section: str) -> None:
    add_order(shop, 1, 1_000, "paid")
    add_payment(shop, 11, 1, 1_000)
    assert shop.execute(statement(JOINS, section)).fetchall() == []
