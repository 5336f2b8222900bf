from __future__ import annotations

from sqlalchemy import text

from examples.data.orm.statement_counter import StatementCounter


def test_counts_only_while_active(sqlite_engine) -> None:
    with sqlite_engine.connect() as connection:
        with StatementCounter(sqlite_engine) as counter:
            connection.execute(text("SELECT 1"))
            connection.execute(text("SELECT 2"))
        connection.execute(text("SELECT 3"))
    assert counter.count == 2
    assert counter.statements == ["SELECT 1", "SELECT 2"]


def test_listener_is_removed_even_after_an_error(sqlite_engine) -> None:
    counter = StatementCounter(sqlite_engine)
    try:
        with counter:
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    with sqlite_engine.connect() as connection:
        connection.execute(text("SELECT 1"))
    assert counter.count == 0
