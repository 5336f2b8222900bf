"""The order store: isolated schema, cleanup even on failure, repeatable filler data."""

from __future__ import annotations

import psycopg
import pytest

from examples.data.documents.store import (
    SAMPLE_ORDERS,
    filler_orders,
    insert_orders,
    order_store,
)


def _schema_exists(dsn: str, name: str) -> bool:
    with psycopg.connect(dsn, connect_timeout=5) as conn:
        row = conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (name,)).fetchone()
        return row is not None


def test_store_uses_its_own_schema_and_drops_it(postgres_dsn: str) -> None:
    with order_store(postgres_dsn) as conn:
        insert_orders(conn, SAMPLE_ORDERS)
        (schema,) = conn.execute("SELECT current_schema()").fetchone()
        assert schema.startswith("ex_documents_")
        assert conn.execute("SELECT count(*) FROM orders").fetchone() == (len(SAMPLE_ORDERS),)
    assert not _schema_exists(postgres_dsn, schema)


def test_schema_is_dropped_when_the_block_fails(postgres_dsn: str) -> None:
    with pytest.raises(RuntimeError), order_store(postgres_dsn) as conn:
        (schema,) = conn.execute("SELECT current_schema()").fetchone()
        raise RuntimeError("boom")
    assert not _schema_exists(postgres_dsn, schema)


def test_failed_batch_inserts_nothing(postgres_dsn: str) -> None:
    bad = dict(SAMPLE_ORDERS[1], status="lost")
    with order_store(postgres_dsn) as conn:
        with pytest.raises(psycopg.errors.CheckViolation):
            insert_orders(conn, [SAMPLE_ORDERS[0], bad])
        assert conn.execute("SELECT count(*) FROM orders").fetchone() == (0,)


def test_two_stores_do_not_see_each_other(postgres_dsn: str) -> None:
    with order_store(postgres_dsn) as first, order_store(postgres_dsn) as second:
        insert_orders(first, SAMPLE_ORDERS)
        assert second.execute("SELECT count(*) FROM orders").fetchone() == (0,)


def test_filler_is_repeatable_valid_and_avoids_sample_skus(postgres_dsn: str) -> None:
    assert filler_orders(50) == filler_orders(50)
    assert filler_orders(50, seed=1) != filler_orders(50, seed=2)
    skus = {i["sku"] for d in filler_orders(500) for i in d["items"]}
    assert not skus & {"KB-01", "MS-02", "MN-27"}
    with order_store(postgres_dsn) as conn:
        insert_orders(conn, filler_orders(200))  # every filler passes the constraints
        assert conn.execute("SELECT count(*) FROM orders").fetchone() == (200,)


def test_negative_filler_count_is_rejected() -> None:
    with pytest.raises(ValueError, match="non-negative"):
        filler_orders(-1)


def test_schema_is_dropped_and_the_real_error_kept_when_the_connection_dies(postgres_dsn: str) -> None:
    # The block's own connection is gone, so cleanup must use a fresh one, and the
    # error the caller sees must be the one that killed the block, not the cleanup's.
    with pytest.raises(psycopg.errors.AdminShutdown), order_store(postgres_dsn) as conn:
        (schema,) = conn.execute("SELECT current_schema()").fetchone()
        conn.execute("SELECT pg_terminate_backend(pg_backend_pid())")
    assert not _schema_exists(postgres_dsn, schema)
