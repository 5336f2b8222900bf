"""The servers the tests start for themselves come up as promised and leave nothing behind."""

from __future__ import annotations

import socket
import time

import psycopg

from tests.support.postgres_pair import start as start_postgres_pair


def _value_on_replica(replica_dsn: str, table: str, deadline_seconds: float = 10.0) -> int | None:
    deadline = time.monotonic() + deadline_seconds
    with psycopg.connect(replica_dsn, autocommit=True, connect_timeout=5) as conn:
        while time.monotonic() < deadline:
            exists = conn.execute("SELECT to_regclass(%s) IS NOT NULL", (table,)).fetchone()
            if exists and exists[0]:
                row = conn.execute(f"SELECT max(x) FROM {table}").fetchone()  # noqa: S608 - fixed name
                if row and row[0] is not None:
                    return row[0]
            time.sleep(0.05)
    return None


def test_the_pair_is_a_primary_and_a_streaming_replica(postgres_pair: tuple[str, str]) -> None:
    primary, replica = postgres_pair
    with psycopg.connect(primary, autocommit=True, connect_timeout=5) as conn:
        assert conn.execute("SELECT pg_is_in_recovery()").fetchone() == (False,)
        assert conn.execute("SHOW max_prepared_transactions").fetchone() == ("10",)
        states = conn.execute("SELECT application_name, state FROM pg_stat_replication").fetchall()
        assert ("replica1", "streaming") in states
        conn.execute("DROP TABLE IF EXISTS provisioned_check")
        conn.execute("CREATE TABLE provisioned_check (x int)")
        conn.execute("INSERT INTO provisioned_check VALUES (42)")
    try:
        with psycopg.connect(replica, autocommit=True, connect_timeout=5) as conn:
            assert conn.execute("SELECT pg_is_in_recovery()").fetchone() == (True,)
        assert _value_on_replica(replica, "provisioned_check") == 42
    finally:
        with psycopg.connect(primary, autocommit=True, connect_timeout=5) as conn:
            conn.execute("DROP TABLE provisioned_check")


def _port_open(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def test_stopping_a_pair_closes_its_ports_and_deletes_its_data(postgres_pair: tuple[str, str]) -> None:
    # The fixture skips (or fails under CI) where PostgreSQL cannot be started; this test starts a second pair.
    pair = start_postgres_pair()
    assert pair.root.exists() and _port_open(pair.primary_port) and _port_open(pair.replica_port)
    pair.stop()
    assert not pair.root.exists()
    assert not _port_open(pair.primary_port) and not _port_open(pair.replica_port)
