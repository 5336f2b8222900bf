"""The constraints: good documents pass, each kind of bad document is refused by name."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import psycopg
import pytest

from examples.data.documents.schema_guard import customer_emails, try_insert, variant
from examples.data.documents.store import SAMPLE_ORDERS, insert_orders, order_store


@pytest.fixture
def conn(postgres_dsn: str) -> Iterator[psycopg.Connection]:
    with order_store(postgres_dsn) as connection:
        insert_orders(connection, SAMPLE_ORDERS)
        yield connection


@pytest.mark.parametrize(
    ("doc", "verdict"),
    [
        (variant(order_no="OK-1"), "accepted"),
        (variant(order_no="OK-2", extra={"anything": [1, 2]}), "accepted"),
        (variant(status="lost"), "rejected by order_status_known"),
        (variant(status=None), "rejected by order_status_known"),
        (variant(status=7), "rejected by order_status_known"),
        (variant(items=[]), "rejected by order_items_bounded"),
        (variant(items=None), "rejected by order_items_bounded"),
        (variant(items={"sku": "KB-01"}), "rejected by order_items_bounded"),
        (variant(items=[{"sku": "A", "qty": 1, "price_cents": 1}] * 101), "rejected by order_items_bounded"),
        (variant(items=[{"sku": "A", "qty": 0, "price_cents": 1}]), "rejected by order_items_valid"),
        (variant(items=[{"sku": "A", "qty": "1", "price_cents": 1}]), "rejected by order_items_valid"),
        (variant(items=[{"sku": "A", "qty": 1}]), "rejected by order_items_valid"),
        (variant(items=[{"sku": 5, "qty": 1, "price_cents": 1}]), "rejected by order_items_valid"),
        (variant(items=[{"sku": "A", "qty": 1, "price_cents": -1}]), "rejected by order_items_valid"),
        # Fractions pass a plain ">= 1" test and then break every ::int cast in reports.
        (variant(items=[{"sku": "A", "qty": 1.5, "price_cents": 1}]), "rejected by order_items_valid"),
        (variant(items=[{"sku": "A", "qty": 1, "price_cents": 0.5}]), "rejected by order_items_valid"),
        (variant(items=[{"sku": "A", "qty": [2], "price_cents": 1}]), "rejected by order_items_valid"),
        (variant(order_no="OK-3", items=[{"sku": "A", "qty": 2.0, "price_cents": 100}]), "accepted"),
        (variant(items=["KB-01"]), "rejected by order_items_valid"),
        (variant(customer={"name": "Ada"}), "rejected: customer_email is null"),
        (["an", "array"], "rejected: customer_email is null"),
    ],
)
def test_constraint_verdicts(conn: psycopg.Connection, doc: Any, verdict: str) -> None:
    assert try_insert(conn, doc, 500) == verdict
    expected = 5 if verdict == "accepted" else 4
    assert conn.execute("SELECT count(*) FROM orders").fetchone() == (expected,)


def test_generated_column_follows_the_document(conn: psycopg.Connection) -> None:
    assert customer_emails(conn, "ada@example.com") == ["A-1001", "A-1003"]
    conn.execute(
        "UPDATE orders SET doc = jsonb_set(doc, '{customer,email}', '\"ada@new.example\"')"
        " WHERE doc ->> 'order_no' = 'A-1003'"
    )
    assert customer_emails(conn, "ada@example.com") == ["A-1001"]
    assert customer_emails(conn, "ada@new.example") == ["A-1003"]


def test_generated_column_cannot_be_written_directly(conn: psycopg.Connection) -> None:
    with pytest.raises(psycopg.errors.GeneratedAlways):
        conn.execute("UPDATE orders SET customer_email = 'x@example.com'")


def test_variant_removes_keys_and_leaves_the_sample_alone() -> None:
    assert "status" not in variant(status=None)
    assert SAMPLE_ORDERS[0]["status"] == "paid"


def test_a_new_rule_added_not_valid_guards_new_writes_before_old_rows_are_fixed(conn: psycopg.Connection) -> None:
    # The page's advice for adding a rule to a live table: NOT VALID skips the
    # scan of existing rows but checks every new write at once.
    conn.execute("UPDATE orders SET doc = doc - 'shipping' WHERE id = 2")
    conn.execute("ALTER TABLE orders ADD CONSTRAINT order_has_shipping CHECK (doc ? 'shipping') NOT VALID")
    assert try_insert(conn, variant(order_no="N-1", shipping=None), 600) == "rejected by order_has_shipping"
    with pytest.raises(psycopg.errors.CheckViolation, match="order_has_shipping"):
        conn.execute("ALTER TABLE orders VALIDATE CONSTRAINT order_has_shipping")
    conn.execute("""UPDATE orders SET doc = doc || '{"shipping": {"city": "Oslo", "country": "NO"}}' WHERE id = 2""")
    conn.execute("ALTER TABLE orders VALIDATE CONSTRAINT order_has_shipping")
    (validated,) = conn.execute(
        "SELECT convalidated FROM pg_constraint WHERE conname = 'order_has_shipping'"
        " AND conrelid = 'orders'::regclass"
    ).fetchone()
    assert validated
