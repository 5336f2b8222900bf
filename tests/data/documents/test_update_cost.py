"""Update cost of a large document: a jsonb change rewrites it in TOAST, a column change does not."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest

from examples.data.documents.store import FIRST_ORDER, insert_orders, order_store
from examples.data.documents.update_cost import (
    IN_COLUMN,
    IN_DOCUMENT,
    large_order,
    stored_size,
    toast_bytes_written,
)

SMALL, LARGE = 1, 2


@pytest.fixture
def conn(postgres_dsn: str) -> Iterator[psycopg.Connection]:
    with order_store(postgres_dsn) as connection:
        connection.execute("ALTER TABLE orders ADD COLUMN tracking text")
        insert_orders(connection, [FIRST_ORDER, large_order(events=2_000)])
        yield connection


def test_the_large_document_lives_in_toast_and_the_small_one_in_the_row(conn: psycopg.Connection) -> None:
    assert stored_size(conn, SMALL) < 2_000 < stored_size(conn, LARGE)


def test_changing_one_key_writes_the_whole_document_again(conn: psycopg.Connection) -> None:
    written = toast_bytes_written(conn, IN_DOCUMENT, {"id": LARGE, "value": "PT1"})
    assert written == stored_size(conn, LARGE)
    # A second small change pays the whole size again.
    assert toast_bytes_written(conn, IN_DOCUMENT, {"id": LARGE, "value": "PT2"}) == stored_size(conn, LARGE)


def test_changing_another_column_keeps_the_stored_document(conn: psycopg.Connection) -> None:
    before = conn.execute("SELECT doc FROM orders WHERE id = %s", (LARGE,)).fetchone()
    assert toast_bytes_written(conn, IN_COLUMN, {"id": LARGE, "value": "PT1"}) == 0
    row = conn.execute("SELECT doc, tracking FROM orders WHERE id = %s", (LARGE,)).fetchone()
    assert row == (before[0], "PT1")


def test_a_small_document_is_rewritten_inside_the_row(conn: psycopg.Connection) -> None:
    assert toast_bytes_written(conn, IN_DOCUMENT, {"id": SMALL, "value": "PT1"}) == 0
    (tracking,) = conn.execute("SELECT doc ->> 'tracking' FROM orders WHERE id = %s", (SMALL,)).fetchone()
    assert tracking == "PT1"


def test_an_update_that_matches_no_row_is_refused_and_rolled_back(conn: psycopg.Connection) -> None:
    with pytest.raises(ValueError, match="updated 0"):
        toast_bytes_written(conn, IN_COLUMN, {"id": 999, "value": "PT1"})
    assert conn.execute("SELECT count(*) FROM orders WHERE tracking IS NOT NULL").fetchone() == (0,)


def test_large_order_is_repeatable_and_valid() -> None:
    assert large_order(10) == large_order(10)
    assert large_order(10, seed=1) != large_order(10, seed=2)
    assert len(large_order(0)["events"]) == 0
    with pytest.raises(ValueError, match="non-negative"):
        large_order(-1)
