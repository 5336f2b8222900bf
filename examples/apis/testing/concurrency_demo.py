"""Two requests at once, made to overlap on purpose instead of by chance.

The app runs under uvicorn on a free port with one PostgreSQL connection per
request. The test holds a row lock on the product (the gate), sends two
POSTs, waits until PostgreSQL reports both stuck behind a lock, then lets go.
Both requests have done every read before either writes: the interleaving
that breaks a read-then-write, on every run, with no sleep.
"""

# requires-server: postgres

from __future__ import annotations

import secrets
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import httpx2
import psycopg
from psycopg.conninfo import make_conninfo

from examples import uvicorn_server
from examples.apis.testing.orders_app import create_app
from examples.apis.testing.orders_store import PostgresOrders, create_tables
from examples.scratch_postgres import connect, scratch_schema
from examples.server_settings import postgres_dsn

TIMEOUT_SECONDS = 10.0


class ReadThenWriteOrders(PostgresOrders):
    """Stock taken the tempting way: read it, check it in Python, write it back."""

    def _take_stock(self, sku: str, quantity: int) -> bool:
        (stock,) = self.conn.execute(
            "SELECT stock FROM products WHERE sku = %s", (sku,)
        ).fetchone()
        if stock < quantity:
            return False
        self.conn.execute(
            "UPDATE products SET stock = %s WHERE sku = %s", (stock - quantity, sku)
        )
        return True


# --8<-- [start:gate]
@contextmanager
def gate(schema: str, sku: str, app_name: str) -> Iterator[None]:
    """Lock the product row until two of the app's sessions wait on row locks."""
    with connect(schema, autocommit=False) as holder, connect(schema) as watcher:
        # NO KEY UPDATE blocks the stock UPDATE, not the orders foreign-key check.
        holder.execute(
            "SELECT 1 FROM products WHERE sku = %s FOR NO KEY UPDATE", (sku,)
        )
        yield  # the caller sends its requests here
        deadline = time.monotonic() + TIMEOUT_SECONDS
        while waiting(watcher, app_name) < 2:  # a condition, not a guessed sleep
            if time.monotonic() > deadline:
                raise TimeoutError("the requests never reached the lock")
            time.sleep(0.01)
        holder.rollback()  # open the gate


def waiting(conn: psycopg.Connection, app_name: str) -> int:
    """How many of the app's sessions wait for a row lock now.

    A row-lock waiter waits on the holder's transaction id ('transactionid'),
    or behind the first waiter for the row ('tuple'); a lock on a table, an
    advisory lock and the like are other waits, not the ones this gate makes.
    `conn` must be in autocommit: inside a transaction PostgreSQL answers
    pg_stat_activity from a snapshot taken at its first read.
    """
    row = conn.execute(
        "SELECT count(*) FROM pg_stat_activity"
        " WHERE application_name = %s AND wait_event_type = 'Lock'"
        " AND wait_event IN ('transactionid', 'tuple')",
        (app_name,),
    ).fetchone()
    return row[0]


# --8<-- [end:gate]


def race(store: type[PostgresOrders], keys: tuple[str, str]) -> str:
    """Two POSTs for the last lamp, overlapped at the gate; what happened."""
    app_name = f"race-{secrets.token_hex(4)}"  # tells our sessions from others'
    with scratch_schema("ex_race") as schema:
        with connect(schema) as conn:
            create_tables(conn)
            PostgresOrders(conn).add_product("lamp", unit_cents=4000, stock=1)

        @contextmanager
        def open_orders() -> Iterator[PostgresOrders]:
            dsn = make_conninfo(postgres_dsn(), application_name=app_name)
            with connect(schema, dsn) as conn:
                yield store(conn)

        with uvicorn_server.serve(create_app(open_orders)) as port:
            url = f"http://127.0.0.1:{port}/orders"

            def post(key: str) -> httpx2.Response:
                body = {"sku": "lamp", "quantity": 1}
                headers = {"Idempotency-Key": key}
                return httpx2.post(
                    url, json=body, headers=headers, timeout=TIMEOUT_SECONDS
                )

            with ThreadPoolExecutor(max_workers=2) as pool:
                with gate(schema, "lamp", app_name):
                    pending = [pool.submit(post, key) for key in keys]
                responses = [future.result() for future in pending]
        with connect(schema) as conn:
            (stock,) = conn.execute("SELECT stock FROM products").fetchone()
            (orders,) = conn.execute("SELECT count(*) FROM orders").fetchone()
    statuses = sorted(response.status_code for response in responses)
    ids = {response.json().get("id") for response in responses}
    return f"statuses {statuses}, order ids {len(ids - {None})}, rows {orders}, stock {stock}"


if __name__ == "__main__":
    # --8<-- [start:run]
    two_buyers = ("buyer-a-0001", "buyer-b-0001")
    one_buyer_twice = ("buyer-a-0001", "buyer-a-0001")
    print("read-then-write, two buyers:", race(ReadThenWriteOrders, two_buyers))
    #> read-then-write, two buyers: statuses [201, 201], order ids 2, rows 2, stock 0
    print("PostgresOrders, two buyers: ", race(PostgresOrders, two_buyers))
    #> PostgresOrders, two buyers:  statuses [201, 409], order ids 1, rows 1, stock 0
    print("PostgresOrders, one retried:", race(PostgresOrders, one_buyer_twice))
    #> PostgresOrders, one retried: statuses [201, 201], order ids 1, rows 1, stock 0
    # --8<-- [end:run]
