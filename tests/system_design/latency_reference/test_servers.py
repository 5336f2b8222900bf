"""The PostgreSQL and Redis probes against the real servers: what they create, read and clean up."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
import redis

from examples.system_design.latency_reference.servers import (
    durable_inserts,
    gets,
    item_table,
    parse_redis_benchmark_csv,
    pgbench_point_queries,
    point_queries,
    postgres_settings,
    redis_benchmark_gets,
    redis_keys,
    redis_version,
)


def timed(times: list[int], count: int) -> bool:
    return len(times) == count and all(isinstance(t, int) and t > 0 for t in times)


def test_the_item_table_holds_the_rows_asked_and_disappears(postgres_dsn: str) -> None:
    with item_table(rows=500, dsn=postgres_dsn) as conn:
        assert conn.execute("SELECT count(*), min(id), max(id) FROM item").fetchone() == (500, 1, 500)
        schema = conn.execute("SELECT current_schema()").fetchone()[0]
        assert timed(point_queries(conn, [1, 250, 500]), 3)
        assert timed(durable_inserts(conn, 4), 4)
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
        assert timed(gets(client, keys, count=30, seed=1), 30)
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


def test_pgbench_times_each_point_query_and_leaves_no_log(postgres_dsn: str, tmp_path: Path) -> None:
    with item_table(rows=50, dsn=postgres_dsn) as conn:
        schema = conn.execute("SELECT current_schema()").fetchone()[0]
        assert timed(pgbench_point_queries(schema, 40, tmp_path, rows=50, dsn=postgres_dsn), 40)
    assert [path.name for path in tmp_path.iterdir()] == ["point_query.sql"]


def test_pgbench_failing_is_an_error(postgres_dsn: str, tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="pgbench failed"):
        pgbench_point_queries("no_such_schema", 5, tmp_path, dsn=postgres_dsn)


def test_redis_benchmark_reports_percentiles_of_its_gets(redis_url: str) -> None:
    with redis_keys(1, redis_url) as (_, keys):
        found = redis_benchmark_gets(keys[0], 200, redis_url)
    assert found.samples == 200
    assert 0 < found.p50 <= found.p99


CSV = (
    '"test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"\n'
    '"GET k","9345.79","0.099","0.016","0.039","0.327","1.263","11.983"\n'
)


def test_redis_benchmark_csv_is_read_in_seconds() -> None:
    found = parse_redis_benchmark_csv(CSV)
    assert (found.p50, found.p99, found.mean) == pytest.approx((39e-6, 1.263e-3, 99e-6))


@pytest.mark.parametrize("text", ["", CSV + CSV.splitlines()[1] + "\n", CSV.replace("p99_latency_ms", "p98")])
def test_output_that_is_not_one_redis_benchmark_test_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_redis_benchmark_csv(text)
