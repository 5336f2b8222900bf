"""PostgreSQL and Redis on 127.0.0.1: a point query, a durable commit, a GET.

Each figure is what one client connection sees, one request at a time: the
driver's work, a loopback round trip, and the server's own work. The table
and keys are made here and removed afterwards (a scratch schema, a random
key prefix).
"""

# requires-server: postgres, redis

from __future__ import annotations

import random
import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
import redis

from examples.scratch_postgres import connect, scratch_schema
from examples.server_settings import CONNECT_TIMEOUT_SECONDS, redis_url

ROWS = 100_000  # a real B-tree to walk, and loaded in about a second


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
def point_queries(conn: psycopg.Connection, ids: list[int]) -> float:
    """Seconds per `SELECT ... WHERE id = %s`, one after another on one connection.

    psycopg prepares a query once it has run more than five times (its
    prepare_threshold), so nearly every one here skips parsing and
    planning, as the queries of a long-lived pooled connection do.
    """
    if not ids:
        raise ValueError("ids must not be empty")
    start = time.perf_counter()
    for item_id in ids:
        if (
            conn.execute("SELECT name FROM item WHERE id = %s", (item_id,)).fetchone()
            is None
        ):
            raise LookupError(f"no item {item_id}")
    return (time.perf_counter() - start) / len(ids)


# --8<-- [end:point_query]


def durable_inserts(conn: psycopg.Connection, count: int) -> float:
    """Seconds per one-row INSERT in its own transaction (autocommit).

    With synchronous_commit on (the default) a commit returns only after its
    write-ahead log record is flushed to disk: an fsync per transaction.
    """
    if count < 1:
        raise ValueError(f"count must be at least 1, got {count}")
    start = time.perf_counter()
    for number in range(count):
        conn.execute("INSERT INTO event (body) VALUES (%s)", (f"event {number}",))
    return (time.perf_counter() - start) / count


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


def gets(client: redis.Redis, keys: list[str], count: int, seed: int) -> float:
    """Seconds per GET of a random one of `keys`, one at a time."""
    if count < 1 or not keys:
        raise ValueError("need at least one key and one GET")
    chosen = random.Random(seed).choices(keys, k=count)
    start = time.perf_counter()
    for key in chosen:
        if client.get(key) is None:
            raise LookupError(f"no key {key}")
    return (time.perf_counter() - start) / count


def redis_version(client: redis.Redis) -> str:
    return str(client.info("server")["redis_version"])
