"""SQLite 3.40 plan facts the SQL pages state beyond what their .sql files print."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.sql_examples import setup_files

SQL_DEPTH = Path(__file__).resolve().parents[3] / "examples" / "data" / "sql_depth"


def plan(conn: sqlite3.Connection, query: str) -> list[str]:
    return [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + query)]


@pytest.fixture
def many_orders() -> Iterator[sqlite3.Connection]:
    """The 50,000 orders the indexes page's SQLite examples run on."""
    conn = sqlite3.connect(":memory:")
    try:
        script = SQL_DEPTH / "many_orders.sql"
        for path in [*setup_files(script), script]:
            conn.executescript(path.read_text(encoding="utf-8"))
        yield conn
    finally:
        conn.close()


def test_skip_scan_needs_analyze_and_a_first_column_with_few_values() -> None:
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("CREATE TABLE p (id INTEGER PRIMARY KEY, role TEXT, h INT)")
        conn.executemany(
            "INSERT INTO p (role, h) VALUES (?, ?)",
            [("student" if i % 2 else "teacher", i % 100) for i in range(5_000)],
        )
        conn.execute("CREATE INDEX p_role_h ON p (role, h)")
        query = "SELECT id FROM p WHERE h = 42"
        assert plan(conn, query) == ["SCAN p"]
        conn.execute("ANALYZE")
        assert plan(conn, query) == [
            "SEARCH p USING COVERING INDEX p_role_h (ANY(role) AND h=?)"
        ]
    finally:
        conn.close()


def test_row_value_keyset_seeks_into_the_index(
    many_orders: sqlite3.Connection,
) -> None:
    many_orders.execute("CREATE INDEX orders_placed_id ON orders (placed_on, id)")
    query = (
        "SELECT placed_on, id FROM orders WHERE (placed_on, id) > ('2024-06-01', 30000)"
        " ORDER BY placed_on, id LIMIT 20"
    )
    [step] = plan(many_orders, query)
    assert step.startswith("SEARCH orders USING COVERING INDEX orders_placed_id")
    everything = many_orders.execute(
        "SELECT placed_on, id FROM orders ORDER BY placed_on, id"
    ).fetchall()
    page = many_orders.execute(
        "SELECT placed_on, id FROM orders WHERE (placed_on, id) > (?, ?)"
        " ORDER BY placed_on, id LIMIT 20",
        everything[29_999],
    ).fetchall()
    assert page == everything[30_000:30_020]


def vm_steps(conn: sqlite3.Connection, query: str, params: tuple) -> int:
    """Virtual-machine instructions the query ran: work, not time."""
    steps = 0

    def count() -> int:
        nonlocal steps
        steps += 1
        return 0

    conn.set_progress_handler(count, 1)
    try:
        conn.execute(query, params).fetchall()
    finally:
        conn.set_progress_handler(None, 1)
    return steps


def test_row_value_keyset_work_does_not_grow_with_depth(
    many_orders: sqlite3.Connection,
) -> None:
    many_orders.execute("CREATE INDEX orders_placed_id ON orders (placed_on, id)")
    keyset = (
        "SELECT placed_on, id FROM orders WHERE (placed_on, id) > (?, ?)"
        " ORDER BY placed_on, id LIMIT 20"
    )
    offset = "SELECT placed_on, id FROM orders ORDER BY placed_on, id LIMIT 20 OFFSET ?"
    at = "SELECT placed_on, id FROM orders ORDER BY placed_on, id LIMIT 1 OFFSET ?"
    # SQLite seeks on placed_on, then skips that date's ids up to the cursor's,
    # so a keyset page costs at most one date's ties (about 137 rows) at any
    # depth, while OFFSET pays for every row it skips.
    keyset_work = [
        vm_steps(many_orders, keyset, many_orders.execute(at, (p,)).fetchone())
        for p in (0, 999, 9_999, 39_999, 49_000)
    ]
    assert max(keyset_work) < vm_steps(many_orders, offset, (1_000,))
    assert vm_steps(many_orders, offset, (40_000,)) > 20 * max(keyset_work)
