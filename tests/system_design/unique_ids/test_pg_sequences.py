"""Sequences on the real PostgreSQL: gaps, CACHE across sessions, concurrency, one writer."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest
from psycopg import sql

from examples.system_design.unique_ids.pg_sequences import (
    add_order,
    connect,
    create_orders,
    next_value,
    scratch_schema,
)


@pytest.fixture
def schema(postgres_dsn: str) -> Iterator[str]:
    with scratch_schema(postgres_dsn) as name:
        yield name


@pytest.fixture
def db(schema: str, postgres_dsn: str) -> Iterator[psycopg.Connection]:
    with connect(schema, postgres_dsn) as conn:
        yield conn


def test_identity_values_count_up_and_a_rollback_leaves_a_gap(db: psycopg.Connection) -> None:
    create_orders(db)
    assert [add_order(db, "a"), add_order(db, "b")] == [1, 2]
    with db.transaction():
        assert add_order(db, "c") == 3
        raise psycopg.Rollback()
    assert add_order(db, "c") == 4
    assert db.execute("SELECT count(*) FROM orders").fetchone() == (3,)


def test_on_conflict_spends_a_value_without_inserting(db: psycopg.Connection) -> None:
    create_orders(db)
    assert add_order(db, "a") == 1
    assert add_order(db, "a") is None
    assert add_order(db, "b") == 3


def test_identity_always_refuses_a_caller_supplied_id(db: psycopg.Connection) -> None:
    create_orders(db)
    with pytest.raises(psycopg.errors.GeneratedAlways):
        db.execute("INSERT INTO orders (id, item) VALUES (%s, %s)", (99, "forged"))


def test_cache_hands_out_values_out_of_order_and_loses_the_rest(schema: str, postgres_dsn: str) -> None:
    with connect(schema, postgres_dsn) as setup:
        setup.execute("CREATE SEQUENCE s CACHE 10")
    with connect(schema, postgres_dsn) as a, connect(schema, postgres_dsn) as b:
        assert [next_value(a, "s"), next_value(b, "s"), next_value(a, "s")] == [1, 11, 2]
        assert a.execute("SELECT last_value FROM s").fetchone() == (20,)  # reserved, not used
    with connect(schema, postgres_dsn) as c:
        assert next_value(c, "s") == 21


@pytest.mark.parametrize("cache", [1, 20])
def test_concurrent_sessions_never_get_the_same_value(schema: str, postgres_dsn: str, cache: int) -> None:
    with connect(schema, postgres_dsn) as setup:
        setup.execute(sql.SQL("CREATE SEQUENCE s CACHE {}").format(sql.Literal(cache)))

    def draw(_: int) -> list[int]:
        with connect(schema, postgres_dsn) as conn:
            return [next_value(conn, "s") for _ in range(50)]

    with ThreadPoolExecutor(8) as pool:
        values = [v for batch in pool.map(draw, range(8)) for v in batch]
    assert len(set(values)) == 400
    if cache == 1:
        assert sorted(values) == list(range(1, 401))  # no holes when every session ends cleanly


def test_a_rolled_back_nextval_is_not_returned(db: psycopg.Connection) -> None:
    db.execute("CREATE SEQUENCE s")
    with db.transaction():
        assert next_value(db, "s") == 1
        raise psycopg.Rollback()
    assert next_value(db, "s") == 2


def test_a_read_only_transaction_cannot_draw(db: psycopg.Connection) -> None:
    db.execute("CREATE SEQUENCE s")
    with pytest.raises(psycopg.errors.ReadOnlySqlTransaction, match="nextval"), db.transaction():
        db.execute("SET TRANSACTION READ ONLY")
        next_value(db, "s")


def test_interleaved_sequences_never_overlap(db: psycopg.Connection) -> None:
    db.execute("CREATE SEQUENCE odd START 1 INCREMENT 2")
    db.execute("CREATE SEQUENCE even START 2 INCREMENT 2")
    odd = {next_value(db, "odd") for _ in range(100)}
    even = {next_value(db, "even") for _ in range(100)}
    assert not odd & even and all(v % 2 for v in odd)


def test_the_scratch_schema_is_dropped(postgres_dsn: str) -> None:
    with scratch_schema(postgres_dsn) as name:
        pass
    with psycopg.connect(postgres_dsn, connect_timeout=5) as conn:
        row = conn.execute("SELECT count(*) FROM pg_namespace WHERE nspname = %s", (name,)).fetchone()
    assert row == (0,)
