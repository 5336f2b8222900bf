"""PostgreSQL declarative partitioning: range and hash, and the partitions a query reads.

Everything lives in a schema of its own with a random suffix, dropped at the end.
A plan is reduced to the partitions it scans (from EXPLAIN's JSON), which does
not change from run to run the way costs and scan types can.
"""

# requires-server: postgres

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg import sql

from examples import scratch_postgres
from examples.server_settings import postgres_dsn


@contextmanager
def scratch_schema(dsn: str) -> Iterator[psycopg.Connection]:
    """An autocommit connection whose search_path is a new schema, dropped after."""
    with (
        scratch_postgres.scratch_schema("ex_partitioning", dsn) as schema,
        scratch_postgres.connect(schema, dsn) as conn,
    ):
        yield conn


# --8<-- [start:schema]
SCHEMA = """
CREATE TABLE events (
    id         bigint NOT NULL,
    created_at date   NOT NULL,
    kind       text   NOT NULL
) PARTITION BY RANGE (created_at);
CREATE TABLE events_2024_01 PARTITION OF events
    FOR VALUES FROM ('2024-01-01') TO ('2024-02-01');
CREATE TABLE events_2024_02 PARTITION OF events
    FOR VALUES FROM ('2024-02-01') TO ('2024-03-01');
CREATE TABLE events_2024_03 PARTITION OF events
    FOR VALUES FROM ('2024-03-01') TO ('2024-04-01');

CREATE TABLE accounts (
    id   bigint PRIMARY KEY,
    name text NOT NULL
) PARTITION BY HASH (id);
CREATE TABLE accounts_p0 PARTITION OF accounts FOR VALUES WITH (MODULUS 4, REMAINDER 0);
CREATE TABLE accounts_p1 PARTITION OF accounts FOR VALUES WITH (MODULUS 4, REMAINDER 1);
CREATE TABLE accounts_p2 PARTITION OF accounts FOR VALUES WITH (MODULUS 4, REMAINDER 2);
CREATE TABLE accounts_p3 PARTITION OF accounts FOR VALUES WITH (MODULUS 4, REMAINDER 3);
"""
# --8<-- [end:schema]


def create_tables(conn: psycopg.Connection) -> None:
    """Create both tables and fill them: 9,100 events over 91 days, 1,000 accounts."""
    conn.execute(SCHEMA)
    conn.execute(
        "INSERT INTO events SELECT g, date '2024-01-01' + g % 91, 'view'"
        " FROM generate_series(1, 9100) AS g"
    )
    conn.execute(
        "INSERT INTO accounts SELECT g, 'user ' || g FROM generate_series(1, 1000) AS g"
    )
    conn.execute("ANALYZE events, accounts")


def _relations(node: dict[str, Any]) -> Iterator[str]:
    if "Relation Name" in node:
        yield node["Relation Name"]
    for child in node.get("Plans", []):
        yield from _relations(child)


# --8<-- [start:scanned]
def scanned_partitions(
    conn: psycopg.Connection, query: str, params: tuple = ()
) -> list[str]:
    """The tables a query's plan reads: the partitions left after pruning."""
    row = conn.execute(f"EXPLAIN (FORMAT JSON) {query}", params).fetchone()
    assert row is not None
    return sorted(set(_relations(row[0][0]["Plan"])))


# --8<-- [end:scanned]


def rows_per_partition(conn: psycopg.Connection, table: str) -> dict[str, int]:
    """How many rows each partition of `table` holds (tableoid names the partition)."""
    query = sql.SQL("SELECT tableoid::regclass::text, count(*) FROM {} GROUP BY 1")
    return dict(sorted(conn.execute(query.format(sql.Identifier(table))).fetchall()))


if __name__ == "__main__":
    with scratch_schema(postgres_dsn()) as conn:
        create_tables(conn)
        # --8<-- [start:pruning]
        feb = "SELECT count(*) FROM events WHERE created_at >= %s AND created_at < %s"
        print(scanned_partitions(conn, feb, ("2024-02-10", "2024-02-20")))
        #> ['events_2024_02']
        by_kind = "SELECT count(*) FROM events WHERE kind = %s"
        print(scanned_partitions(conn, by_kind, ("click",)))
        #> ['events_2024_01', 'events_2024_02', 'events_2024_03']
        one = "SELECT name FROM accounts WHERE id = %s"
        print(scanned_partitions(conn, one, (42,)))
        #> ['accounts_p2']
        span = "SELECT name FROM accounts WHERE id BETWEEN %s AND %s"
        print(scanned_partitions(conn, span, (10, 20)))
        #> ['accounts_p0', 'accounts_p1', 'accounts_p2', 'accounts_p3']
        print(list(rows_per_partition(conn, "accounts").values()))  # p0 .. p3
        #> [259, 234, 276, 231]
        # --8<-- [end:pruning]

        # --8<-- [start:errors]
        try:
            conn.execute(
                "INSERT INTO events VALUES (%s, %s, %s)", (1, "2024-05-01", "view")
            )
        except psycopg.errors.CheckViolation as error:
            print(error.diag.message_primary)
            #> no partition of relation "events" found for row
        try:
            conn.execute(
                "CREATE TABLE accounts_x PARTITION OF accounts"
                " FOR VALUES WITH (MODULUS 3, REMAINDER 0)"
            )
        except psycopg.errors.InvalidObjectDefinition as error:
            print(error.diag.message_primary)
            #> every hash partition modulus must be a factor of the next larger modulus
        # --8<-- [end:errors]

        # --8<-- [start:split]
        # Split one hash partition in two (modulus 4 -> 8) in one transaction, so
        # no reader sees accounts without p0's rows. DETACH takes an ACCESS
        # EXCLUSIVE lock on accounts: every query on it waits for the commit.
        # (DETACH ... CONCURRENTLY locks less, but cannot run in a transaction.)
        with conn.transaction():
            conn.execute("ALTER TABLE accounts DETACH PARTITION accounts_p0")
            for remainder in (0, 4):
                conn.execute(
                    sql.SQL(
                        "CREATE TABLE {} PARTITION OF accounts"
                        " FOR VALUES WITH (MODULUS 8, REMAINDER {})"
                    ).format(
                        sql.Identifier(f"accounts_p0_{remainder}"),
                        sql.Literal(remainder),
                    )
                )
            conn.execute("INSERT INTO accounts SELECT * FROM accounts_p0")  # re-route
            conn.execute("DROP TABLE accounts_p0")
        counts = rows_per_partition(conn, "accounts")
        print({name: rows for name, rows in counts.items() if "p0" in name})
        #> {'accounts_p0_0': 124, 'accounts_p0_4': 135}
        print(sum(counts.values()), "rows in all")
        #> 1000 rows in all
        # --8<-- [end:split]
