"""Two requests at once: the gate makes the bad interleaving happen on every run."""

from __future__ import annotations

import secrets
import time
from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest
from psycopg.conninfo import make_conninfo

from examples import server_settings
from examples.apis.testing.concurrency_demo import ReadThenWriteOrders, gate, race, waiting
from examples.apis.testing.orders_store import PostgresOrders, create_tables
from examples.scratch_postgres import connect, scratch_schema

TWO_BUYERS = ("buyer-a-0001", "buyer-b-0001")
ONE_BUYER_TWICE = ("buyer-a-0001", "buyer-a-0001")


@pytest.mark.usefixtures("pg_dsn")  # skips, or fails under CI, without a server
@pytest.mark.parametrize(
    ("store", "keys", "result"),
    [
        (ReadThenWriteOrders, TWO_BUYERS, "statuses [201, 201], order ids 2, rows 2, stock 0"),
        (PostgresOrders, TWO_BUYERS, "statuses [201, 409], order ids 1, rows 1, stock 0"),
        (PostgresOrders, ONE_BUYER_TWICE, "statuses [201, 201], order ids 1, rows 1, stock 0"),
    ],
)
def test_the_race_ends_the_same_way_every_time(store, keys, result) -> None:
    for _ in range(3):  # not a retry: three runs, three identical outcomes
        assert race(store, keys) == result


@pytest.mark.usefixtures("pg_dsn")
def test_the_gate_gives_up_when_no_request_arrives(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("examples.apis.testing.concurrency_demo.TIMEOUT_SECONDS", 0.2)
    with scratch_schema("t_gate") as schema:
        with connect(schema) as conn:
            create_tables(conn)
            PostgresOrders(conn).add_product("lamp", unit_cents=1, stock=1)
        with pytest.raises(TimeoutError, match="never reached the lock"), gate(schema, "lamp", "nobody"):
            pass


@pytest.mark.usefixtures("pg_dsn")
def test_pg_stat_activity_is_a_snapshot_inside_a_transaction() -> None:
    # Why gate() polls from a second, autocommit connection.
    name = f"t-snapshot-{secrets.token_hex(4)}"
    with connect("public") as watcher, connect("public", autocommit=False) as in_transaction:
        assert sessions_named(in_transaction, name) == 0  # opens a transaction and its snapshot
        dsn = make_conninfo(server_settings.postgres_dsn(), application_name=name)
        with psycopg.connect(dsn, connect_timeout=server_settings.CONNECT_TIMEOUT_SECONDS):
            assert sessions_named(watcher, name) == 1  # autocommit: sees the new session
            assert sessions_named(in_transaction, name) == 0  # still the old snapshot
            in_transaction.rollback()
            assert sessions_named(in_transaction, name) == 1  # a new transaction, a new look


def sessions_named(conn: psycopg.Connection, name: str) -> int:
    row = conn.execute("SELECT count(*) FROM pg_stat_activity WHERE application_name = %s", (name,))
    return row.fetchone()[0]


def named_dsn(name: str) -> str:
    return make_conninfo(server_settings.postgres_dsn(), application_name=name)


def wait_until(condition, what: str, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(what)
        time.sleep(0.01)


def waits_of(conn: psycopg.Connection, name: str) -> list[tuple[str, str]]:
    rows = conn.execute(
        "SELECT wait_event_type, wait_event FROM pg_stat_activity"
        " WHERE application_name = %s AND wait_event_type = 'Lock'",
        (name,),
    )
    return rows.fetchall()


@pytest.mark.usefixtures("pg_dsn")
def test_the_gate_counts_row_lock_waits_not_any_lock_wait() -> None:
    name = f"t-waits-{secrets.token_hex(4)}"
    with scratch_schema("t_waits") as schema, connect(schema) as watcher:
        create_tables(watcher)
        PostgresOrders(watcher).add_product("lamp", unit_cents=1, stock=1)
        with (
            connect(schema) as holder,
            connect(schema, named_dsn(name)) as waiter,
            ThreadPoolExecutor(max_workers=1) as pool,
        ):
            # An advisory-lock wait is a 'Lock' wait too, but not on a row.
            holder.execute("SELECT pg_advisory_lock(4711)")
            blocked = pool.submit(waiter.execute, "SELECT pg_advisory_lock(4711)")
            wait_until(lambda: waits_of(watcher, name) == [("Lock", "advisory")], "no advisory wait")
            assert waiting(watcher, name) == 0
            holder.execute("SELECT pg_advisory_unlock(4711)")
            blocked.result(timeout=10)
            waiter.execute("SELECT pg_advisory_unlock(4711)")
            # A row-lock wait is what the gate waits for.
            with holder.transaction():
                holder.execute("SELECT 1 FROM products WHERE sku = 'lamp' FOR NO KEY UPDATE")
                blocked = pool.submit(waiter.execute, "UPDATE products SET stock = 0")
                wait_until(lambda: waits_of(watcher, name) == [("Lock", "transactionid")], "no row wait")
                assert waiting(watcher, name) == 1
            blocked.result(timeout=10)


def blocks(conn: psycopg.Connection, statement: str) -> bool:
    """Whether `statement` has to wait for a lock (given up after 200 ms)."""
    try:
        with conn.transaction(force_rollback=True):
            conn.execute("SET LOCAL lock_timeout = '200ms'")
            conn.execute(statement)
    except psycopg.errors.LockNotAvailable:
        return True
    return False


@pytest.mark.usefixtures("pg_dsn")
@pytest.mark.parametrize(("strength", "blocks_the_fk_insert"), [("UPDATE", True), ("NO KEY UPDATE", False)])
def test_for_update_blocks_the_foreign_key_check_and_no_key_update_does_not(
    strength: str, blocks_the_fk_insert: bool
) -> None:
    # The FK check on INSERT INTO orders takes FOR KEY SHARE on the product row.
    insert = "INSERT INTO orders (idempotency_key, sku, quantity, total_cents) VALUES ('k', 'lamp', 1, 1)"
    with scratch_schema("t_locks") as schema, connect(schema) as other:
        create_tables(other)
        PostgresOrders(other).add_product("lamp", unit_cents=1, stock=1)
        with connect(schema) as holder, holder.transaction(force_rollback=True):
            holder.execute(f"SELECT 1 FROM products WHERE sku = 'lamp' FOR {strength}")  # noqa: S608 - a constant
            assert blocks(other, insert) is blocks_the_fk_insert
            assert blocks(other, "UPDATE products SET stock = 0 WHERE sku = 'lamp'")  # the gate holds either way


@pytest.mark.usefixtures("pg_dsn")
def test_the_race_is_in_the_sql_two_connections_and_no_http_lose_it_too() -> None:
    # The same gate and the same two orders, as two threads calling the store directly.
    name = f"t-direct-{secrets.token_hex(4)}"
    with scratch_schema("t_direct") as schema:
        with connect(schema) as conn:
            create_tables(conn)
            PostgresOrders(conn).add_product("lamp", unit_cents=4000, stock=1)

        def buy(key: str) -> int:
            with connect(schema, named_dsn(name)) as conn:
                return ReadThenWriteOrders(conn).place(key, "lamp", 1).id

        with ThreadPoolExecutor(max_workers=2) as pool:
            with gate(schema, "lamp", name):
                pending = [pool.submit(buy, key) for key in TWO_BUYERS]
            ids = {future.result(timeout=10) for future in pending}
        with connect(schema) as conn:
            rows = conn.execute("SELECT (SELECT stock FROM products), (SELECT count(*) FROM orders)")
            assert (len(ids), *rows.fetchone()) == (2, 0, 2)  # two orders, one lamp
