"""On MariaDB 10.11 the row-value keyset reads from the start; the expanded one seeks."""

from __future__ import annotations

import pymysql
import pytest

from examples.data.sql_depth.mariadb_indexes import scratch_database
from examples.data.sql_depth.mariadb_pagination import (
    EXPANDED,
    ROW_VALUE,
    prepare,
    row_at,
    rows_read,
)
from examples.server_settings import MariaDBSettings


def fetch(conn: pymysql.Connection, query: str, params: tuple) -> list[tuple]:
    with conn.cursor() as cur:
        cur.execute(query, params)
        return [(row["placed_on"], row["id"]) for row in cur.fetchall()]


@pytest.fixture
def orders(mariadb_settings: MariaDBSettings):
    with scratch_database(mariadb_settings) as conn:
        prepare(conn, 5_000)
        yield conn


def test_row_value_reads_every_entry_before_the_cursor(
    orders: pymysql.Connection,
) -> None:
    for position in (499, 3_999):
        placed_on, last_id = row_at(orders, position)
        access, read = rows_read(orders, ROW_VALUE, (placed_on, last_id, 20))
        assert (access, read) == ("index", position + 1 + 20)


def test_expanded_condition_seeks_at_any_depth(orders: pymysql.Connection) -> None:
    for position in (499, 3_999):
        placed_on, last_id = row_at(orders, position)
        params = (placed_on, placed_on, last_id, 20)
        assert rows_read(orders, EXPANDED, params) == ("range", 20)


def test_expanded_keyset_walk_returns_every_row_once_in_order(
    orders: pymysql.Connection,
) -> None:
    """Pages of 13 over 5,000 rows on at most 336 dates cut through ties."""
    everything = fetch(
        orders, "SELECT placed_on, id FROM orders ORDER BY placed_on, id", ()
    )
    seen = fetch(
        orders, "SELECT placed_on, id FROM orders ORDER BY placed_on, id LIMIT 13", ()
    )
    page = seen
    while page:
        placed_on, last_id = page[-1]
        page = fetch(orders, EXPANDED, (placed_on, placed_on, last_id, 13))
        seen += page
    assert seen == everything
    placed_on, last_id = everything[2_999]
    assert fetch(orders, ROW_VALUE, (placed_on, last_id, 13)) == everything[3_000:3_013]


def test_rows_read_rejects_a_join(orders: pymysql.Connection) -> None:
    join = (
        "SELECT a.id FROM orders AS a JOIN orders AS b ON b.id = a.id WHERE a.id < %s"
    )
    with pytest.raises(ValueError):
        rows_read(orders, join, (10,))
