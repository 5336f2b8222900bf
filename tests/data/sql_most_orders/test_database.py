"""The schema and seed behind the SQL page: constraints hold, the seed has the cases the page needs."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest

from examples.data.sql_most_orders.database import open_database


@pytest.fixture
def db() -> Iterator[sqlite3.Connection]:
    connection = open_database()
    yield connection
    connection.close()


def test_seed_has_a_user_without_orders_and_a_tie(db: sqlite3.Connection) -> None:
    counts = dict(
        db.execute(
            "SELECT u.name, COUNT(o.id) FROM users u LEFT JOIN orders o ON o.user_id = u.id GROUP BY u.id"
        ).fetchall()
    )
    assert counts == {"Ada": 3, "Grace": 4, "Linus": 2, "Barbara": 2, "Ken": 0, "Margaret": 1}


def test_empty_database_has_the_tables_but_no_rows() -> None:
    with open_database(with_seed=False) as db:
        assert db.execute("SELECT COUNT(*) FROM users").fetchone() == (0,)
        assert db.execute("SELECT COUNT(*) FROM orders").fetchone() == (0,)
    db.close()


def test_order_for_a_missing_user_is_rejected(db: sqlite3.Connection) -> None:
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        db.execute("INSERT INTO orders (user_id, total_cents, status, placed_at) VALUES (999, 100, 'paid', 'x')")


def test_deleting_a_user_with_orders_is_rejected_and_nothing_is_lost(db: sqlite3.Connection) -> None:
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        db.execute("DELETE FROM users WHERE id = 2")
    assert db.execute("SELECT COUNT(*) FROM orders WHERE user_id = 2").fetchone() == (4,)


def test_deleting_a_user_without_orders_works(db: sqlite3.Connection) -> None:
    db.execute("DELETE FROM users WHERE id = 5")
    assert db.execute("SELECT COUNT(*) FROM users").fetchone() == (5,)


@pytest.mark.parametrize(
    ("total", "status"),
    [(-1, "paid"), (100, "shipped"), (12.5, "paid"), ("ten", "paid")],
)
def test_bad_order_values_are_rejected(db: sqlite3.Connection, total: object, status: str) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(
            "INSERT INTO orders (user_id, total_cents, status, placed_at) VALUES (1, ?, ?, '2024-05-01T00:00:00Z')",
            (total, status),
        )


def test_emails_are_unique(db: sqlite3.Connection) -> None:
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        db.execute("INSERT INTO users (name, email, created_at) VALUES ('Other Ada', 'ada@example.com', 'x')")


def test_empty_name_is_rejected(db: sqlite3.Connection) -> None:
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        db.execute("INSERT INTO users (name, email, created_at) VALUES ('', 'nobody@example.com', 'x')")
