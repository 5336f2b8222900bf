"""The two SQL pages' queries on PostgreSQL 15 and MariaDB 10.11, not only on SQLite.

The pages say the queries return the same rows on PostgreSQL and MariaDB, and
name the exceptions: FULL OUTER JOIN and FILTER do not exist on MariaDB, and
julianday is SQLite's own. This runs every query of both pages on the real
servers and compares the rows with the page's `-- #>` table; each exception
must fail there, so a page that stops being true fails here.

The schemas are SQLite's with two mechanical changes: no STRICT (SQLite only),
and on MariaDB VARCHAR(255) for TEXT (MariaDB cannot index or UNIQUE a TEXT
column without a prefix length). EXPLAIN QUERY PLAN is SQLite's and is skipped.
"""

from __future__ import annotations

import re
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
import pymysql
import pytest

from examples.data.sql_depth.mariadb_indexes import scratch_database
from examples.server_settings import CONNECT_TIMEOUT_SECONDS, MariaDBSettings
from tests.data.sql_most_orders.sql_sections import MOST_ORDERS, SQL_DEPTH, section_of
from tests.support.example_files import REPO_ROOT
from tests.support.sql_examples import parse_statements, setup_files

PAGE_FILES = [
    MOST_ORDERS / "top_customers.sql",
    MOST_ORDERS / "count_star_vs_column.sql",
    MOST_ORDERS / "inner_vs_left_join.sql",
    MOST_ORDERS / "ties_with_rank.sql",
    MOST_ORDERS / "spend_ranking.sql",
    MOST_ORDERS / "keyset_ranking.sql",
    SQL_DEPTH / "joins.sql",
    SQL_DEPTH / "aggregation.sql",
    SQL_DEPTH / "windows.sql",
]

# (server, file, section) -> why the page says it fails there.
NOT_PORTABLE = {
    ("mariadb", "joins.sql", "full"): "MariaDB has no FULL OUTER JOIN",
    ("mariadb", "aggregation.sql", "filter"): "MariaDB has no FILTER clause",
    ("postgres", "windows.sql", "lag_lead"): "julianday is SQLite's",
    ("mariadb", "windows.sql", "lag_lead"): "julianday is SQLite's",
}


def for_server(sql: str, server: str) -> str:
    sql = re.sub(r"\)\s*STRICT\s*;", ");", sql)
    if server == "mariadb":
        sql = re.sub(r"\bTEXT\b", "VARCHAR(255)", sql)
    return sql


