"""The two paging queries side by side, on data that moves between requests."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest

from examples.apis.rest.offset_vs_keyset import NAMES, keyset_page, offset_page, rows_examined


@pytest.fixture
def db() -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
    conn.executemany("INSERT INTO users (name) VALUES (?)", [(n,) for n in NAMES])
    yield conn
    conn.close()


def test_both_agree_while_nothing_changes(db: sqlite3.Connection) -> None:
    by_offset = offset_page(db, 0, 4) + offset_page(db, 1, 4)
    first = keyset_page(db, 0, 4)
    by_keyset = first + keyset_page(db, first[-1][0], 4)
    assert by_offset == [name for _, name in by_keyset] == NAMES


def test_offset_skips_a_row_after_a_delete_on_an_earlier_page(db) -> None:
    offset_page(db, 0, 3)
    db.execute("DELETE FROM users WHERE id = 1")
    assert offset_page(db, 1, 3) == ["Ken", "Margaret"]  # Barbara is never seen


def test_offset_repeats_a_row_after_an_insert_on_an_earlier_page(db) -> None:
    first = offset_page(db, 0, 3)
    db.execute("INSERT INTO users (id, name) VALUES (0, 'Alan')")
    assert offset_page(db, 1, 3)[0] == first[-1]  # Edsger shows up twice


def test_keyset_continues_from_the_last_id_seen(db: sqlite3.Connection) -> None:
    first = keyset_page(db, 0, 3)
    db.execute("DELETE FROM users WHERE id = 1")
    db.execute("INSERT INTO users (id, name) VALUES (0, 'Alan')")
    assert keyset_page(db, first[-1][0], 3) == [(4, "Barbara"), (5, "Ken"), (6, "Margaret")]


def test_pages_past_the_end_are_empty(db: sqlite3.Connection) -> None:
    assert offset_page(db, 5, 3) == []
    assert keyset_page(db, 6, 3) == []


def test_offset_work_grows_with_depth_and_keyset_work_does_not(db: sqlite3.Connection) -> None:
    db.executemany("INSERT INTO users (name) VALUES (?)", [(f"n{i}",) for i in range(200)])
    offset_sql = "SELECT name FROM users WHERE seen(id) ORDER BY id LIMIT 5 OFFSET ?"
    keyset_sql = "SELECT name FROM users WHERE id > ? AND seen(id) ORDER BY id LIMIT 5"
    assert [rows_examined(db, offset_sql, (skip,)) for skip in (0, 50, 150)] == [5, 55, 155]
    assert [rows_examined(db, keyset_sql, (after,)) for after in (0, 50, 150)] == [5, 5, 5]


def test_rows_examined_counts_only_rows_that_reach_where(db: sqlite3.Connection) -> None:
    assert rows_examined(db, "SELECT name FROM users WHERE seen(id)", ()) == len(NAMES)
    assert rows_examined(db, "SELECT name FROM users WHERE id > 4 AND seen(id)", ()) == 2
