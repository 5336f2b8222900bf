from __future__ import annotations

import io

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.util.exc import CommandError
from sqlalchemy import text

from examples.data.orm.migrate import alembic_config, columns, current_revision, downgrade, tables, upgrade
from examples.data.orm.models import Base


def test_fresh_database_has_no_revision(engine) -> None:
    assert current_revision(engine) is None
    assert tables(engine) == []


def test_upgrade_and_downgrade_step_by_step(engine) -> None:
    upgrade(engine, "0001")
    assert (current_revision(engine), tables(engine)) == ("0001", ["authors", "comments", "posts"])
    assert "view_count" not in columns(engine, "posts")
    upgrade(engine)
    assert current_revision(engine) == "0002"
    assert columns(engine, "posts")[-1] == "view_count"
    downgrade(engine, "0001")
    assert "view_count" not in columns(engine, "posts")
    downgrade(engine, "base")
    assert (current_revision(engine), tables(engine)) == (None, [])


def test_server_default_fills_rows_written_before_the_column(engine) -> None:
    upgrade(engine, "0001")
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO authors (id, name) VALUES (1, 'Ada')"))
        connection.execute(text("INSERT INTO posts (author_id, title) VALUES (1, 'old')"))
    upgrade(engine, "head")
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO posts (author_id, title) VALUES (1, 'new')"))
        rows = connection.execute(text("SELECT title, view_count FROM posts ORDER BY id")).all()
    assert [tuple(r) for r in rows] == [("old", 0), ("new", 0)]


def test_head_matches_the_models(engine) -> None:
    upgrade(engine)
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []


def test_upgrade_twice_is_a_no_op(engine) -> None:
    upgrade(engine)
    upgrade(engine)
    assert current_revision(engine) == "0002"


def test_downgrade_keeps_other_columns_data(engine) -> None:
    upgrade(engine)
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO authors (id, name) VALUES (1, 'Ada')"))
        connection.execute(text("INSERT INTO posts (author_id, title, view_count) VALUES (1, 'kept', 7)"))
    downgrade(engine, "0001")
    with engine.connect() as connection:
        assert connection.execute(text("SELECT title FROM posts")).scalars().all() == ["kept"]


def test_unknown_revision_is_a_clear_error(sqlite_engine) -> None:
    with pytest.raises(CommandError, match="nope"):
        upgrade(sqlite_engine, "nope")
    assert current_revision(sqlite_engine) is None


def test_offline_mode_renders_sql_for_review() -> None:
    buffer = io.StringIO()
    config = alembic_config(url="postgresql+psycopg://u@localhost/x")
    config.output_buffer = buffer
    command.upgrade(config, "head", sql=True)
    sql = buffer.getvalue()
    assert "CREATE TABLE authors" in sql
    assert "ALTER TABLE posts ADD COLUMN view_count INTEGER DEFAULT 0 NOT NULL" in sql
