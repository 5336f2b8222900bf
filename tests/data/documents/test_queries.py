"""The read queries: ->, ->>, @> and jsonb_path_query, on the sample orders."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest

from examples.data.documents.queries import (
    customer_of,
    items_at_least,
    orders_with_sku,
    status_and_city,
)
from examples.data.documents.store import SAMPLE_ORDERS, insert_orders, order_store


@pytest.fixture
def conn(postgres_dsn: str) -> Iterator[psycopg.Connection]:
    with order_store(postgres_dsn) as connection:
        insert_orders(connection, SAMPLE_ORDERS)
        yield connection


def test_arrow_returns_the_nested_object(conn: psycopg.Connection) -> None:
    assert customer_of(conn, "A-1002") == {"id": 2, "name": "Grace", "email": "grace@example.com"}
    assert customer_of(conn, "nope") is None


def test_double_arrow_returns_text(conn: psycopg.Connection) -> None:
    assert status_and_city(conn, "A-1004") == ("cancelled", "Helsinki")
    assert status_and_city(conn, "nope") is None


def test_containment_matches_any_array_position(conn: psycopg.Connection) -> None:
    assert orders_with_sku(conn, "KB-01") == ["A-1001", "A-1003", "A-1004"]
    assert orders_with_sku(conn, "MS-02") == ["A-1001"]  # second element of the array
    assert orders_with_sku(conn, "UNKNOWN") == []


def test_containment_value_is_a_parameter_not_sql(conn: psycopg.Connection) -> None:
    assert orders_with_sku(conn, "' OR 1=1 --") == []
    assert conn.execute("SELECT count(*) FROM orders").fetchone() == (4,)


def test_jsonpath_filters_array_elements(conn: psycopg.Connection) -> None:
    assert items_at_least(conn, 10_000) == [("A-1002", "MN-27"), ("A-1004", "MN-27")]
    assert items_at_least(conn, 4_999) == [
        ("A-1001", "KB-01"),
        ("A-1002", "MN-27"),
        ("A-1003", "KB-01"),
        ("A-1004", "KB-01"),
        ("A-1004", "MN-27"),
    ]
    assert items_at_least(conn, 1_000_000) == []
