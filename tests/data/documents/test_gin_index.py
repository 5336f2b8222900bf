"""The GIN index: unused before it exists, used for @> after, never for ->> equality."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest
from psycopg.types.json import Jsonb

from examples.data.documents.gin_index import (
    CONTAINS_SKU,
    STATUS_EQUALS,
    add_gin_index,
    plan_summary,
)
from examples.data.documents.store import SAMPLE_ORDERS, filler_orders, insert_orders, order_store

KB = (Jsonb({"items": [{"sku": "KB-01"}]}),)


@pytest.fixture
def conn(postgres_dsn: str) -> Iterator[psycopg.Connection]:
    with order_store(postgres_dsn) as connection:
        insert_orders(connection, SAMPLE_ORDERS)
        insert_orders(connection, filler_orders(5_000), first_id=1_000)
        connection.execute("ANALYZE orders")
        yield connection


def test_without_the_index_containment_scans_the_table(conn: psycopg.Connection) -> None:
    plan = plan_summary(conn, CONTAINS_SKU, KB)
    assert "Seq Scan on orders" in plan
    assert not any("orders_doc_gin" in node for node in plan)


def test_after_creation_containment_uses_the_gin_index(conn: psycopg.Connection) -> None:
    add_gin_index(conn)
    plan = plan_summary(conn, CONTAINS_SKU, KB)
    assert any(node.endswith("using orders_doc_gin") for node in plan)
    assert "Seq Scan on orders" not in plan
    assert conn.execute(CONTAINS_SKU, KB).fetchall() == [("A-1001",), ("A-1003",), ("A-1004",)]


def test_gin_index_does_not_serve_text_equality(conn: psycopg.Connection) -> None:
    add_gin_index(conn)
    plan = plan_summary(conn, STATUS_EQUALS, ("paid",))
    assert not any("orders_doc_gin" in node for node in plan)


def test_index_gives_the_same_answer_as_the_scan(conn: psycopg.Connection) -> None:
    fragment = (Jsonb({"status": "paid", "shipping": {"city": "Porto"}}),)
    query = "SELECT id FROM orders WHERE doc @> %s ORDER BY id"
    before = conn.execute(query, fragment).fetchall()
    add_gin_index(conn)
    assert conn.execute(query, fragment).fetchall() == before
    assert len(before) > 0


def test_plan_summary_names_index_and_table(conn: psycopg.Connection) -> None:
    plan = plan_summary(conn, "SELECT doc FROM orders WHERE id = %s", (1,))
    assert plan == ["Index Scan using orders_pkey"]


def _uses(plan: list[str], index: str) -> bool:
    return any(node.endswith(f"using {index}") for node in plan)


# The operators each GIN operator class serves, as the page states them
# (PostgreSQL 15, "Built-in Operator Classes" for GIN).
KEY_EXISTS = "SELECT id FROM orders WHERE doc ? %s"
PATH_MATCH = "SELECT id FROM orders WHERE doc @? %s::jsonpath"


def test_jsonb_path_ops_serves_jsonpath_match_but_not_key_exists(conn: psycopg.Connection) -> None:
    add_gin_index(conn)
    assert _uses(plan_summary(conn, PATH_MATCH, ('$.items[*] ? (@.sku == "KB-01")',)), "orders_doc_gin")
    assert not _uses(plan_summary(conn, KEY_EXISTS, ("gift_note",)), "orders_doc_gin")


def test_default_jsonb_ops_serves_key_exists(conn: psycopg.Connection) -> None:
    conn.execute("CREATE INDEX orders_doc_ops ON orders USING gin (doc)")
    conn.execute("ANALYZE orders")
    assert _uses(plan_summary(conn, KEY_EXISTS, ("gift_note",)), "orders_doc_ops")
    assert conn.execute(KEY_EXISTS, ("gift_note",)).fetchall() == [(3,)]


def test_the_operator_classes_list_the_operators_the_page_names(conn: psycopg.Connection) -> None:
    rows = conn.execute(
        "SELECT f.opfname, array_agg(o.oprname::text ORDER BY o.oprname)"
        " FROM pg_amop a JOIN pg_opfamily f ON f.oid = a.amopfamily"
        " JOIN pg_am m ON m.oid = f.opfmethod JOIN pg_operator o ON o.oid = a.amopopr"
        " WHERE m.amname = 'gin' AND f.opfname IN ('jsonb_ops', 'jsonb_path_ops')"
        " GROUP BY 1 ORDER BY 1"
    ).fetchall()
    assert rows == [
        ("jsonb_ops", ["?", "?&", "?|", "@>", "@?", "@@"]),
        ("jsonb_path_ops", ["@>", "@?", "@@"]),
    ]
