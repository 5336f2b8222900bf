"""Product search on PostgreSQL: the injectable way, and the ways that hold.

Every function whose name starts with `vulnerable_` is there to be attacked
on the page and in the tests. Never copy one of them.
"""

from __future__ import annotations

import psycopg
from psycopg import sql

SCHEMA_SQL = """
CREATE TABLE product (
    id bigint PRIMARY KEY,
    name text NOT NULL,
    price_cents integer NOT NULL,
    visible boolean NOT NULL DEFAULT true
);
CREATE TABLE app_user (
    id bigint PRIMARY KEY,
    email text NOT NULL,
    api_token text NOT NULL
);
CREATE TABLE saved_search (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES app_user,
    term text NOT NULL
);
"""

PRODUCTS = [
    (1, "Blue mug", 1200, True),
    (2, "Red mug", 1500, True),
    (3, "50% off voucher", 500, True),
    (4, "Unreleased kettle", 9900, False),
]
USERS = [(1, "ada@example.com", "tok_ada_not_a_real_secret")]

Row = tuple[int, str, int]


def create_catalog(conn: psycopg.Connection) -> None:
    conn.execute(SCHEMA_SQL)
    with conn.cursor() as cur:
        cur.executemany(
            "INSERT INTO product (id, name, price_cents, visible)"
            " VALUES (%s, %s, %s, %s)",
            PRODUCTS,
        )
        cur.executemany(
            "INSERT INTO app_user (id, email, api_token) VALUES (%s, %s, %s)", USERS
        )


# --8<-- [start:vulnerable]
def vulnerable_find_by_name(conn: psycopg.Connection, name: str) -> list[Row]:
    """VULNERABLE: the input becomes part of the SQL text."""
    query = (
        "SELECT id, name, price_cents FROM product"  # noqa: S608 (the point)
        f" WHERE visible AND name = '{name}' ORDER BY id"
    )
    return conn.execute(query).fetchall()  # type: ignore[call-overload]


# --8<-- [end:vulnerable]


# --8<-- [start:parameterized]
def find_by_name(conn: psycopg.Connection, name: str) -> list[Row]:
    """The value travels apart from the SQL text, as a bind parameter."""
    return conn.execute(
        "SELECT id, name, price_cents FROM product"
        " WHERE visible AND name = %s ORDER BY id",
        (name,),
    ).fetchall()


# --8<-- [end:parameterized]


# --8<-- [start:order_by]
# A parameter is a value, never a column name: map the client's word to a column.
SORT_COLUMNS = {"name": "name", "price": "price_cents", "newest": "id"}


def list_products(conn: psycopg.Connection, sort: str, descending: bool) -> list[Row]:
    column = SORT_COLUMNS.get(sort)
    if column is None:
        raise ValueError(f"sort must be one of {sorted(SORT_COLUMNS)}")
    query = sql.SQL(
        "SELECT id, name, price_cents FROM product WHERE visible ORDER BY {} {}, id"
    ).format(sql.Identifier(column), sql.SQL("DESC" if descending else "ASC"))
    return conn.execute(query).fetchall()


# --8<-- [end:order_by]


def vulnerable_list_products(conn: psycopg.Connection, sort: str) -> list[Row]:
    """VULNERABLE: the sort key is pasted into ORDER BY."""
    query = f"SELECT id, name, price_cents FROM product ORDER BY {sort}"  # noqa: S608
    return conn.execute(query).fetchall()  # type: ignore[call-overload]


# --8<-- [start:like]
def escape_like(term: str) -> str:
    """Make %, _ and the escape character itself match only themselves."""
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search(conn: psycopg.Connection, term: str) -> list[Row]:
    return conn.execute(
        "SELECT id, name, price_cents FROM product"
        " WHERE visible AND name ILIKE %s ESCAPE '\\' ORDER BY id",
        (f"%{escape_like(term)}%",),
    ).fetchall()


# --8<-- [end:like]


def unescaped_search(conn: psycopg.Connection, term: str) -> list[Row]:
    """Parameterized, so not injectable, but % and _ in the term are wildcards."""
    return conn.execute(
        "SELECT id, name, price_cents FROM product"
        " WHERE visible AND name ILIKE %s ORDER BY id",
        (f"%{term}%",),
    ).fetchall()


# --8<-- [start:second_order]
def save_search(conn: psycopg.Connection, user_id: int, term: str) -> int:
    """Stored safely: a parameter keeps the quote a quote."""
    row = conn.execute(
        "INSERT INTO saved_search (user_id, term) VALUES (%s, %s) RETURNING id",
        (user_id, term),
    ).fetchone()
    assert row is not None
    return row[0]


def vulnerable_run_saved_search(conn: psycopg.Connection, search_id: int) -> list[Row]:
    """VULNERABLE: trusts the term because it came from our own database."""
    row = conn.execute("SELECT term FROM saved_search WHERE id = %s", (search_id,))
    (term,) = row.fetchone() or ("",)
    return vulnerable_find_by_name(conn, term)


# --8<-- [end:second_order]
