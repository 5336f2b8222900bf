"""The PostgreSQL and Redis probes against the real servers: what they create, read and clean up."""

from __future__ import annotations

import psycopg
import pytest
import redis

from examples.system_design.latency_reference.servers import (
    durable_inserts,
    gets,
    item_table,
    point_queries,
    postgres_settings,
    redis_keys,
    redis_version,
)


def test_the_item_table_holds_the_rows_asked_and_disappears(postgres_dsn: str) -> None:
    with item_table(rows=500, dsn=postgres_dsn) as conn:
        assert conn.execute("SELECT count(*), min(id), max(id) FROM item").fetchone() == (500, 1, 500)
        schema = conn.execute("SELECT current_schema()").fetchone()[0]
        assert point_queries(conn, [1, 250, 500]) > 0
        assert durable_inserts(conn, 4) > 0
        assert conn.execute("SELECT count(*) FROM event").fetchone() == (4,)
        settings = postgres_settings(conn)
        assert set(settings) == {"server_version", "fsync", "synchronous_commit"}
        assert settings["server_version"].split(".")[0].isdigit()
    with psycopg.connect(postgres_dsn, connect_timeout=5) as check:
        found = check.execute(
            "SELECT count(*) FROM pg_namespace WHERE nspname = %s", (schema,)
        ).fetchone()
    assert found == (0,)


def test_a_missing_id_is_an_error_not_a_fast_answer(postgres_dsn: str) -> None:
    with item_table(rows=10, dsn=postgres_dsn) as conn, pytest.raises(LookupError, match="11"):
        point_queries(conn, [1, 11])


def test_bad_postgres_input_is_refused(postgres_dsn: str) -> None:
    with pytest.raises(ValueError, match="rows"), item_table(rows=0, dsn=postgres_dsn):
        pass
    with item_table(rows=1, dsn=postgres_dsn) as conn:
        with pytest.raises(ValueError, match="ids"):
            point_queries(conn, [])
        with pytest.raises(ValueError, match="count"):
            durable_inserts(conn, 0)


def test_redis_keys_are_read_and_then_deleted(redis_url: str) -> None:
    with redis_keys(20, redis_url) as (client, keys):
        assert len(set(keys)) == 20
        assert gets(client, keys, count=30, seed=1) > 0
        assert redis_version(client).split(".")[0].isdigit()
    with redis.Redis.from_url(redis_url, socket_timeout=5) as check:
        assert check.exists(*keys) == 0


def test_a_missing_key_is_an_error(redis_url: str) -> None:
    with redis_keys(2, redis_url) as (client, keys):
        with pytest.raises(LookupError, match="no key"):
            gets(client, [*keys, f"{keys[0]}-absent"], count=50, seed=3)
        with pytest.raises(ValueError):
            gets(client, keys, count=0, seed=1)
    with pytest.raises(ValueError, match="count"), redis_keys(0, redis_url):
        pass
