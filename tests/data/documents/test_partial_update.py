"""Partial updates: only the named path changes, and NULL cannot erase a document."""

from __future__ import annotations

import copy
from collections.abc import Iterator

import psycopg
import pytest

from examples.data.documents.partial_update import (
    document,
    merge_top_level,
    remove_path,
    set_path,
)
from examples.data.documents.store import SAMPLE_ORDERS, insert_orders, order_store


@pytest.fixture
def conn(postgres_dsn: str) -> Iterator[psycopg.Connection]:
    with order_store(postgres_dsn) as connection:
        insert_orders(connection, SAMPLE_ORDERS)
        yield connection


def test_jsonb_set_changes_only_the_path(conn: psycopg.Connection) -> None:
    expected = copy.deepcopy(SAMPLE_ORDERS[0])
    expected["shipping"]["city"] = "Porto"
    assert set_path(conn, "A-1001", ["shipping", "city"], "Porto") == 1
    assert document(conn, "A-1001") == expected
    assert document(conn, "A-1002") == SAMPLE_ORDERS[1]


def test_jsonb_set_reaches_into_arrays_and_adds_missing_keys(conn: psycopg.Connection) -> None:
    set_path(conn, "A-1001", ["items", "1", "qty"], 5)
    set_path(conn, "A-1001", ["shipping", "zip"], "1000-001")
    doc = document(conn, "A-1001")
    assert doc["items"][1]["qty"] == 5
    assert doc["items"][0]["qty"] == 1
    assert doc["shipping"] == {"city": "Lisbon", "country": "PT", "zip": "1000-001"}


def test_update_of_a_missing_order_changes_nothing(conn: psycopg.Connection) -> None:
    assert set_path(conn, "Z-1", ["status"], "paid") == 0
    with pytest.raises(KeyError):
        document(conn, "Z-1")


def test_merge_and_remove(conn: psycopg.Connection) -> None:
    assert merge_top_level(conn, "A-1002", {"tracking": "NO9", "status": "paid"}) == 1
    doc = document(conn, "A-1002")
    assert (doc["tracking"], doc["status"]) == ("NO9", "paid")
    assert remove_path(conn, "A-1003", ["gift_note"]) == 1
    assert "gift_note" not in document(conn, "A-1003")
    assert remove_path(conn, "A-1003", ["gift_note"]) == 1  # absent key: row rewritten, no error


def test_partial_update_is_still_checked(conn: psycopg.Connection) -> None:
    with pytest.raises(psycopg.errors.CheckViolation, match="order_status_known"):
        set_path(conn, "A-1001", ["status"], "teleported")
    with pytest.raises(psycopg.errors.CheckViolation, match="order_items_valid"):
        set_path(conn, "A-1001", ["items", "0", "qty"], 0)
    assert document(conn, "A-1001") == SAMPLE_ORDERS[0]


def test_null_value_would_erase_the_document_but_not_null_stops_it(conn: psycopg.Connection) -> None:
    (result,) = conn.execute("SELECT jsonb_set('{}'::jsonb, '{a}', NULL)").fetchone()
    assert result is None
    with pytest.raises(psycopg.errors.NotNullViolation):
        conn.execute("UPDATE orders SET doc = jsonb_set(doc, '{tracking}', NULL)")
    assert document(conn, "A-1002") == SAMPLE_ORDERS[1]
