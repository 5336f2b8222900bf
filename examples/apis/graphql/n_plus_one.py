"""N+1 made visible: count the SQL statements one GraphQL request runs."""

from __future__ import annotations

import sqlite3
from contextlib import closing

from examples.apis.graphql.schema import execute
from examples.apis.graphql.store import recording_statements
from examples.data.sql_most_orders.database import open_database

USERS_WITH_ORDERS = """
    query Page($first: Int!) {
      users(first: $first) { name orders { total } }
    }
"""


def statements_for(db: sqlite3.Connection, first: int, *, batched: bool) -> list[str]:
    """The SQL statements one `users(first:)` request runs."""
    with recording_statements(db) as statements:
        result = execute(db, USERS_WITH_ORDERS, {"first": first}, batched=batched)
    assert result.errors is None, result.errors
    return statements


with closing(open_database()) as db:
    # --8<-- [start:naive]
    naive_sql = statements_for(db, first=6, batched=False)
    print(len(naive_sql), "statements")
    #> 7 statements
    # SQLite's trace shows bound values filled in; the SQL text sent holds `?`.
    print(*naive_sql[:3], "...", sep="\n")
    """
    SELECT id, name FROM users ORDER BY id LIMIT 6

    SELECT id, user_id, total_cents, status FROM orders WHERE user_id = 1 ORDER BY id

    SELECT id, user_id, total_cents, status FROM orders WHERE user_id = 2 ORDER BY id

    ...
    """
    # --8<-- [end:naive]

    # --8<-- [start:batched]
    batched_sql = statements_for(db, first=6, batched=True)
    print(len(batched_sql), "statements")
    #> 2 statements
    print(*batched_sql, sep="\n")
    """
    SELECT id, name FROM users ORDER BY id LIMIT 6

    SELECT id, user_id, total_cents, status FROM orders WHERE user_id IN (SELECT value FROM json_each('[1, 2, 3, 4, 5, 6]')) ORDER BY user_id, id
    """
    # --8<-- [end:batched]

    # --8<-- [start:growth]
    lines = []
    for first in (2, 4, 6):
        naive = len(statements_for(db, first, batched=False))
        batched = len(statements_for(db, first, batched=True))
        lines.append(f"{first} users: {naive} statements naive, {batched} batched")
    print("\n".join(lines))
    """
    2 users: 3 statements naive, 2 batched
    4 users: 5 statements naive, 2 batched
    6 users: 7 statements naive, 2 batched
    """
    # --8<-- [end:growth]
