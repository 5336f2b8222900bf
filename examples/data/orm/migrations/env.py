"""Alembic's entry point for this migrations directory, configured in code.

Alembic imports this file when a command runs (`command.upgrade(...)`). There
is no alembic.ini: the caller builds a `Config` (see ../migrate.py) and hands
over an open connection in `config.attributes["connection"]`, so tests can run
migrations on in-memory SQLite or inside a throwaway PostgreSQL schema. The
connection comes from `migrate.migration_connection()`, outside any transaction:
Alembic begins and commits one per revision. With no connection given, it
connects to `sqlalchemy.url`, else to `engine_url()`.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from alembic import context
from alembic.runtime.migration import MigrationContext, MigrationInfo
from sqlalchemy import Connection

from examples.data.orm.database import engine_url, make_engine
from examples.data.orm.migrate import migration_connection
from examples.data.orm.models import Base


# --8<-- [start:env]
def _configure(connection: Connection) -> None:
    sqlite = connection.dialect.name == "sqlite"
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # Autogenerate writes batch operations, so a revision generated against
        # either database runs on both (on PostgreSQL they are plain ALTERs).
        render_as_batch=True,
        # Each revision commits with its alembic_version row: a failure leaves
        # the database at the last revision that worked, and autocommit_block()
        # (CREATE INDEX CONCURRENTLY) can commit what came before it.
        transaction_per_migration=True,
        on_version_apply=_references_intact if sqlite else None,
    )
    with context.begin_transaction():
        context.run_migrations()


def _references_intact(
    ctx: MigrationContext,
    step: MigrationInfo,
    heads: Collection[str],
    run_args: Mapping[str, Any],
) -> None:
    # SQLite migrates with foreign keys off (see migration_connection), so
    # check them before this revision commits; raising here rolls it back.
    assert ctx.connection is not None
    broken = ctx.connection.exec_driver_sql("PRAGMA foreign_key_check").all()
    if broken:
        where = ", ".join(sorted(heads)) or "base"
        raise RuntimeError(f"dangling references at revision {where}: {broken}")


def run_migrations() -> None:
    """Run the requested migrations online, or print their SQL when offline."""
    config = context.config
    url = config.get_main_option("sqlalchemy.url") or engine_url()
    if context.is_offline_mode():
        # `sql=True` (the CLI's --sql): render the DDL as text to review.
        context.configure(
            url=url,
            target_metadata=Base.metadata,
            literal_binds=True,
            transaction_per_migration=True,
        )
        with context.begin_transaction():
            context.run_migrations()
        return
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        return
    engine = make_engine(url)
    try:
        with migration_connection(engine) as own_connection:
            _configure(own_connection)
    finally:
        engine.dispose()


# --8<-- [end:env]

# Alembic imports this module under its own name; run alone, it does nothing.
if __name__ != "__main__":
    run_migrations()
