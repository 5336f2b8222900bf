"""Two requests at once: the gate makes the bad interleaving happen on every run."""

from __future__ import annotations

import secrets

import psycopg
import pytest
from psycopg.conninfo import make_conninfo

from examples import server_settings
from examples.apis.testing.concurrency_demo import ReadThenWriteOrders, gate, race
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
