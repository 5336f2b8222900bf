"""Alembic's entry point for this migrations directory, configured in code.

Alembic imports this file when a command runs (`command.upgrade(...)`). There
is no alembic.ini: the caller builds a `Config` (see ../migrate.py) and hands
over an open connection in `config.attributes["connection"]`, so tests can run
migrations on in-memory SQLite or inside a throwaway PostgreSQL schema. With no
connection given, it connects to `sqlalchemy.url`, else to `engine_url()`.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from examples.data.orm.database import engine_url, make_engine
from examples.data.orm.models import Base


# --8<-- [start:env]
def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # SQLite cannot ALTER most things in place; batch mode copies the table.
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations() -> None:
    """Run the requested migrations online, or print their SQL when offline."""
    config = context.config
    url = config.get_main_option("sqlalchemy.url") or engine_url()
    if context.is_offline_mode():
        # `--sql` mode: render the DDL as text for a DBA to review; no connection.
        context.configure(url=url, target_metadata=Base.metadata, literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        return
    engine = make_engine(url)
    try:
        with engine.connect() as own_connection:
            _configure(own_connection)
            own_connection.commit()
    finally:
        engine.dispose()


# --8<-- [end:env]

# Alembic imports this module under its own name; run alone, it does nothing.
if __name__ != "__main__":
    run_migrations()
