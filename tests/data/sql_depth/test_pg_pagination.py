"""Keyset pages match offset pages, read a constant amount, and survive inserts."""

from __future__ import annotations

import pytest

from examples.data.sql_depth.pg_indexes import scratch_schema
from examples.data.sql_depth.pg_pagination import (
    KEYSET_SQL,
    OFFSET_SQL,
    keyset_page,
    measure,
    offset_page,
    prepare,
    ratio_bucket,
)


def test_keyset_walk_returns_every_row_once_in_order(postgres_dsn: str) -> None:
    with scratch_schema(postgres_dsn) as conn:
        prepare(conn, 1_000)
        seen, after = [], None
        while page := keyset_page(conn, after, 100):
            seen += page
            after = page[-1]
        assert len(seen) == 1_000 and seen == sorted(seen)
        assert seen[200:300] == offset_page(conn, 3, 100)


def test_deep_offset_reads_the_skipped_rows_keyset_does_not(postgres_dsn: str) -> None:
    with scratch_schema(postgres_dsn) as conn:
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
    with scratch_schema(postgres_dsn) as conn:
        prepare(conn, 100)
        first = offset_page(conn, 1, 5)
        conn.execute("INSERT INTO orders VALUES (0, 1, 1, 'paid', '2023-01-01')")
        assert offset_page(conn, 2, 5)[0] == first[-1]
        assert not set(first) & set(keyset_page(conn, first[-1], 5))


@pytest.mark.parametrize(("page", "size"), [(0, 10), (1, 0), (1, 101)])
def test_offset_page_rejects_bad_input(postgres_dsn: str, page: int, size: int) -> None:
    with scratch_schema(postgres_dsn) as conn, pytest.raises(ValueError):
        offset_page(conn, page, size)


@pytest.mark.parametrize("size", [0, 101])
def test_keyset_page_rejects_bad_size(postgres_dsn: str, size: int) -> None:
    with scratch_schema(postgres_dsn) as conn, pytest.raises(ValueError):
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
