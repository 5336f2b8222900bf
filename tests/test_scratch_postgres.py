"""examples/scratch_postgres.py: a schema of its own per run, gone afterwards, names checked."""

from __future__ import annotations

import psycopg
import pytest

from examples.scratch_postgres import connect, scratch_database, scratch_schema


def _schema_exists(dsn: str, schema: str) -> bool:
    with psycopg.connect(dsn, autocommit=True, connect_timeout=5) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_namespace WHERE nspname = %s", (schema,)
        ).fetchone()
    return row == (1,)


def test_tables_land_in_the_scratch_schema_and_leave_with_it(postgres_dsn: str) -> None:
    with scratch_schema("ex_test", postgres_dsn) as schema:
        assert schema.startswith("ex_test_") and len(schema) == len("ex_test_") + 12
        with connect(schema, postgres_dsn) as conn:
            conn.execute("CREATE TABLE t (x int)")
            found = conn.execute(
                "SELECT table_schema FROM information_schema.tables WHERE table_name = 't'"
                " AND table_schema = %s",
                (schema,),
            ).fetchall()
            assert found == [(schema,)]
            assert conn.execute("SHOW statement_timeout").fetchone() == ("5s",)
        assert _schema_exists(postgres_dsn, schema)
    assert not _schema_exists(postgres_dsn, schema)


def test_the_schema_is_dropped_when_the_body_raises(postgres_dsn: str) -> None:
    with pytest.raises(RuntimeError, match="boom"), scratch_schema("ex_test", postgres_dsn) as schema:
        raise RuntimeError("boom")
    assert not _schema_exists(postgres_dsn, schema)


def test_two_scratch_schemas_never_share_a_name(postgres_dsn: str) -> None:
    with scratch_schema("ex_test", postgres_dsn) as a, scratch_schema("ex_test", postgres_dsn) as b:
        assert a != b


def test_connect_can_open_a_transaction_session(postgres_dsn: str) -> None:
    with (
        scratch_schema("ex_test", postgres_dsn) as schema,
        connect(schema, postgres_dsn, autocommit=False, statement_timeout="1s") as conn,
    ):
        assert conn.autocommit is False
        assert conn.execute("SHOW statement_timeout").fetchone() == ("1s",)


@pytest.mark.parametrize("prefix", ["", "Upper", "1abc", "bad-name", "a;drop", "x" * 41])
def test_a_bad_prefix_is_refused_before_connecting(prefix: str) -> None:
    with pytest.raises(ValueError, match="schema prefix"), scratch_schema(prefix, "postgresql://nobody@127.0.0.1:1/none"):
        pass


def _database_exists(dsn: str, name: str) -> bool:
    with psycopg.connect(dsn, autocommit=True, connect_timeout=5) as conn:
        row = conn.execute("SELECT count(*) FROM pg_database WHERE datname = %s", (name,)).fetchone()
    return row == (1,)


def test_a_scratch_database_is_its_own_and_is_dropped_even_with_a_session_open(postgres_dsn: str) -> None:
    with scratch_database("ex_test", postgres_dsn) as database:
        lingering = psycopg.connect(database, autocommit=True, connect_timeout=5)
        name = lingering.execute("SELECT current_database()").fetchone()[0]
        assert name.startswith("ex_test_") and _database_exists(postgres_dsn, name)
    # WITH (FORCE) ended the session the body left open.
    assert not _database_exists(postgres_dsn, name)
    assert _closed_by_server(lingering)
    lingering.close()


def _closed_by_server(conn: psycopg.Connection) -> bool:
    try:
        conn.execute("SELECT 1")
    except psycopg.OperationalError:
        return True
    return False


def test_a_bad_database_prefix_is_refused_before_connecting() -> None:
    with pytest.raises(ValueError, match="prefix"), scratch_database("Bad-Name", "postgresql://nobody@127.0.0.1:1/none"):
        pass
