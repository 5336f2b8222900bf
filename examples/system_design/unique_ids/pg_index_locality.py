"""Where inserts land in a B-tree: the same number of keys in three orders, on PostgreSQL.

A primary-key index is a B-tree sorted by key. A key larger than every key so
far goes to the rightmost leaf page; a random key goes to a random leaf. The
example inserts the same count of bigint identity values, UUIDv7 values and
UUIDv4 values, then reads the index with PostgreSQL's own inspection
extensions: pgstattuple (leaf count and fill) and pageinspect (which leaf
page holds each key).

It works in a scratch database of its own, because CREATE EXTENSION is
per database; the database is dropped at the end.
"""

# requires-server: postgres

from __future__ import annotations

import random
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import psycopg
from psycopg import sql

from examples import scratch_postgres
from examples.server_settings import CONNECT_TIMEOUT_SECONDS
from examples.system_design.unique_ids.clock import SteppedClock
from examples.system_design.unique_ids.uuid7 import UUIDv7Generator

KINDS = ("bigint identity", "UUIDv7", "UUIDv7, 8 servers", "UUIDv4")


@contextmanager
def scratch_database(dsn: str | None = None) -> Iterator[psycopg.Connection]:
    """An autocommit connection to a new database with pageinspect and pgstattuple."""
    with (
        scratch_postgres.scratch_database("ex_ids", dsn) as database,
        psycopg.connect(
            database,
            autocommit=True,
            connect_timeout=CONNECT_TIMEOUT_SECONDS,
            options="-c statement_timeout=60s",
        ) as conn,
    ):
        conn.execute("CREATE EXTENSION pageinspect")
        conn.execute("CREATE EXTENSION pgstattuple")
        yield conn


def v7_keys(count: int, ids_per_ms: int = 10, seed: int = 7) -> list[uuid.UUID]:
    """`count` UUIDv7 values as one busy app server makes them: ids_per_ms each millisecond."""
    clock = SteppedClock(1_700_000_000_000)
    new_id = UUIDv7Generator(clock, randbits=random.Random(seed).getrandbits)
    keys = []
    for i in range(count):
        if i and i % ids_per_ms == 0:
            clock.advance(1)
        keys.append(new_id())
    return keys


def v7_fleet_keys(
    count: int, servers: int = 8, skew_ms: int = 1, ids_per_ms: int = 10, seed: int = 8
) -> list[uuid.UUID]:
    """`count` UUIDv7 values from `servers` app servers, server i's clock i*skew_ms ahead.

    The servers take turns, as requests spread by a load balancer would: keys
    from different servers interleave, so they are only roughly sorted.
    """
    rng = random.Random(seed)
    clocks = [SteppedClock(1_700_000_000_000 + i * skew_ms) for i in range(servers)]
    makers = [UUIDv7Generator(clock, randbits=rng.getrandbits) for clock in clocks]
    keys = []
    for i in range(count):
        if i and i % (ids_per_ms * servers) == 0:
            for clock in clocks:
                clock.advance(1)
        keys.append(makers[i % servers]())
    return keys


def v4_keys(count: int, seed: int = 4) -> list[uuid.UUID]:
    """`count` UUIDv4 values from a seeded generator (uuid.uuid4() is not repeatable)."""
    rng = random.Random(seed)
    return [uuid.UUID(bytes=rng.randbytes(16), version=4) for _ in range(count)]


def appends_at_right_edge(keys: Sequence[object]) -> float:
    """Fraction of inserts whose key is larger than every key before it.

    Such a key can only go to the rightmost leaf of the B-tree.
    """
    if not keys:
        raise ValueError("need at least one key")
    largest, appends = None, 0
    for key in keys:
        if largest is None or key > largest:  # type: ignore[operator]
            appends += 1
            largest = key
    return appends / len(keys)


