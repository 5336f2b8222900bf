"""PostgreSQL partitioning on the real server: pruning, routing, and cleanup."""

from __future__ import annotations

import psycopg
import pytest
from psycopg import sql

from examples.server_settings import CONNECT_TIMEOUT_SECONDS
from examples.system_design.partitioning.pg_partitions import (
    create_tables,
    rows_per_partition,
    scanned_partitions,
    scratch_schema,
)


def schema_exists(dsn: str, name: str) -> bool:
    with psycopg.connect(dsn, connect_timeout=CONNECT_TIMEOUT_SECONDS) as conn:
        row = conn.execute("SELECT count(*) FROM pg_namespace WHERE nspname = %s", (name,)).fetchone()
        return row is not None and row[0] == 1


def test_the_scratch_schema_is_dropped_even_after_an_error(postgres_dsn: str) -> None:
    with pytest.raises(RuntimeError), scratch_schema(postgres_dsn) as conn:
        row = conn.execute("SELECT current_schema()").fetchone()
        assert row is not None
        name = row[0]
        assert name.startswith("ex_partitioning_")
        assert schema_exists(postgres_dsn, name)
        raise RuntimeError("boom")
    assert not schema_exists(postgres_dsn, name)


def test_pruning_reads_only_the_partitions_a_key_can_be_in(postgres_dsn: str) -> None:
    with scratch_schema(postgres_dsn) as conn:
        create_tables(conn)
        month = "SELECT * FROM events WHERE created_at >= %s AND created_at < %s"
        assert scanned_partitions(conn, month, ("2024-03-01", "2024-03-02")) == ["events_2024_03"]
        assert scanned_partitions(conn, month, ("2024-01-31", "2024-02-02")) == ["events_2024_01", "events_2024_02"]
        by_id = "SELECT * FROM accounts WHERE id = %s"
        for account in (1, 42, 999):
            (partition,) = scanned_partitions(conn, by_id, (account,))
            row = conn.execute("SELECT tableoid::regclass::text FROM accounts WHERE id = %s", (account,)).fetchone()
            assert row == (partition,)  # the pruned plan reads where the row really is


def test_rows_are_routed_by_key_and_every_row_lands_somewhere(postgres_dsn: str) -> None:
    with scratch_schema(postgres_dsn) as conn:
        create_tables(conn)
        assert sum(rows_per_partition(conn, "accounts").values()) == 1000
        assert rows_per_partition(conn, "events") == {
            "events_2024_01": 3100,
            "events_2024_02": 2900,
            "events_2024_03": 3100,
        }
        with pytest.raises(psycopg.errors.CheckViolation, match="no partition"):
            conn.execute("INSERT INTO events VALUES (1, '2024-04-01', 'view')")


def test_detach_in_a_transaction_blocks_every_reader_until_commit(postgres_dsn: str) -> None:
    # The split in pg_partitions.py says queries on accounts wait for its commit.
    with scratch_schema(postgres_dsn) as conn:
        create_tables(conn)
        row = conn.execute("SELECT current_schema()").fetchone()
        assert row is not None
        count_accounts = sql.SQL("SELECT count(*) FROM {}.accounts").format(sql.Identifier(row[0]))
        with conn.transaction(force_rollback=True):
            conn.execute("ALTER TABLE accounts DETACH PARTITION accounts_p0")
            locks = conn.execute(
                "SELECT mode FROM pg_locks WHERE pid = pg_backend_pid() AND relation = 'accounts'::regclass"
            ).fetchall()
            assert ("AccessExclusiveLock",) in locks
            with psycopg.connect(postgres_dsn, connect_timeout=CONNECT_TIMEOUT_SECONDS, autocommit=True) as reader:
                reader.execute("SET lock_timeout = '200ms'")
                with pytest.raises(psycopg.errors.LockNotAvailable):
                    reader.execute(count_accounts)
        assert sum(rows_per_partition(conn, "accounts").values()) == 1000  # rolled back: nothing lost
        # The lighter lock has a price: it cannot be part of the one-transaction split.
        in_a_transaction = pytest.raises(psycopg.errors.ActiveSqlTransaction, match="inside a transaction block")
        with in_a_transaction, conn.transaction():
            conn.execute("ALTER TABLE accounts DETACH PARTITION accounts_p0 CONCURRENTLY")
