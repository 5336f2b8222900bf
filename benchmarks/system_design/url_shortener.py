"""URL shortener: redirects with and without the Redis cache, and what one counter row sustains.

Two copies of the service run in child processes on loopback, one with the
cache-aside and one that reads PostgreSQL on every redirect, over the same
links. A load generator in this process sends the same seeded sequence of
GETs (Zipf-like popularity over the links) to each, in alternating rounds,
so load from elsewhere on this shared machine falls on both. A warm-up
requests every link once, so the measured rounds see a full cache. Each copy
has its own schema, and PostgreSQL's own statistics count how often each
links table's primary key was searched: the load the cache takes off the
database. Every process shares this machine's cores: read the ratios, not
the absolute numbers.

The second part times the range allocator's UPDATE on one counter row: one
round trip per code, against one per block of 1,000 codes.

    .venv/bin/python benchmarks/system_design/url_shortener.py
"""

# requires-server: postgres, redis

from __future__ import annotations

import random
import time
from datetime import UTC, datetime

from benchmarks.timing import quick_mode
from examples.scratch_postgres import connect, scratch_schema
from examples.system_design.url_shortener.load import LoadResult, load
from examples.system_design.url_shortener.ranges import RangeAllocator, RangeCodes
from examples.system_design.url_shortener.sandbox import scratch_prefix
from examples.system_design.url_shortener.server import (
    create_tables,
    redis_client,
    spawn,
)
from examples.system_design.url_shortener.store import (
    Link,
    insert_link,
    pool_of,
    pooled,
)

LINKS = 100 if quick_mode() else 500
REQUESTS = 200 if quick_mode() else 3_000  # per copy, over all rounds
ROUNDS = 2 if quick_mode() else 4
CONCURRENCY = 16
MAX_SECONDS = 4.0  # per round and copy: the whole run stays under a minute
ALLOCATIONS = 50 if quick_mode() else 500


def seeded_paths(codes: list[str], count: int, seed: int = 7) -> list[str]:
    """`count` GET paths, link i chosen with weight 1 / (i + 1)."""
    weights = [1 / (rank + 1) for rank in range(len(codes))]
    rng = random.Random(seed)  # noqa: S311 - a reproducible workload, not a secret
    return [f"/{c}" for c in rng.choices(codes, weights, k=count)]


def make_links(schema: str) -> list[str]:
    now = datetime.now(UTC)
    codes = RangeCodes(RangeAllocator(lambda: connect(schema)))
    made = []
    with connect(schema) as conn, conn.transaction():  # one commit for all rows
        for i in range(LINKS):
            link = Link(codes.next_code(), f"https://example.com/landing/{i}")
            insert_link(conn, link, now)
            made.append(link.code)
    return made


def index_scans(schema: str) -> int:
    """How many times PostgreSQL searched the links table's primary key in `schema`."""
    with connect(schema) as conn:
        row = conn.execute(
            "SELECT idx_scan FROM pg_stat_user_indexes"
            " WHERE schemaname = %s AND indexrelname = 'links_pkey'",
            (schema,),
        ).fetchone()
    return 0 if row is None else int(row[0])


def redirects(schemas: dict[str, str], prefix: str, codes: list[str]) -> None:
    paths = seeded_paths(codes, REQUESTS)
    per_round = REQUESTS // ROUNDS
    results = {label: LoadResult() for label in schemas}
    with (
        spawn(schemas["with cache"], prefix, use_cache=True) as cached,
        spawn(schemas["without cache"], prefix, use_cache=False) as direct,
    ):
        urls = {"with cache": cached, "without cache": direct}
        every_link = [f"/{code}" for code in codes]
        for url in urls.values():  # warm-up: every link once fills the cache
            load(url, every_link, requests=len(every_link), concurrency=CONCURRENCY, max_seconds=60)
        for index in range(ROUNDS):
            batch = paths[index * per_round : (index + 1) * per_round]
            order = list(urls.items())
            for label, url in order if index % 2 == 0 else reversed(order):  # ABBA
                got = load(url, batch, requests=len(batch), concurrency=CONCURRENCY, max_seconds=MAX_SECONDS)
                total = results[label]
                total.latencies += got.latencies
                total.statuses.update(got.statuses)
                total.errors += got.errors
                total.seconds += got.seconds
    time.sleep(1)  # the children's backends have exited; let their statistics land
    print(
        f"{LINKS:,} links; up to {REQUESTS:,} GETs per copy in {ROUNDS} alternating rounds"
        f" of at most {MAX_SECONDS:.0f} s; closed loop, {CONCURRENCY} at a time"
    )
    print(f"{'redirects':<15}{'done':>7}{'req/s':>8}{'p50 ms':>8}{'p99 ms':>8}{'errors':>7}{'non-302':>8}{'DB/1k':>7}")
    for label, result in results.items():
        other = sum(n for status, n in result.statuses.items() if status != 302)
        # primary-key searches during the measured rounds (the warm-up made one per link)
        per_1k = (index_scans(schemas[label]) - LINKS) / max(len(result.latencies), 1) * 1_000
        print(
            f"{label:<15}{len(result.latencies):>7,}{result.throughput:>8,.0f}"
            f"{result.p(50) * 1e3:>8.2f}{result.p(99) * 1e3:>8.2f}{result.errors:>7}{other:>8}{per_1k:>7,.0f}"
        )
    with_cache, without = results["with cache"], results["without cache"]
    print(
        f"ratio with/without cache: throughput {with_cache.throughput / without.throughput:.2f}, "
        f"p50 {with_cache.p(50) / without.p(50):.2f}, p99 {with_cache.p(99) / without.p(99):.2f}"
    )


def counter(schema: str) -> None:
    """The allocator through a pool, as the service uses it; each UPDATE commits (a WAL flush)."""
    pool = pool_of(lambda: connect(schema), 1)
    try:
        allocator = RangeAllocator(pooled(pool))
        allocator.allocate(1)  # open the pooled connection outside the timing
        rates = {}
        for block in (1, 1_000):
            start = time.perf_counter()
            for _ in range(ALLOCATIONS):
                allocator.allocate(block)
            rates[block] = ALLOCATIONS / (time.perf_counter() - start)
    finally:
        pool.dispose()
    print(f"one counter row, {ALLOCATIONS:,} committed UPDATEs per block size, one client")
    for block, rate in rates.items():
        print(f"  block of {block:>5,}: {rate:>7,.0f} UPDATEs/s = {rate * block:>12,.0f} codes/s")
    print(f"  ratio of codes/s, block 1,000 to block 1: {rates[1_000] * 1_000 / rates[1]:,.0f}")


def main() -> None:
    with (
        redis_client() as client,
        scratch_prefix(client) as prefix,
        scratch_schema("ex_short_cached") as cached,
        scratch_schema("ex_short_direct") as direct,
    ):
        for schema in (cached, direct):
            create_tables(schema)
            codes = make_links(schema)  # the same codes in both: each counter starts alike
        redirects({"with cache": cached, "without cache": direct}, prefix, codes)
        counter(direct)


if __name__ == "__main__":
    main()
