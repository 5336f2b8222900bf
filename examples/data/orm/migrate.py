"""Run this topic's Alembic migrations from code, against any engine.

Tests and the demo below call `upgrade` and `downgrade` with a fresh database
(in-memory SQLite or a throwaway PostgreSQL schema), through Alembic's command
API, the same code path as the `alembic` command line.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, Engine, inspect

from examples.data.orm import models

# Found beside the models package (not this file), so it resolves the same way
# however this module is loaded.
MIGRATIONS_DIR = Path(models.__file__).resolve().parent / "migrations"


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


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply migrations up to `revision` in one transaction."""
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Undo migrations down to `revision` ("base" removes everything)."""
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), revision)


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, read from its alembic_version table."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


# --8<-- [end:api]


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