def as_table(description: Any, rows: list[tuple]) -> list[str]:
    """Rows drawn the way tests/support/sql_examples.py draws SQLite's."""
    headers = [column[0] for column in description]
    cells = [["NULL" if value is None else str(value) for value in row] for row in rows]
    widths = [max(len(text) for text in column) for column in zip(headers, *cells, strict=False)]
    lines = [" | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("-+-".join("-" * w for w in widths))
    lines += [" | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    return lines


@contextmanager
def postgres_scratch(dsn: str) -> Iterator[Any]:
    """A cursor whose search_path is a new schema, dropped afterwards."""
    schema = f"review_sql_{secrets.token_hex(4)}"  # hex only: safe as an identifier
    with psycopg.connect(dsn, autocommit=True, connect_timeout=CONNECT_TIMEOUT_SECONDS) as conn:
        cur = conn.cursor()
        cur.execute("SET statement_timeout = '30s'")
        cur.execute(f"CREATE SCHEMA {schema}")
        try:
            cur.execute(f"SET search_path = {schema}")
            yield cur
        finally:
            cur.execute(f"DROP SCHEMA {schema} CASCADE")


@contextmanager
def mariadb_scratch(settings: MariaDBSettings) -> Iterator[Any]:
    """A plain (tuple) cursor on a new database, dropped afterwards."""
    with scratch_database(settings) as conn, conn.cursor(pymysql.cursors.Cursor) as cur:
        yield cur


def run_on_server(cur: Any, server: str, path: Path) -> list[str]:
    """Run `path` after its setup on `server`; return one line per disagreement with the page."""
    problems = []
    for script in setup_files(path):
        for setup in parse_statements(script):
            cur.execute(for_server(setup.sql, server))
    for statement in parse_statements(path):
        if re.match(r"\s*EXPLAIN\b", statement.sql, re.IGNORECASE):
            continue
        where = f"{path.name}:{statement.last_line + 1}"
        reason = NOT_PORTABLE.get((server, path.name, section_of(path, statement.last_line)))
        try:
            cur.execute(for_server(statement.sql, server))
        except (psycopg.Error, pymysql.Error) as error:
            if reason is None:
                problems.append(f"{where}: failed on {server}: {error}")
            continue  # autocommit: a failed statement leaves nothing behind
        if reason is not None:
            problems.append(f"{where}: the page says it fails on {server} ({reason}), but it ran")
            continue
        produced = as_table(cur.description, list(cur.fetchall())) if cur.description else []
        if produced != statement.expected:
            problems.append(f"{where}: {server} returned\n  " + "\n  ".join(produced))
    return problems


@pytest.mark.parametrize("path", PAGE_FILES, ids=[str(p.relative_to(REPO_ROOT)) for p in PAGE_FILES])
def test_same_rows_on_postgres(path: Path, postgres_dsn: str) -> None:
    with postgres_scratch(postgres_dsn) as cur:
        assert run_on_server(cur, "postgres", path) == []


@pytest.mark.parametrize("path", PAGE_FILES, ids=[str(p.relative_to(REPO_ROOT)) for p in PAGE_FILES])
def test_same_rows_on_mariadb(path: Path, mariadb_settings: MariaDBSettings) -> None:
    with mariadb_scratch(mariadb_settings) as cur:
        assert run_on_server(cur, "mariadb", path) == []


def test_every_exception_names_a_real_section() -> None:
    known = {(path.name, section_of(path, s.last_line)) for path in PAGE_FILES for s in parse_statements(path)}
    assert {(name, section) for _server, name, section in NOT_PORTABLE} <= known


GROUPED_BY_KEY = "SELECT u.name, COUNT(o.id) FROM users AS u LEFT JOIN orders AS o ON o.user_id = u.id GROUP BY u.id"


def test_mariadb_accepts_a_column_grouped_by_its_key_only_without_only_full_group_by(
    mariadb_settings: MariaDBSettings,
) -> None:
    # The page: PostgreSQL and MySQL accept u.name because it depends on u.id;
    # MariaDB 10.11 does not work that out, and accepts it only because its
    # default sql_mode leaves ONLY_FULL_GROUP_BY out.
    with mariadb_scratch(mariadb_settings) as cur:
        for setup in parse_statements(MOST_ORDERS / "schema.sql"):
            cur.execute(for_server(setup.sql, "mariadb"))
        cur.execute("SELECT @@SESSION.sql_mode")
        assert "ONLY_FULL_GROUP_BY" not in cur.fetchone()[0]
        cur.execute(GROUPED_BY_KEY)
        cur.execute("SET SESSION sql_mode = CONCAT(@@SESSION.sql_mode, ',ONLY_FULL_GROUP_BY')")
        with pytest.raises(pymysql.err.OperationalError, match="isn't in GROUP BY"):
            cur.execute(GROUPED_BY_KEY)


NULLS_DESC = "SELECT v FROM (SELECT 1 AS v UNION ALL SELECT NULL UNION ALL SELECT 2) AS t ORDER BY v DESC"


def test_postgres_sorts_nulls_first_in_descending_order(postgres_dsn: str, mariadb_settings: MariaDBSettings) -> None:
    # The page: ORDER BY x DESC puts NULLs first on PostgreSQL, last on SQLite
    # and MariaDB, so a nullable ranking column needs NULLS LAST (or a filter).
    with postgres_scratch(postgres_dsn) as cur:
        cur.execute(NULLS_DESC)
        assert [v for (v,) in cur.fetchall()] == [None, 2, 1]
        cur.execute(NULLS_DESC + " NULLS LAST")
        assert [v for (v,) in cur.fetchall()] == [2, 1, None]
    with mariadb_scratch(mariadb_settings) as cur:
        cur.execute(NULLS_DESC)
        assert [v for (v,) in cur.fetchall()] == [2, 1, None]
    with sqlite3.connect(":memory:") as db:
        assert [v for (v,) in db.execute(NULLS_DESC)] == [2, 1, None]
    db.close()


LATERAL_TOP_TWO = """
SELECT u.id, t.id, t.total_cents
FROM users AS u
CROSS JOIN LATERAL (
    SELECT o.id, o.total_cents FROM orders AS o
    WHERE o.user_id = u.id AND o.status = 'paid'
    ORDER BY o.total_cents DESC LIMIT 2
) AS t
"""


def test_postgres_lateral_top_two_reads_the_index_and_sorts_nothing(postgres_dsn: str) -> None:
    # The page: with an index on (user_id, total_cents DESC), a LATERAL
    # subquery with LIMIT 2 per user avoids sorting the whole table.
    with postgres_scratch(postgres_dsn) as cur:
        for setup in parse_statements(SQL_DEPTH / "schema.sql"):
            cur.execute(for_server(setup.sql, "postgres"))
        cur.execute("INSERT INTO users SELECT g, 'user ' || g, 'NYC', NULL FROM generate_series(1, 2000) AS g")
        cur.execute(
            "INSERT INTO orders SELECT g, 1 + (g * 7919) % 2000, (g * 37) % 50000,"
            " CASE WHEN g % 5 = 0 THEN 'refunded' ELSE 'paid' END, '2024-04-01'"
            " FROM generate_series(1, 100000) AS g"
        )
        cur.execute("CREATE INDEX orders_user_total ON orders (user_id, total_cents DESC)")
        cur.execute("ANALYZE users, orders")
        cur.execute("EXPLAIN (COSTS OFF) " + LATERAL_TOP_TWO)
        plan = "\n".join(line for (line,) in cur.fetchall())
        assert "Index Scan using orders_user_total" in plan, plan
        assert "Sort" not in plan, plan
