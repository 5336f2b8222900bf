"""Partial updates: only the named path changes, and NULL cannot erase a document."""

from __future__ import annotations

import copy
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest
from psycopg import sql
from psycopg.types.json import Jsonb

from examples.data.documents.partial_update import (
    document,
    merge_top_level,
    remove_path,
    set_path,
)
from examples.data.documents.store import (
    SAMPLE_ORDERS,
    STATEMENT_TIMEOUT_MS,
    insert_orders,
    order_store,
)
from examples.server_settings import CONNECT_TIMEOUT_SECONDS


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


def test_an_empty_path_is_refused_before_it_reaches_the_database(conn: psycopg.Connection) -> None:
    # jsonb_set(doc, '{}', v) returns doc as it is, so the UPDATE would count a row it did not change.
    (unchanged,) = conn.execute("SELECT jsonb_set('{\"a\": 1}'::jsonb, '{}', '2')").fetchone()
    assert unchanged == {"a": 1}
    with pytest.raises(ValueError, match="at least one key"):
        set_path(conn, "A-1001", [], "x")
    assert document(conn, "A-1001") == SAMPLE_ORDERS[0]


@pytest.mark.parametrize("path", [["billing", "city"], ["status", "code"], ["items", "7", "qty"]])
def test_without_the_parent_check_the_update_counts_a_row_it_did_not_change(
    conn: psycopg.Connection, path: list[str]
) -> None:
    cur = conn.execute(
        "UPDATE orders SET doc = jsonb_set(doc, %s, %s) WHERE doc ->> 'order_no' = 'A-1001'",
        (path, Jsonb("x")),
    )
    assert cur.rowcount == 1
    assert document(conn, "A-1001") == SAMPLE_ORDERS[0]


def test_concat_and_delete_path_also_return_null_and_jsonb_set_lax_does_not(conn: psycopg.Connection) -> None:
    row = conn.execute(
        "SELECT '{\"a\": 1}'::jsonb || NULL, '{\"a\": 1}'::jsonb #- NULL,"
        " jsonb_set_lax('{\"a\": 1}'::jsonb, '{b}', NULL)"
    ).fetchone()
    assert row == (None, None, {"a": 1, "b": None})


def _second_connection(conn: psycopg.Connection, dsn: str) -> psycopg.Connection:
    """Another session on the same private schema."""
    (schema,) = conn.execute("SELECT current_schema()").fetchone()
    other = psycopg.connect(
        dsn,
        autocommit=True,
        connect_timeout=CONNECT_TIMEOUT_SECONDS,
        options=f"-c statement_timeout={STATEMENT_TIMEOUT_MS}",
    )
    other.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(schema)))
    return other


def test_two_concurrent_jsonb_set_updates_both_land(conn: psycopg.Connection, postgres_dsn: str) -> None:
    """READ COMMITTED: the second UPDATE waits for the first, then applies its change on top."""
    with _second_connection(conn, postgres_dsn) as second, ThreadPoolExecutor(1) as pool:
        with conn.transaction():
            assert set_path(conn, "A-1001", ["status"], "shipped") == 1
            pending = pool.submit(set_path, second, "A-1001", ["tracking"], "PT9")
            deadline = time.monotonic() + 5
            query = "SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s"
            while conn.execute(query, (second.info.backend_pid,)).fetchone() != ("Lock",):
                assert time.monotonic() < deadline, "the second writer never waited for the row lock"
                time.sleep(0.01)
        assert pending.result(timeout=10) == 1
    doc = document(conn, "A-1001")
    assert (doc["status"], doc["tracking"]) == ("shipped", "PT9")


def test_read_modify_write_of_the_whole_document_loses_a_concurrent_change(conn: psycopg.Connection) -> None:
    stale = document(conn, "A-1001")  # writer 1 reads
    assert set_path(conn, "A-1001", ["status"], "shipped") == 1  # writer 2 changes the status
    stale["tracking"] = "PT9"
    conn.execute(  # writer 1 writes back the version it read
        "UPDATE orders SET doc = %s WHERE doc ->> 'order_no' = 'A-1001'", (Jsonb(stale),)
    )
    doc = document(conn, "A-1001")
    assert (doc["status"], doc["tracking"]) == ("paid", "PT9")  # the status change is gone
