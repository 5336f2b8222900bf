"""store.py: the SQL reads behind the resolvers."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest

from examples.apis.graphql.store import (
    Order,
    User,
    fetch_orders_of_user,
    fetch_orders_of_users,
    fetch_user,
    fetch_users,
    recording_statements,
)
from examples.data.sql_most_orders.database import open_database


@pytest.fixture
def db() -> Iterator[sqlite3.Connection]:
    connection = open_database()
    yield connection
    connection.close()


def test_fetch_user(db: sqlite3.Connection) -> None:
    assert fetch_user(db, 2) == User(2, "Grace")
    assert fetch_user(db, 999) is None


def test_fetch_users_limits_and_orders_by_id(db: sqlite3.Connection) -> None:
    assert [user.id for user in fetch_users(db, 3)] == [1, 2, 3]


def test_fetch_orders_of_user(db: sqlite3.Connection) -> None:
    assert fetch_orders_of_user(db, 3) == [Order(4, 3, 799, "paid"), Order(11, 3, 2050, "paid")]
    assert fetch_orders_of_user(db, 5) == []


def test_batch_results_line_up_with_the_ids_asked_for(db: sqlite3.Connection) -> None:
    ids = [5, 3, 999, 6]
    assert fetch_orders_of_users(db, ids) == [
        [],
        [Order(4, 3, 799, "paid"), Order(11, 3, 2050, "paid")],
        [],
        [Order(8, 6, 8900, "refunded")],
    ]
    assert fetch_orders_of_users(db, []) == []


def test_batch_equals_one_by_one(db: sqlite3.Connection) -> None:
    ids = list(range(1, 7))
    assert fetch_orders_of_users(db, ids) == [fetch_orders_of_user(db, user_id) for user_id in ids]


def test_hostile_looking_ids_are_just_values(db: sqlite3.Connection) -> None:
    with pytest.raises(sqlite3.ProgrammingError):
        fetch_user(db, ["1; DROP TABLE users"])  # type: ignore[arg-type]
    assert fetch_orders_of_users(db, ["1 OR 1=1"]) == [[]]  # type: ignore[list-item]
    assert db.execute("SELECT COUNT(*) FROM users").fetchone() == (6,)


def test_recording_statements_stops_after_the_block(db: sqlite3.Connection) -> None:
    with recording_statements(db) as statements:
        fetch_user(db, 1)
    fetch_user(db, 2)
    assert statements == ["SELECT id, name FROM users WHERE id = 1"]
