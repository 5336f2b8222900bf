"""PostgreSQL and Redis on 127.0.0.1: a point query, a durable commit, a GET.

Each figure is what one client connection sees, one request at a time: the
client's work, a loopback round trip, and the server's own work. Every
request is timed on its own (nanoseconds), so a caller can take percentiles.
The same point query and GET are also made by the C clients that ship with
the servers, pgbench and redis-benchmark, so the Python clients' overhead is
measured beside them. The table and keys are made here and removed
afterwards (a scratch schema, a random key prefix).
"""

# requires-server: postgres, redis

from __future__ import annotations

import csv
import io
import random
import secrets
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import redis

from examples.scratch_postgres import connect, scratch_schema
from examples.server_settings import CONNECT_TIMEOUT_SECONDS, postgres_dsn, redis_url
from examples.system_design.latency_reference.repeated import Percentiles

ROWS = 100_000  # a real B-tree to walk, and loaded in about a second
TOOL_TIMEOUT_SECONDS = 120  # one run of pgbench or redis-benchmark


@contextmanager
def item_table(
    rows: int = ROWS, dsn: str | None = None
) -> Iterator[psycopg.Connection]:
    """An autocommit connection to a scratch schema with `item` (ids 1..rows) and `event`."""
    if rows < 1:
        raise ValueError(f"rows must be at least 1, got {rows}")
    with scratch_schema("ex_latency", dsn) as schema, connect(schema, dsn) as conn:
        conn.execute("CREATE TABLE item (id bigint PRIMARY KEY, name text NOT NULL)")
        conn.execute(
            "INSERT INTO item SELECT g, 'item ' || g FROM generate_series(1, %s) AS g",
            (rows,),
        )
        conn.execute("ANALYZE item")
        conn.execute(
            "CREATE TABLE event (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
            " body text NOT NULL)"
        )
        yield conn


# --8<-- [start:point_query]
def point_queries(conn: psycopg.Connection, ids: list[int]) -> list[int]:
    """Nanoseconds of each `SELECT ... WHERE id = %s`, one after another.

    psycopg prepares a query once it has run more than five times (its
    prepare_threshold), so nearly every one here skips parsing and
    planning, as the queries of a long-lived pooled connection do.
    """
    if not ids:
        raise ValueError("ids must not be empty")
    times = []
    for item_id in ids:
        start = time.perf_counter_ns()
        found = conn.execute("SELECT name FROM item WHERE id = %s", (item_id,))
        row = found.fetchone()
        times.append(time.perf_counter_ns() - start)
        if row is None:
            raise LookupError(f"no item {item_id}")
    return times


# --8<-- [end:point_query]


def durable_inserts(conn: psycopg.Connection, count: int) -> list[int]:
    """Nanoseconds of each one-row INSERT in its own transaction (autocommit).

    With synchronous_commit on (the default) a commit returns only after its
    write-ahead log record is flushed to disk: an fsync per transaction.
    """
    if count < 1:
        raise ValueError(f"count must be at least 1, got {count}")
    times = []
    for number in range(count):
        start = time.perf_counter_ns()
        conn.execute("INSERT INTO event (body) VALUES (%s)", (f"event {number}",))
        times.append(time.perf_counter_ns() - start)
    return times


def postgres_settings(conn: psycopg.Connection) -> dict[str, str]:
    """The server version and the settings that decide what a commit waits for."""
    names = ("server_version", "fsync", "synchronous_commit")
    query = "SELECT current_setting(%s)"
    return {name: str(conn.execute(query, (name,)).fetchone()[0]) for name in names}


@contextmanager
def redis_keys(
    count: int, url: str | None = None
) -> Iterator[tuple[redis.Redis, list[str]]]:
    """A client and `count` keys under a random prefix, deleted afterwards."""
    if count < 1:
        raise ValueError(f"count must be at least 1, got {count}")
    client = redis.Redis.from_url(
        url or redis_url(),
        socket_timeout=CONNECT_TIMEOUT_SECONDS,
        socket_connect_timeout=CONNECT_TIMEOUT_SECONDS,
    )
    prefix = f"latency:{secrets.token_hex(6)}:"
    keys = [f"{prefix}{number}" for number in range(count)]
    try:
        client.mset({key: f"value {key}" for key in keys})
        yield client, keys
    finally:
        client.delete(*keys)
        client.close()


