"""The latency reference table: measure each operation on this machine and write the files.

Every measured row is the median of RUNS runs with the fastest and slowest
run beside it. CPU-bound probes (memory, dict) are timed in CPU time so that
waiting for a core on a shared machine is left out; probes that wait on a
device or a socket are timed on the wall clock, which is what a caller sees.

A full run writes latency_reference.json, latency_table.md and
what_it_means.md into examples/system_design/latency_reference/ (the page
includes the two tables; commit all three). With BENCH_QUICK=1 it measures
tiny sizes and writes into a temporary folder, so the test suite proves the
benchmark works without touching the committed figures.

    python3 dev.py bench latency_reference
"""

# requires-server: postgres, redis

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from benchmarks.timing import quick_mode
from examples.system_design.latency_reference import loopback, memory, servers, storage
from examples.system_design.latency_reference.machine import describe
from examples.system_design.latency_reference.reference import (
    CITED_ROWS,
    GENERATED_BY,
    HERE,
    measured_rate_row,
    measured_time_row,
    render_table,
    write_all,
)
from examples.system_design.latency_reference.repeated import Spread, repeat

QUICK = quick_mode()
RUNS = 3 if QUICK else 7
MEMORY_BYTES = 4 * 2**20 if QUICK else max(8 * memory.last_level_cache_bytes(), 256 * 2**20)
CHASE_VISITS = 10_000 if QUICK else 2_000_000  # positions in the shuffled cycle
CHASE_STEPS = 5_000 if QUICK else 500_000  # per run
GATHERED = 10_000 if QUICK else 2_000_000  # random positions per run
DICT_KEYS = 10_000 if QUICK else 1_000_000
DICT_LOOKUPS = 5_000 if QUICK else 200_000  # per run
FILE_BYTES = 4 * 2**20 if QUICK else 256 * 2**20
RANDOM_READS = 50 if QUICK else 2_000
FSYNCS = 5 if QUICK else 200
ROUND_TRIPS = 50 if QUICK else 2_000
QUERIES = 50 if QUICK else 2_000
COMMITS = 5 if QUICK else 200
GETS = 50 if QUICK else 2_000
CPU = time.process_time


def measure(label: str, run_once: Callable[[], float]) -> Spread:
    run_once()  # warm up: caches, prepared statements, connections
    spread = repeat(run_once, RUNS)
    print(f"{label:<58} median {spread.median:.3g}  ({spread.low:.3g} to {spread.high:.3g})", flush=True)
    return spread


def memory_rows() -> list[dict[str, object]]:
    length = MEMORY_BYTES // 8
    table, start = memory.random_cycle(length, min(CHASE_VISITS, length), seed=1)
    positions = np.random.default_rng(2).integers(0, length, GATHERED)
    out = np.empty(GATHERED, dtype=np.int64)
    cached = memory.sequential_cycle(memory.L1_CYCLE_VALUES)
    where = [start]

    def chase_on() -> float:
        per_step, where[0] = memory.chase(table, CHASE_STEPS, where[0], clock=CPU)
        return per_step

    size = f"{MEMORY_BYTES // 2**20} MiB"
    sequential = measure("memory, sequential (s/value)", lambda: memory.sequential_read(table, CPU))
    gathered = measure("memory, random gather (s/value)", lambda: memory.gathered_read(table, positions, out, CPU))
    chased = measure("memory, pointer chase (s/step)", chase_on)
    in_l1 = measure("memory, same loop in L1 (s/step)", lambda: memory.chase(cached, CHASE_STEPS, clock=CPU)[0])
    print(f"ratio random gather / sequential: {gathered.median / sequential.median:.1f}")
    print(f"ratio pointer chase / same loop in L1: {chased.median / in_l1.median:.1f}")
    keys = list(range(DICT_KEYS))
    lookups = np.random.default_rng(3).permutation(DICT_KEYS)[:DICT_LOOKUPS].tolist()
    table_of = dict.fromkeys(keys, 0)
    looked_up = measure("dict lookup (s/lookup)", lambda: memory.dict_lookups(table_of, lookups, CPU))
    return [
        measured_time_row(
            "memory_sequential", "RAM, sequential read, per 8-byte value", sequential,
            f"numpy sum over {size} of int64, CPU time",
        ),
        measured_time_row(
            "memory_gather", "RAM, random independent reads, per value", gathered,
            f"numpy take() at {GATHERED:,} random positions in {size}, CPU time",
        ),
        measured_time_row(
            "memory_chase", "RAM, random read that waits for the last one (pointer chase)", chased,
            f"Python loop, position = table[position], over a shuffled cycle in {size}, CPU time",
        ),
        measured_time_row(
            "memory_chase_cached", "The same loop when every read hits the L1 cache", in_l1,
            "the same loop over a 4 KiB cycle, CPU time",
        ),
        measured_time_row(
            "dict_lookup", "Python dict lookup, 1M int keys, random order", looked_up,
            f"for key in keys: table[key], {DICT_KEYS:,} keys, CPU time",
        ),
    ]


