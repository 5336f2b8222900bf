"""store.py: the SQL reads behind the resolvers."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator

import pytest

from examples.apis.graphql.store import (
    ORDERS_OF_USERS_SQL,
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


def _plan(db: sqlite3.Connection, sql: str, parameter: object) -> list[str]:
    return [row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}", (parameter,))]


def test_the_batched_query_scans_without_the_index_and_searches_with_it(db: sqlite3.Connection) -> None:
    ids = json.dumps([1, 2, 3])
    assert "SCAN orders" in _plan(db, ORDERS_OF_USERS_SQL, ids)
    db.execute("CREATE INDEX orders_user_id_idx ON orders (user_id)")  # the SQL page's index
    plan = _plan(db, ORDERS_OF_USERS_SQL, ids)
    assert "SEARCH orders USING INDEX orders_user_id_idx (user_id=?)" in plan
    assert not any("TEMP B-TREE" in step for step in plan), "rows arrive in index order"
    assert fetch_orders_of_users(db, [3, 1]) == [fetch_orders_of_user(db, 3), fetch_orders_of_user(db, 1)]


def test_the_order_count_answer_is_covered_by_the_index(db: sqlite3.Connection) -> None:
    """The page's 'Try it' answer: COUNT per user from the index alone."""
    db.execute("CREATE INDEX orders_user_id_idx ON orders (user_id)")
    sql = (
        "SELECT user_id, COUNT(*) FROM orders"
        " WHERE user_id IN (SELECT value FROM json_each(?)) GROUP BY user_id"
    )
    assert "SEARCH orders USING COVERING INDEX orders_user_id_idx (user_id=?)" in _plan(db, sql, "[1, 5]")
    assert db.execute(sql, ("[1, 5]",)).fetchall() == [(1, 3)]  # Ken (5) has no row: fill in 0
