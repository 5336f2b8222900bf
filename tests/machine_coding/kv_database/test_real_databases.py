"""The page's comparison with real databases, run on the real servers."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest
import redis

from examples.data.redis.connection import redis_session
from examples.machine_coding.kv_database.real_databases import multi_on_redis, savepoints_on_postgres
from examples.server_settings import CONNECT_TIMEOUT_SECONDS

IDLE = psycopg.pq.TransactionStatus.IDLE


@pytest.fixture
def conn(postgres_dsn: str) -> Iterator[psycopg.Connection]:
    with psycopg.connect(postgres_dsn, autocommit=True, connect_timeout=CONNECT_TIMEOUT_SECONDS) as connection:
        yield connection


def temp_kv_exists(conn: psycopg.Connection) -> bool:
    row = conn.execute("SELECT to_regclass('pg_temp.kv') IS NOT NULL").fetchone()
    return bool(row and row[0])


def test_a_savepoint_is_the_nested_begin_and_rollback_to_restores_the_old_row_version(
    conn: psycopg.Connection,
) -> None:
    assert savepoints_on_postgres(conn) == [
        "WARNING: there is already a transaction in progress",
        "a = 20, stored at (0,2)",
        "a = 10, stored at (0,1)",
    ]
    assert conn.info.transaction_status == IDLE
    assert not temp_kv_exists(conn)  # ON COMMIT DROP: nothing left behind


def test_it_can_run_twice_on_one_connection(conn: psycopg.Connection) -> None:
    assert savepoints_on_postgres(conn) == savepoints_on_postgres(conn)


def test_a_connection_that_is_not_autocommit_is_refused(postgres_dsn: str) -> None:
    with psycopg.connect(postgres_dsn, connect_timeout=CONNECT_TIMEOUT_SECONDS) as conn:
        with pytest.raises(ValueError, match="autocommit"):
            savepoints_on_postgres(conn)
        assert conn.info.transaction_status == IDLE  # it sent nothing


def test_a_failure_midway_raises_the_server_error_and_rolls_back(conn: psycopg.Connection) -> None:
    conn.execute("CREATE TEMP TABLE kv (k text)")  # makes its CREATE TEMP TABLE fail
    try:
        with pytest.raises(psycopg.errors.DuplicateTable):
            savepoints_on_postgres(conn)
        assert conn.info.transaction_status == IDLE
        assert temp_kv_exists(conn)  # ours, untouched
    finally:
        conn.execute("DROP TABLE pg_temp.kv")


@pytest.fixture
def rp(redis_url: str) -> Iterator[tuple[redis.Redis, str]]:
    with redis_session("test_kv_real_databases", redis_url) as session:
        yield session


def test_multi_does_not_nest_exec_does_not_roll_back_and_discard_drops_the_queue(rp: tuple[redis.Redis, str]) -> None:
    r, prefix = rp
    assert multi_on_redis(r, prefix) == [
        "inner MULTI: MULTI calls can not be nested",
        "after EXEC: a = 10, b = 10",  # the outer transaction ran both SETs
        "INCR inside EXEC: value is not an integer or out of range",
        "after EXEC: a = x, b = 20",  # the failed INCR undid nothing
        "after DISCARD: a = x",  # the queued SET never ran
    ]
    assert sorted(r.scan_iter(match=prefix + "*")) == [prefix + "a", prefix + "b"]
