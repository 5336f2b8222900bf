"""Keyset pages match offset pages, read a constant amount, and survive inserts."""

from __future__ import annotations

import pytest

from examples.data.sql_depth.pg_indexes import plan_summary, scratch_database
from examples.data.sql_depth.pg_pagination import (
    KEYSET_SQL,
    OFFSET_SQL,
    SHIPPED_ON,
    SHIPPED_OR_LAST,
    keyset_page,
    measure,
    offset_page,
    prepare,
    ratio_bucket,
    walk_shipments,
)


def test_keyset_walk_returns_every_row_once_in_order(postgres_dsn: str) -> None:
    with scratch_database(postgres_dsn) as conn:
        prepare(conn, 1_000)
        seen, after = [], None
        while page := keyset_page(conn, after, 100):
            seen += page
            after = page[-1]
        assert len(seen) == 1_000 and seen == sorted(seen)
        assert seen[200:300] == offset_page(conn, 3, 100)


def test_deep_offset_reads_the_skipped_rows_keyset_does_not(postgres_dsn: str) -> None:
    with scratch_database(postgres_dsn) as conn:
        prepare(conn, 50_000)
        last = offset_page(conn, 500, 20)[-1]
        deep_offset = measure(conn, OFFSET_SQL, (20, 500 * 20))
        deep_keyset = measure(conn, KEYSET_SQL, (*last, 20))
        assert deep_offset.rows_scanned == 500 * 20 + 20
        assert deep_keyset.rows_scanned == 20
        assert deep_offset.buffers > 5 * deep_keyset.buffers


def test_offset_repeats_a_row_after_an_insert_and_keyset_does_not(
    postgres_dsn: str,
) -> None:
    with scratch_database(postgres_dsn) as conn:
        prepare(conn, 100)
        first = offset_page(conn, 1, 5)
        conn.execute("INSERT INTO orders VALUES (0, 1, 1, 'paid', '2023-01-01')")
        assert offset_page(conn, 2, 5)[0] == first[-1]
        assert not set(first) & set(keyset_page(conn, first[-1], 5))


def test_keyset_walk_with_ties_at_every_page_boundary(postgres_dsn: str) -> None:
    """2,000 rows on 365 dates: pages of 7 cut through ties again and again."""
    with scratch_database(postgres_dsn) as conn:
        prepare(conn, 2_000)
        seen, after = [], None
        while page := keyset_page(conn, after, 7):
            seen += page
            after = page[-1]
        expected = conn.execute(
            "SELECT placed_on, id FROM orders ORDER BY placed_on, id"
        ).fetchall()
        assert seen == expected


def test_a_non_unique_sort_key_skips_rows_at_page_boundaries(postgres_dsn: str) -> None:
    """What the page warns about: keyset on placed_on alone, without the id."""
    with scratch_database(postgres_dsn) as conn:
        prepare(conn, 2_000)
        seen: list[int] = []
        page = conn.execute(
            "SELECT placed_on, id FROM orders ORDER BY placed_on LIMIT 7"
        ).fetchall()
        while page:
            seen += [row_id for _, row_id in page]
            page = conn.execute(
                "SELECT placed_on, id FROM orders WHERE placed_on > %s"
                " ORDER BY placed_on LIMIT 7",
                (page[-1][0],),
            ).fetchall()
        assert len(seen) < 2_000


def test_keyset_page_rejects_a_cursor_with_a_null(postgres_dsn: str) -> None:
    with scratch_database(postgres_dsn) as conn:
        prepare(conn, 10)
        with pytest.raises(ValueError, match="NULL"):
            keyset_page(conn, (None, 5), 5)  # type: ignore[arg-type]


def test_nullable_sort_key_loses_rows_and_a_coalesced_one_does_not(
    postgres_dsn: str,
) -> None:
    with scratch_database(postgres_dsn) as conn:
        conn.execute("CREATE TABLE shipments (id bigint PRIMARY KEY, shipped_on date)")
        conn.execute(
            "INSERT INTO shipments SELECT i, CASE WHEN i % 5 <> 0"
            " THEN date '2024-03-01' + i / 7 END FROM generate_series(1, 200) AS i"
        )
        every_id = list(range(1, 201))
        for size in (1, 3, 10, 100):
            nullable = walk_shipments(conn, SHIPPED_ON, size)
            assert len(nullable) < 200, size  # the unshipped rows vanish
            coalesced = walk_shipments(conn, SHIPPED_OR_LAST, size)
            assert sorted(coalesced) == every_id and len(coalesced) == 200, size


def test_coalesced_sort_key_seeks_on_a_matching_expression_index(
    postgres_dsn: str,
) -> None:
    with scratch_database(postgres_dsn) as conn:
        conn.execute("CREATE TABLE shipments (id bigint PRIMARY KEY, shipped_on date)")
        conn.execute(
            "INSERT INTO shipments SELECT i, CASE WHEN i % 5 <> 0"
            " THEN date '2024-03-01' + i / 700 END"
            " FROM generate_series(1, 100000) AS i"
        )
        conn.execute(
            "CREATE INDEX shipments_keyset ON shipments"
            " ((coalesce(shipped_on, date '9999-12-31')), id)"
        )
        conn.execute("VACUUM ANALYZE shipments")
        query = (
            "SELECT id FROM shipments"
            " WHERE (coalesce(shipped_on, date '9999-12-31'), id) > (%s, %s)"
            " ORDER BY coalesce(shipped_on, date '9999-12-31'), id LIMIT 20"
        )
        plan = plan_summary(conn, query, ("2024-04-01", 50_000))
        assert plan == ["Limit", "Index Scan using shipments_keyset"]


@pytest.mark.parametrize(("page", "size"), [(0, 10), (1, 0), (1, 101)])
def test_offset_page_rejects_bad_input(postgres_dsn: str, page: int, size: int) -> None:
    with scratch_database(postgres_dsn) as conn, pytest.raises(ValueError):
        offset_page(conn, page, size)


@pytest.mark.parametrize("size", [0, 101])
def test_keyset_page_rejects_bad_size(postgres_dsn: str, size: int) -> None:
    with scratch_database(postgres_dsn) as conn, pytest.raises(ValueError):
        keyset_page(conn, None, size)


@pytest.mark.parametrize(
    ("deep", "shallow", "bucket"),
    [
        (20_020, 20, ">1000x"),
        (800, 4, ">100x"),
        (80, 4, ">10x"),
        (4, 4, "<=10x"),
        (5, 0, "<=10x"),
    ],
)
def test_ratio_bucket(deep: int, shallow: int, bucket: str) -> None:
    assert ratio_bucket(deep, shallow) == bucket
