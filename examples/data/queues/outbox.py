"""The transactional outbox on PostgreSQL, relayed to RabbitMQ.

The order row and the event that announces it are written in one database
transaction, so either both exist or neither does. A relay then claims unsent
events with FOR UPDATE SKIP LOCKED, publishes them, and marks them sent.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import psycopg
from pika.adapters.blocking_connection import BlockingChannel
from psycopg import sql

from examples import scratch_postgres
from examples.data.queues.work_queue import publish
from examples.server_settings import CONNECT_TIMEOUT_SECONDS, postgres_dsn

# --8<-- [start:schema]
SCHEMA = """
CREATE TABLE orders (
    id      text PRIMARY KEY,
    account text NOT NULL,
    cents   integer NOT NULL CHECK (cents > 0)
);
CREATE TABLE outbox (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id text NOT NULL UNIQUE,
    payload    jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    sent_at    timestamptz
);
-- The relay only ever looks for unsent rows; keep that lookup small.
CREATE INDEX outbox_unsent ON outbox (id) WHERE sent_at IS NULL;
"""
# --8<-- [end:schema]


def connect(dsn: str | None = None) -> psycopg.Connection:
    """An autocommit connection: every transaction is an explicit `transaction()` block."""
    return psycopg.connect(
        dsn or postgres_dsn(), connect_timeout=CONNECT_TIMEOUT_SECONDS, autocommit=True
    )


@contextmanager
def temporary_schema(dsn: str | None = None) -> Iterator[str]:
    """Create a uniquely named schema with the outbox tables; drop it on exit."""
    with (
        scratch_postgres.scratch_schema("ex_outbox", dsn) as name,
        connect(dsn) as conn,
    ):
        use_schema(conn, name)
        conn.execute(SCHEMA.encode())  # several statements: no parameters allowed
        yield name


def use_schema(conn: psycopg.Connection, schema: str) -> None:
    """Point `conn` at `schema` for the rest of its life."""
    conn.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(schema)))


# --8<-- [start:place_order]
def place_order(
    conn: psycopg.Connection, order_id: str, account: str, cents: int
) -> None:
    """Insert the order and its `order-placed` event atomically.

    Called inside a caller's transaction, this becomes a savepoint, and the
    caller's rollback removes both rows.
    """
    payload = {"order_id": order_id, "account": account, "cents": cents}
    with conn.transaction():
        conn.execute(
            "INSERT INTO orders (id, account, cents) VALUES (%s, %s, %s)",
            (order_id, account, cents),
        )
        conn.execute(
            "INSERT INTO outbox (message_id, payload) VALUES (%s, %s)",
            (f"order-placed:{order_id}", json.dumps(payload)),
        )


# --8<-- [end:place_order]

Hook = Callable[[list[str]], None]


# --8<-- [start:relay]
CLAIM = """
SELECT id, message_id, payload::text FROM outbox
WHERE sent_at IS NULL
ORDER BY id
LIMIT %s
FOR UPDATE SKIP LOCKED
"""


def relay_batch(
    conn: psycopg.Connection,
    channel: BlockingChannel,
    queue: str,
    batch_size: int = 100,
    after_claim: Hook | None = None,
    after_publish: Hook | None = None,
) -> list[str]:
    """Publish up to `batch_size` unsent events and mark them sent; return their ids.

    `channel` must be in confirm mode, so a publish returns only once the
    broker holds the message. The hooks exist so tests can pause between steps
    or crash at the worst moment.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    with conn.transaction():
        # Rows another relay has locked are skipped, not waited on: two relays
        # split the backlog instead of queueing behind each other.
        rows = conn.execute(CLAIM, (batch_size,)).fetchall()
        claimed = [message_id for _id, message_id, _payload in rows]
        if after_claim:
            after_claim(claimed)
        for _id, message_id, payload in rows:
            publish(channel, queue, message_id, payload.encode())
        if after_publish:
            after_publish(claimed)  # a crash here means: published, never marked
        conn.execute(
            "UPDATE outbox SET sent_at = now() WHERE id = ANY(%s)",
            ([row_id for row_id, _mid, _payload in rows],),
        )
    return claimed


# --8<-- [end:relay]


def unsent_count(conn: psycopg.Connection) -> int:
    """Events written but not yet marked sent."""
    row = conn.execute("SELECT count(*) FROM outbox WHERE sent_at IS NULL").fetchone()
    return row[0] if row else 0
