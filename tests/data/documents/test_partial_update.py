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


@pytest.mark.parametrize(
    "path",
    [
        ["billing", "city"],  # parent object missing
        ["items", "7", "qty"],  # parent array element missing
        ["status", "code"],  # parent is a string, not a container
        ["items", "first", "qty"],  # not an array position: jsonb_set alone would raise
    ],
)
def test_jsonb_set_with_a_missing_parent_changes_nothing_and_says_so(conn: psycopg.Connection, path: list[str]) -> None:
    # jsonb_set creates only the last key; with a parent missing it returns the
    # document unchanged, so the UPDATE must not count the row as changed.
    assert set_path(conn, "A-1001", path, "x") == 0
    assert document(conn, "A-1001") == SAMPLE_ORDERS[0]


def test_jsonb_set_past_the_end_of_an_array_appends(conn: psycopg.Connection) -> None:
    line = {"sku": "MS-02", "name": "Mouse", "qty": 1, "price_cents": 1999}
    assert set_path(conn, "A-1002", ["items", "5"], line) == 1
    assert document(conn, "A-1002")["items"] == [SAMPLE_ORDERS[1]["items"][0], line]


def test_a_python_none_value_is_stored_as_json_null(conn: psycopg.Connection) -> None:
    # Jsonb(None) is the JSON value null, not SQL NULL, so the document survives.
    assert set_path(conn, "A-1002", ["tracking"], None) == 1
    doc = document(conn, "A-1002")
    assert "tracking" in doc and doc["tracking"] is None
    assert doc["order_no"] == "A-1002"
