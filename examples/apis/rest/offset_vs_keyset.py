"""Why the users API pages by keyset: OFFSET skips rows when data moves.

A client reads page 1, someone deletes a user on that page, the client reads
page 2. With OFFSET the remaining rows shift left under the client's feet.
"""

import sqlite3
from contextlib import closing

NAMES = ["Ada", "Grace", "Edsger", "Barbara", "Ken", "Margaret"]


# --8<-- [start:queries]
def offset_page(db: sqlite3.Connection, page: int, size: int) -> list[str]:
    """Page number `page` (from 0): skip page * size rows, return the next size."""
    rows = db.execute(
        "SELECT name FROM users ORDER BY id LIMIT ? OFFSET ?", (size, page * size)
    )
    return [name for (name,) in rows]


def keyset_page(db: sqlite3.Connection, after_id: int, size: int) -> list[tuple]:
    """The `size` rows whose id comes after the last id the client saw."""
    rows = db.execute(
        "SELECT id, name FROM users WHERE id > ? ORDER BY id LIMIT ?",
        (after_id, size),
    )
    return rows.fetchall()


# --8<-- [end:queries]

with closing(sqlite3.connect(":memory:")) as db:
    db.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
    db.executemany("INSERT INTO users (name) VALUES (?)", [(n,) for n in NAMES])

    # --8<-- [start:drift]
    print(offset_page(db, 0, 3))
    #> ['Ada', 'Grace', 'Edsger']
    first = keyset_page(db, 0, 3)
    print(first)
    #> [(1, 'Ada'), (2, 'Grace'), (3, 'Edsger')]

    db.execute("DELETE FROM users WHERE name = ?", ("Grace",))  # between requests

    print(offset_page(db, 1, 3))  # Barbara slid back onto page 0: never shown
    #> ['Ken', 'Margaret']
    last_seen_id = first[-1][0]
    print(keyset_page(db, last_seen_id, 3))  # "after id 3" ignores what moved
    #> [(4, 'Barbara'), (5, 'Ken'), (6, 'Margaret')]
    # --8<-- [end:drift]


# --8<-- [start:cost]
def rows_examined(db: sqlite3.Connection, sql: str, params: tuple) -> int:
    """Run `sql` and count the rows that reached its WHERE clause.

    The query must call `seen(id)` in its WHERE clause; every call is one row
    the database produced before LIMIT let it stop.
    """
    calls = 0

    def seen(_row_id: int) -> bool:
        nonlocal calls
        calls += 1
        return True

    db.create_function("seen", 1, seen)
    db.execute(sql, params).fetchall()
    return calls


OFFSET_SQL = "SELECT name FROM users WHERE seen(id) ORDER BY id LIMIT 20 OFFSET ?"
KEYSET_SQL = "SELECT name FROM users WHERE id > ? AND seen(id) ORDER BY id LIMIT 20"

with closing(sqlite3.connect(":memory:")) as big:
    big.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
    big.executemany(
        "INSERT INTO users (name) VALUES (?)", [(f"user {i}",) for i in range(10_000)]
    )
    for page in [1, 50, 500]:
        skip = (page - 1) * 20  # pages of 20, numbered from 1
        by_offset = rows_examined(big, OFFSET_SQL, (skip,))
        by_keyset = rows_examined(big, KEYSET_SQL, (skip,))  # ids run 1..10,000
        print(f"page {page}: OFFSET reads {by_offset} rows, keyset reads {by_keyset}")
        #> page 1: OFFSET reads 20 rows, keyset reads 20
        #> page 50: OFFSET reads 1000 rows, keyset reads 20
        #> page 500: OFFSET reads 10000 rows, keyset reads 20
# --8<-- [end:cost]