# --8<-- [start:load]
def load(conn: psycopg.Connection, table: str, keys: Sequence[uuid.UUID] | int) -> None:
    """Create `table` and insert its keys in the given order, one statement.

    An int means that many bigint identity values (1, 2, 3, ...); a list means
    those UUIDs, inserted in list order (WITH ORDINALITY keeps it).
    """
    name = sql.Identifier(table)
    if isinstance(keys, int):
        conn.execute(
            sql.SQL(
                "CREATE TABLE {} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                " n int NOT NULL)"
            ).format(name)
        )
        conn.execute(
            sql.SQL("INSERT INTO {} (n) SELECT g FROM generate_series(1, %s) g").format(
                name
            ),
            (keys,),
        )
        return
    conn.execute(
        sql.SQL("CREATE TABLE {} (id uuid PRIMARY KEY, n int NOT NULL)").format(name)
    )
    conn.execute(
        sql.SQL(
            "INSERT INTO {} (id, n) SELECT k, o"
            " FROM unnest(%s::uuid[]) WITH ORDINALITY AS t(k, o) ORDER BY o"
        ).format(name),
        (list(keys),),
    )


# --8<-- [end:load]


@dataclass(frozen=True)
class IndexShape:
    leaf_pages: int
    avg_leaf_density: float  # percent of each leaf page in use
    leaves_for_last: int  # distinct leaf pages holding the most recent keys


# --8<-- [start:inspect]
def inspect(conn: psycopg.Connection, table: str, last: int) -> IndexShape:
    """Leaf pages, their fill, and how many leaves the `last` inserted keys sit on."""
    index = f"{table}_pkey"
    stats = conn.execute(
        "SELECT leaf_pages, avg_leaf_density FROM pgstatindex(%s)", (index,)
    ).fetchone()
    assert stats is not None
    # Every leaf item points at its heap row (htid); join back to the row's n,
    # the insert order, and count the leaves holding the newest `last` rows.
    spread = conn.execute(
        sql.SQL(
            """
            SELECT count(DISTINCT p.blkno)
            FROM generate_series(1, pg_relation_size(%(index)s::regclass)
                                    / current_setting('block_size')::int - 1) AS p(blkno),
                 LATERAL bt_page_stats(%(index)s::text, p.blkno) AS s,
                 LATERAL bt_page_items(%(index)s::text, p.blkno) AS i
            JOIN {table} AS t ON t.ctid = i.htid
            WHERE s.type = 'l'
              AND t.n > (SELECT count(*) FROM {table}) - %(last)s
            """
        ).format(table=sql.Identifier(table)),
        {"index": index, "last": last},
    ).fetchone()
    assert spread is not None
    return IndexShape(int(stats[0]), float(stats[1]), int(spread[0]))


# --8<-- [end:inspect]


def shapes(
    conn: psycopg.Connection, count: int, last: int
) -> dict[str, tuple[IndexShape, float]]:
    """Load `count` keys of each kind; each kind's index shape and right-edge share."""
    makers: dict[str, Callable[[], Sequence[uuid.UUID] | int]] = {
        "bigint identity": lambda: count,
        "UUIDv7": lambda: v7_keys(count),
        "UUIDv7, 8 servers": lambda: v7_fleet_keys(count),
        "UUIDv4": lambda: v4_keys(count),
    }
    result = {}
    for number, kind in enumerate(KINDS):
        keys = makers[kind]()
        table = f"keys_{number}"
        load(conn, table, keys)
        share = 1.0 if isinstance(keys, int) else appends_at_right_edge(keys)
        result[kind] = (inspect(conn, table, last), share)
    return result


if __name__ == "__main__":
    with scratch_database() as conn:
        # --8<-- [start:demo]
        COUNT, LAST = 50_000, 100
        print(f"{'key':<17} leaves  full  last {LAST} on  appends")
        #> key               leaves  full  last 100 on  appends
        for kind, (shape, share) in shapes(conn, COUNT, LAST).items():
            leaves, full = shape.leaf_pages, f"{shape.avg_leaf_density:.0f}%"
            spread = f"{shape.leaves_for_last} leaves"
            print(f"{kind:<17} {leaves:>6} {full:>5} {spread:>11} {share:>8.0%}")
            #> bigint identity      137   90%    1 leaves     100%
            #> UUIDv7               192   90%    1 leaves     100%
            #> UUIDv7, 8 servers    248   70%    3 leaves      13%
            #> UUIDv4               275   63%   83 leaves       0%
        # --8<-- [end:demo]
