"""Unique IDs: the cost of making one, and of inserting it into a PostgreSQL primary key.

Generation (in process) should cost the same per ID at any batch size (ratio
near 1). A sequence costs a round trip per nextval. Insert cost is per row of
one INSERT of n keys in insertion order, and the index shape after it
(raw figures behind the rounded ones on docs/system-design/unique-ids.md).

    .venv/bin/python benchmarks/system_design/unique_ids.py
"""

# requires-server: postgres

from __future__ import annotations

import itertools
import uuid

from benchmarks.timing import CPU_CLOCK, per_operation, quick_mode, report
from examples.server_settings import postgres_dsn
from examples.system_design.unique_ids.pg_index_locality import (
    inspect,
    load,
    scratch_database,
    v4_keys,
    v7_fleet_keys,
    v7_keys,
)
from examples.system_design.unique_ids.snowflake import SnowflakeGenerator
from examples.system_design.unique_ids.uuid7 import UUIDv7Generator

GENERATE_SIZES = (1_000, 10_000) if quick_mode() else (10_000, 1_000_000)
INSERT_SIZES = (1_000, 5_000) if quick_mode() else (20_000, 200_000)
NEXTVAL_SIZES = (50, 200) if quick_mode() else (500, 5_000)


def generating(make):
    def workload(size: int):
        new_id = make()

        def run() -> None:
            for _ in range(size):
                new_id()

        return run, size

    return workload


def main() -> None:
    report("uuid.uuid4()", per_operation(generating(lambda: uuid.uuid4), GENERATE_SIZES, clock=CPU_CLOCK))
    report("UUIDv7Generator()", per_operation(generating(UUIDv7Generator), GENERATE_SIZES, clock=CPU_CLOCK))
    report(
        "SnowflakeGenerator()",
        per_operation(generating(lambda: SnowflakeGenerator(1)), GENERATE_SIZES, clock=CPU_CLOCK),
    )
    with scratch_database(postgres_dsn()) as conn:
        conn.execute("CREATE SEQUENCE bench_seq")

        def nextvals(size: int):
            def run() -> None:
                for _ in range(size):
                    conn.execute("SELECT nextval('bench_seq')").fetchone()

            return run, size

        report("nextval() round trip", per_operation(nextvals, NEXTVAL_SIZES))

        tables = itertools.count()
        makers = {
            "bigint identity": lambda n: n,
            "UUIDv7": v7_keys,
            "UUIDv7, 8 servers": v7_fleet_keys,
            "UUIDv4": v4_keys,
        }
        for kind, make in makers.items():

            def inserting(size: int, make=make):
                keys = make(size)
                table = f"t{next(tables)}"

                def run() -> None:
                    load(conn, table, keys)

                return run, size

            report(f"insert per row, {kind}", per_operation(inserting, INSERT_SIZES, repeats=3))
        size = INSERT_SIZES[1]
        for number, (kind, make) in enumerate(makers.items()):
            table = f"shape_{number}"
            load(conn, table, make(size))
            shape = inspect(conn, table, last=100)
            print(
                f"{kind:<18} n={size:,}: {shape.leaf_pages} leaves, "
                f"{shape.avg_leaf_density:.2f}% full, last 100 keys on {shape.leaves_for_last} leaves"
            )


if __name__ == "__main__":
    main()
