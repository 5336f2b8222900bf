"""Run this topic's Alembic migrations from code, against any engine.

Tests and the demo below call `upgrade` and `downgrade` with a fresh database
(in-memory SQLite or a throwaway PostgreSQL schema), through Alembic's command
API, the same code path as the `alembic` command line.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, Engine, event, inspect, text

from examples.data.orm import models

# Found beside the models package (not this file), so it resolves the same way
# however this module is loaded.
MIGRATIONS_DIR = Path(models.__file__).resolve().parent / "migrations"
LOCK_TIMEOUT_MS = 5_000


# --8<-- [start:api]
def alembic_config(
    connection: Connection | None = None, url: str | None = None
) -> Config:
    """A Config built in code: where the scripts are, and what to connect to."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url is not None:
        config.set_main_option("sqlalchemy.url", url)
    # env.py uses this open connection instead of making its own engine.
    config.attributes["connection"] = connection
    return config


def upgrade(
    engine: Engine, revision: str = "head", *, lock_timeout_ms: int = LOCK_TIMEOUT_MS
) -> None:
    """Apply migrations up to `revision`, each revision in its own transaction."""
    with migration_connection(engine, lock_timeout_ms) as connection:
        command.upgrade(alembic_config(connection), revision)


def downgrade(
    engine: Engine, revision: str, *, lock_timeout_ms: int = LOCK_TIMEOUT_MS
) -> None:
    """Undo migrations down to `revision` ("base" removes everything)."""
    with migration_connection(engine, lock_timeout_ms) as connection:
        command.downgrade(alembic_config(connection), revision)


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, read from its alembic_version table."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


# --8<-- [end:api]


# --8<-- [start:connection]
@contextmanager
def migration_connection(
    engine: Engine, lock_timeout_ms: int = LOCK_TIMEOUT_MS
) -> Iterator[Connection]:
    """A connection, outside any transaction, for Alembic to run revisions on.

    PostgreSQL: each lock a migration waits for gives up after `lock_timeout_ms`,
    so an ALTER TABLE stuck behind a long transaction fails fast instead of
    stalling every query that queues up behind it. Run it again later.

    SQLite: the table rebuilds of batch mode need two things that its own
    ALTER TABLE documentation asks for. Foreign keys go off, because a rebuild
    drops the old table, and DROP TABLE would fire ON DELETE CASCADE on every
    row that refers to it (env.py checks the references before each commit).
    And each transaction starts with an explicit BEGIN: Python's sqlite3 module
    begins one only before INSERT, UPDATE, DELETE or REPLACE, so DDL that comes
    first would be committed statement by statement.
    """
    if isinstance(lock_timeout_ms, bool) or not isinstance(lock_timeout_ms, int):
        raise TypeError("lock_timeout_ms must be an int")
    if lock_timeout_ms < 1:
        raise ValueError("lock_timeout_ms must be at least 1")
    with engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            with _sqlite_rebuild_mode(connection):
                yield connection
        elif connection.dialect.name == "postgresql":
            set_timeout = "SELECT set_config('lock_timeout', :value, false)"
            connection.execute(text(set_timeout), {"value": f"{lock_timeout_ms}ms"})
            connection.commit()
            try:
                yield connection
            except BaseException:
                # Discard it, setting and all, rather than risk a second error
                # here that would hide the first.
                connection.invalidate()
                raise
            connection.exec_driver_sql("RESET lock_timeout")
            connection.commit()
        else:
            yield connection


@contextmanager
def _sqlite_rebuild_mode(connection: Connection) -> Iterator[None]:
    # PRAGMA foreign_keys does nothing inside a transaction, so it goes straight
    # to the driver before SQLAlchemy begins one, and again after the last ends.
    sqlite = connection.connection.driver_connection
    assert sqlite is not None
    (enforced,) = sqlite.execute("PRAGMA foreign_keys").fetchone()
    sqlite.execute("PRAGMA foreign_keys = OFF")
    if sqlite.execute("PRAGMA foreign_keys").fetchone()[0]:
        # Say so rather than rebuild tables with cascades armed.
        raise RuntimeError("foreign keys stayed on: the connection is in a transaction")
    event.listen(connection, "begin", _emit_begin)
    try:
        yield
    finally:
        event.remove(connection, "begin", _emit_begin)
        connection.rollback()
        sqlite.execute(f"PRAGMA foreign_keys = {'ON' if enforced else 'OFF'}")


def _emit_begin(connection: Connection) -> None:
    connection.exec_driver_sql("BEGIN")


# --8<-- [end:connection]


def columns(engine: Engine, table: str) -> list[str]:
    """Column names of `table`, in table order."""
    return [column["name"] for column in inspect(engine).get_columns(table)]


def tables(engine: Engine) -> list[str]:
    """Tables the migrations created (Alembic's own bookkeeping table left out)."""
    return sorted(set(inspect(engine).get_table_names()) - {"alembic_version"})


if __name__ == "__main__":
    from sqlalchemy import text

    from examples.data.orm.database import make_engine

    # --8<-- [start:demo]
    engine = make_engine()  # a fresh, empty in-memory SQLite database
    upgrade(engine, "0001")
    print(current_revision(engine), tables(engine))
    #> 0001 ['authors', 'comments', 'posts']
    with engine.begin() as connection:  # a row that exists before the new column
        connection.execute(text("INSERT INTO authors (id, name) VALUES (1, 'Ada')"))
        connection.execute(
            text("INSERT INTO posts (author_id, title) VALUES (:a, :t)"),
            {"a": 1, "t": "Notes on the engine"},
        )
    upgrade(engine)  # to head: 0002 adds posts.view_count
    print(current_revision(engine), columns(engine, "posts"))
    #> 0002 ['id', 'author_id', 'title', 'view_count']
    with engine.connect() as connection:
        print(connection.execute(text("SELECT title, view_count FROM posts")).all())
        #> [('Notes on the engine', 0)]
    downgrade(engine, "0001")
    print(current_revision(engine), columns(engine, "posts"))
    #> 0001 ['id', 'author_id', 'title']
    downgrade(engine, "base")
    print(current_revision(engine), tables(engine))
    #> None []
    # --8<-- [end:demo]
    engine.dispose()
