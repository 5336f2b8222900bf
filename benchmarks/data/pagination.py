"""Offset vs keyset pagination on PostgreSQL: time per page at a shallow and a deep page.

The size is the number of rows before the page. An OFFSET page has to walk
past all of them, so its time grows with depth (ratio well above 1); a keyset
page seeks straight to its cursor, so its ratio stays near 1. Needs the
PostgreSQL server from examples/server_settings.py.

    .venv/bin/python benchmarks/data/pagination.py
"""

# requires-server: postgres

from __future__ import annotations

from benchmarks.timing import per_operation, quick_mode, report
from examples.data.sql_depth.pg_indexes import scratch_database
from examples.data.sql_depth.pg_pagination import keyset_page, offset_page, prepare
from examples.server_settings import postgres_dsn

PAGE = 20
PAGES_PER_RUN = 5 if quick_mode() else 50
TABLE_ROWS = 20_000 if quick_mode() else 300_000
DEPTHS = (100, 10_000) if quick_mode() else (1_000, 200_000)


def main() -> None:
    with scratch_database(postgres_dsn()) as conn:
        prepare(conn, TABLE_ROWS)

        def offset_pages(depth: int):
            page = depth // PAGE + 1

            def run() -> None:
                for _ in range(PAGES_PER_RUN):
                    offset_page(conn, page, PAGE)

            return run, PAGES_PER_RUN

        def keyset_pages(depth: int):
            cursor = offset_page(conn, depth // PAGE, PAGE)[-1]

            def run() -> None:
                for _ in range(PAGES_PER_RUN):
                    keyset_page(conn, cursor, PAGE)

            return run, PAGES_PER_RUN

        report("OFFSET page (size = rows skipped)", per_operation(offset_pages, DEPTHS))
        report("keyset page (size = rows before)", per_operation(keyset_pages, DEPTHS))


if __name__ == "__main__":
    main()