def storage_rows(directory: Path) -> list[dict[str, object]]:
    with storage.scratch_file(directory, FILE_BYTES) as path:
        cached_rate = measure("file, sequential, page cache (B/s)", lambda: storage.sequential_read(path, False))
        direct_rate = measure("file, sequential, O_DIRECT (B/s)", lambda: storage.sequential_read(path, True))
        cached = measure("4 KB random read, page cache (s)", lambda: storage.random_reads(path, False, RANDOM_READS, 4))
        direct = measure("4 KB random read, O_DIRECT (s)", lambda: storage.random_reads(path, True, RANDOM_READS, 5))
    synced = measure("4 KB append + fsync (s)", lambda: storage.appends_with_fsync(directory, FSYNCS))
    print(f"ratio O_DIRECT / page cache, 4 KB random read: {direct.median / cached.median:.0f}")
    size = f"{FILE_BYTES // 2**20} MiB file"
    return [
        measured_rate_row(
            "file_sequential_cached", "File, sequential read from the page cache", cached_rate,
            f"1 MiB reads of a {size} just written",
        ),
        measured_rate_row(
            "file_sequential_direct", "File, sequential read with O_DIRECT (from the device)", direct_rate,
            f"1 MiB O_DIRECT reads of the {size}",
        ),
        measured_time_row(
            "file_random_cached", "4 KB random read from the page cache", cached,
            f"pread of 4 KiB at {RANDOM_READS:,} random aligned offsets",
        ),
        measured_time_row(
            "file_random_direct", "4 KB random read with O_DIRECT (from the device)", direct,
            f"O_DIRECT pread of 4 KiB at {RANDOM_READS:,} random aligned offsets",
        ),
        measured_time_row(
            "fsync_append", "Append 4 KB to a file, then fsync", synced,
            f"{FSYNCS} write() + fsync() pairs",
        ),
    ]


def network_rows() -> tuple[list[dict[str, object]], str, str]:
    with loopback.echo_connection() as client:
        rtt = measure("TCP loopback round trip (s)", lambda: loopback.round_trips(client, ROUND_TRIPS))
    ids = np.random.default_rng(6).integers(1, servers.ROWS + 1, QUERIES).tolist()
    with servers.item_table() as conn:
        settings = servers.postgres_settings(conn)
        if settings["fsync"] != "on" or settings["synchronous_commit"] != "on":
            raise RuntimeError(f"commits would not wait for the disk: {settings}")
        point = measure("PostgreSQL point query (s)", lambda: servers.point_queries(conn, ids))
        commit = measure("PostgreSQL one-row insert, committed (s)", lambda: servers.durable_inserts(conn, COMMITS))
    with servers.redis_keys(1_000) as (client, keys):
        got = measure("Redis GET (s)", lambda: servers.gets(client, keys, GETS, 7))
        redis = servers.redis_version(client)
    print(f"ratio PostgreSQL point query / loopback round trip: {point.median / rtt.median:.1f}")
    rows = [
        measured_time_row(
            "tcp_loopback", "TCP round trip over loopback, 64 bytes", rtt,
            f"{ROUND_TRIPS:,} sequential echoes, Python at both ends, TCP_NODELAY",
        ),
        measured_time_row(
            "pg_point_query", "PostgreSQL point query by primary key", point,
            f"lookup by id among {servers.ROWS:,} rows, one connection, psycopg, 127.0.0.1",
        ),
        measured_time_row(
            "pg_commit", "PostgreSQL one-row INSERT, committed to disk", commit,
            "autocommit INSERT, synchronous_commit on: one WAL flush per commit",
        ),
        measured_time_row(
            "redis_get", "Redis GET, one connection", got,
            f"GET of random keys among 1,000, redis-py, 127.0.0.1, {GETS:,} per run",
        ),
    ]
    return rows, settings["server_version"].split()[0], redis


def main() -> None:
    load_average = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as scratch:  # where the probe files go
        directory = Path(scratch)
        rows = memory_rows() + storage_rows(directory)
        network, postgres, redis = network_rows()
        machine = describe(directory, postgres=postgres, redis=redis, load_average=load_average)
    data = {
        "generated_by": GENERATED_BY,
        "machine": machine,
        "rows": rows + network + CITED_ROWS,
    }
    with tempfile.TemporaryDirectory() as quick_output:
        written = write_all(data, Path(quick_output) if QUICK else HERE)
        print()
        print(render_table(data))
        if not QUICK:
            print("wrote", ", ".join(path.name for path in written), "in", HERE)


if __name__ == "__main__":
    main()
