"""The one-step rename: ALTER TABLE ... RENAME COLUMN while the old version still runs.

No deploy order survives it. Before the rename, the new version's queries name
a column that does not exist yet; after it, the old version's do. Either way
some requests fail with psycopg's UndefinedColumn (SQLSTATE 42703) until the
last instance of one version is gone.
"""

# requires-server: postgres

from __future__ import annotations

import psycopg

from examples.reliability.schema_changes.rollout import SCHEMA, V1, V4, Version
from examples.scratch_postgres import connect, scratch_schema


def try_request(version: Version, conn: psycopg.Connection, user_id: int) -> str:
    """Rename the user, then read it back: what a profile update does."""
    try:
        version.rename(conn, user_id, "Ada Lovelace")
        return f"ok, read {version.read(conn, user_id)!r}"
    except psycopg.errors.UndefinedColumn as error:
        return f"{type(error).__name__} {error.sqlstate}: {error.diag.message_primary}"


def demo() -> None:
    with scratch_schema("ex_rename") as schema, connect(schema) as admin:
        admin.execute(SCHEMA)
        user_id = V1.create(admin, "ada@example.com", "Ada")
        with connect(schema) as old, connect(schema) as new:
            # --8<-- [start:one_step]
            print("before:", V1.label, try_request(V1, old, user_id))
            #> before: v1 ok, read 'Ada Lovelace'
            print("before:", V4.label, try_request(V4, new, user_id))
            """
            before:
            v4
            UndefinedColumn 42703: column "full_name" of relation "users" does not exist
            """
            admin.execute("ALTER TABLE users RENAME COLUMN name TO full_name")
            print("after: ", V1.label, try_request(V1, old, user_id))
            """
            after:
            v1
            UndefinedColumn 42703: column "name" of relation "users" does not exist
            """
            print("after: ", V4.label, try_request(V4, new, user_id))
            #> after:  v4 ok, read 'Ada Lovelace'
            # --8<-- [end:one_step]


if __name__ == "__main__":
    demo()
