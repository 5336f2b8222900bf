import psycopg
import pytest
from psycopg import IsolationLevel

from examples.data.transactions.pg_sessions import begin, level_name, two_sessions


def test_begin_sets_the_level_of_the_transaction(postgres_dsn: str) -> None:
    with two_sessions("CREATE TABLE t (x int)", postgres_dsn) as s:
        begin(s.a, IsolationLevel.REPEATABLE_READ)
        level = s.a.execute("SHOW transaction_isolation").fetchone()[0]
        assert level == "repeatable read"
        with pytest.raises(RuntimeError):
            begin(s.a, IsolationLevel.SERIALIZABLE)
        s.a.rollback()


def test_schema_is_private_and_dropped_even_on_failure(postgres_dsn: str) -> None:
    with pytest.raises(ZeroDivisionError), two_sessions(
        "CREATE TABLE t (x int)", postgres_dsn
    ) as s:
        schema = s.a.execute("SELECT current_schema()").fetchone()[0]
        assert schema.startswith("ex_txn_")
        assert s.b.execute("SELECT current_schema()").fetchone()[0] == schema
        s.a.rollback()
        s.b.rollback()
        1 / 0  # noqa: B018
    with psycopg.connect(postgres_dsn) as check:
        row = check.execute(
            "SELECT count(*) FROM pg_namespace WHERE nspname = %s", (schema,)
        ).fetchone()
    assert row[0] == 0


def test_is_waiting_on_lock_is_false_for_an_idle_session(postgres_dsn: str) -> None:
    with two_sessions("CREATE TABLE t (x int)", postgres_dsn) as s:
        assert s.is_waiting_on_lock(s.b) is False


def test_level_name() -> None:
    assert level_name(IsolationLevel.READ_COMMITTED) == "READ COMMITTED"