def gets(client: redis.Redis, keys: list[str], count: int, seed: int) -> list[int]:
    """Nanoseconds of each GET of a random one of `keys`, one at a time."""
    if count < 1 or not keys:
        raise ValueError("need at least one key and one GET")
    chosen = random.Random(seed).choices(keys, k=count)
    times = []
    for key in chosen:
        start = time.perf_counter_ns()
        value = client.get(key)
        times.append(time.perf_counter_ns() - start)
        if value is None:
            raise LookupError(f"no key {key}")
    return times


def _run_tool(command: list[str], cwd: Path | None = None) -> str:
    result = subprocess.run(  # noqa: S603 - fixed tools, arguments built here
        command,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=TOOL_TIMEOUT_SECONDS,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"{command[0]} failed: {result.stderr.strip()}")
    return result.stdout


def pgbench_point_queries(
    schema: str, count: int, workdir: Path, rows: int = ROWS, dsn: str | None = None
) -> list[int]:
    """Nanoseconds of each of `count` point queries made by pgbench on one connection.

    The script picks a random id and selects it with a prepared statement
    (-M prepared), as psycopg does; pgbench writes each transaction's latency
    in microseconds to a log (-l), one line per query, which is read back.
    """
    if count < 1 or rows < 1:
        raise ValueError("need at least one query and one row")
    script = workdir / "point_query.sql"
    script.write_text(
        f"\\set id random(1, {rows})\n"
        f'SELECT name FROM "{schema}".item WHERE id = :id;\n',
        encoding="utf-8",
    )
    prefix = workdir / "pgbench"
    _run_tool(
        [
            "pgbench",
            "-n",
            "-c",
            "1",
            "-t",
            str(count),
            "-M",
            "prepared",
            "-f",
            str(script),
            "-l",
            f"--log-prefix={prefix}",
            dsn or postgres_dsn(),
        ],
        cwd=workdir,
    )
    logs = sorted(workdir.glob("pgbench.*"))
    if len(logs) != 1:
        raise RuntimeError(f"expected one pgbench log, found {len(logs)}")
    try:
        lines = logs[0].read_text(encoding="utf-8").split("\n")
    finally:
        logs[0].unlink()
    # client_id transaction_no latency_us script_no epoch_s epoch_us
    return [int(line.split()[2]) * 1000 for line in lines if line.strip()]


def parse_redis_benchmark_csv(text: str) -> Percentiles:
    """The p50, p99 and mean of one `redis-benchmark --csv` test, in seconds."""
    rows = list(csv.DictReader(io.StringIO(text)))
    if len(rows) != 1:
        raise ValueError(f"expected one test in the output, found {len(rows)}")
    try:
        row = rows[0]
        p50, p99, mean = (
            float(row[f"{name}_latency_ms"]) / 1000 for name in ("p50", "p99", "avg")
        )
    except (KeyError, ValueError) as error:
        raise ValueError(f"not redis-benchmark CSV output: {error}") from error
    return Percentiles(p50, p99, mean, 0)


def redis_benchmark_gets(key: str, count: int, url: str | None = None) -> Percentiles:
    """p50, p99 and mean of `count` GETs of `key` by redis-benchmark, one connection."""
    if count < 1:
        raise ValueError(f"count must be at least 1, got {count}")
    address = urlsplit(url or redis_url())
    output = _run_tool(
        [
            "redis-benchmark",
            "-h",
            address.hostname or "127.0.0.1",
            "-p",
            str(address.port or 6379),
            "--dbnum",
            address.path.strip("/") or "0",
            "-c",
            "1",
            "-n",
            str(count),
            "--csv",
            "GET",
            key,
        ]
    )
    summary = parse_redis_benchmark_csv(output)
    return Percentiles(summary.p50, summary.p99, summary.mean, count)


def redis_version(client: redis.Redis) -> str:
    return str(client.info("server")["redis_version"])
