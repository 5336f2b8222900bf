"""PostgreSQL sequences: identity columns, the gaps they leave, CACHE, and one writer.

Every ID comes from a sequence object on the primary: a one-row table that
nextval() advances outside the calling transaction, so no transaction waits
for another to commit, and none gives its number back. Runs in a schema of
its own, dropped at the end.
"""

# requires-server: postgres

from __future__ import annotations

from contextlib import AbstractContextManager

import psycopg

from examples import scratch_postgres
from examples.scratch_postgres import connect


def scratch_schema(dsn: str | None = None) -> AbstractContextManager[str]:
    """A new schema with a random name; dropped, with everything in it, on the way out."""
    return scratch_postgres.scratch_schema("ex_ids", dsn)


# --8<-- [start:identity]
def create_orders(conn: psycopg.Connection) -> None:
    """An orders table whose id PostgreSQL assigns from an identity sequence."""
    conn.execute(
        """
        CREATE TABLE orders (
            id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            item text NOT NULL UNIQUE
        )
        """
    )


def add_order(conn: psycopg.Connection, item: str) -> int | None:
    """Insert an order; its new id, or None if `item` already exists."""
    row = conn.execute(
        "INSERT INTO orders (item) VALUES (%s) ON CONFLICT (item) DO NOTHING RETURNING id",
        (item,),
    ).fetchone()
    return None if row is None else int(row[0])


# --8<-- [end:identity]


def next_value(conn: psycopg.Connection, sequence: str) -> int:
    """nextval() of `sequence` (a name in the session's schema)."""
    row = conn.execute("SELECT nextval(%s::regclass)", (sequence,)).fetchone()
    assert row is not None  # SELECT of a function always returns one row
    return int(row[0])


if __name__ == "__main__":
    with scratch_schema() as schema, connect(schema) as conn:
        # --8<-- [start:gaps]
        create_orders(conn)
        print(add_order(conn, "book"), add_order(conn, "lamp"))
        #> 1 2
        with conn.transaction():
            add_order(conn, "desk")
            raise psycopg.Rollback()  # the insert is undone; its nextval is not
        print(add_order(conn, "lamp"))  # a duplicate: nothing inserted
        #> None
        print(add_order(conn, "pen"))
        #> 5
        print(conn.execute("SELECT array_agg(id ORDER BY id) FROM orders").fetchone())
        #> ([1, 2, 5],)
        # --8<-- [end:gaps]

        # --8<-- [start:cache]
        conn.execute("CREATE SEQUENCE tickets CACHE 10")
        with connect(schema) as a, connect(schema) as b:
            # a reserves 1..10 and b reserves 11..20, each on its first call
            order = [next_value(a, "tickets"), next_value(b, "tickets")]
            order += [next_value(a, "tickets"), next_value(b, "tickets")]
            print("in call order:", order)
            #> in call order: [1, 11, 2, 12]
        with connect(schema) as c:  # a and b ended: 3..10 and 13..20 are gone
            print("a new session gets:", next_value(c, "tickets"))
            #> a new session gets: 21
        # --8<-- [end:cache]

        # --8<-- [start:one_writer]
        conn.execute("CREATE SEQUENCE shard_a START 1 INCREMENT 2")  # odd numbers
        conn.execute("CREATE SEQUENCE shard_b START 2 INCREMENT 2")  # even numbers
        odd = [next_value(conn, "shard_a") for _ in range(3)]
        even = [next_value(conn, "shard_b") for _ in range(3)]
        print(odd, even)
        #> [1, 3, 5] [2, 4, 6]
        try:
            with conn.transaction():
                conn.execute("SET TRANSACTION READ ONLY")  # as on a hot standby
                next_value(conn, "tickets")
        except psycopg.errors.ReadOnlySqlTransaction as error:
            print(error)
            #> cannot execute nextval() in a read-only transaction
        # --8<-- [end:one_writer]
