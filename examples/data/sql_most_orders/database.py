"""Open an in-memory SQLite database with this topic's schema (and seed data).

Other examples (the GraphQL API, the index measurement) import this so that they
all work on the very tables and rows the SQL page shows.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCHEMA_SQL = HERE / "schema.sql"
SEED_SQL = HERE / "seed.sql"


def open_database(*, with_seed: bool = True) -> sqlite3.Connection:
    """Return a new in-memory database holding schema.sql and, by default, seed.sql.

    Foreign keys are switched on: SQLite leaves them off unless asked, per connection.
    """
    connection = sqlite3.connect(":memory:")
    connection.execute("PRAGMA foreign_keys = ON")
    connection.executescript(SCHEMA_SQL.read_text(encoding="utf-8"))
    if with_seed:
        connection.executescript(SEED_SQL.read_text(encoding="utf-8"))
    return connection
