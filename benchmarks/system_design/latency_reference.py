"""The latency reference table: measure each operation on this machine and write the files.

Every measured row is the median of RUNS runs with the fastest and slowest
run beside it. The probes take turns, one run each per round, so a burst of
load from other work on a shared machine falls on all rows alike instead of
on whichever ran at that moment. CPU-bound probes (memory, dict) are timed in
CPU time, which leaves out waiting for a core; probes that wait on a device
or a socket are timed on the wall clock, which is what a caller sees.

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
from contextlib import ExitStack
from dataclasses import dataclass
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
from examples.system_design.latency_reference.repeated import Spread, spread_of

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
REDIS_KEYS = 1_000
CPU = time.process_time


@dataclass
class Probe:
    id: str
    operation: str  # the row's label in the table
    how: str  # how it was measured, kept in the data file
    run_once: Callable[[], float]  # one run: seconds per operation, or bytes per second
    rate: bool = False  # True when run_once returns bytes per second

    def row(self, spread: Spread) -> dict[str, object]:
        build = measured_rate_row if self.rate else measured_time_row
        return build(self.id, self.operation, spread, self.how)


def memory_probes() -> list[Probe]:
    length = MEMORY_BYTES // 8
    table, start = memory.random_cycle(length, min(CHASE_VISITS, length), seed=1)
    positions = np.random.default_rng(2).integers(0, length, GATHERED)
    out = np.empty(GATHERED, dtype=np.int64)
    in_l1 = memory.sequential_cycle(memory.L1_CYCLE_VALUES)
    where = [start]  # each run continues the chase where the last one stopped

    def chase_on() -> float:
        per_step, where[0] = memory.chase(table, CHASE_STEPS, where[0], clock=CPU)
        return per_step

    keys = list(range(DICT_KEYS))
    lookups = np.random.default_rng(3).permutation(DICT_KEYS)[:DICT_LOOKUPS].tolist()
    lookup_table = dict.fromkeys(keys, 0)
    size = f"{MEMORY_BYTES // 2**20} MiB"
    return [
        Probe(
            "memory_sequential", "RAM, sequential read, per 8-byte value",
            f"numpy sum over {size} of int64, CPU time",
            lambda: memory.sequential_read(table, CPU),
        ),
        Probe(
            "memory_gather", "RAM, random independent reads, per value",
            f"numpy take() at {GATHERED:,} random positions in {size}, CPU time",
            lambda: memory.gathered_read(table, positions, out, CPU),
        ),
        Probe(
            "memory_chase", "RAM, random read that waits for the last one (pointer chase)",
            f"Python loop, position = table[position], over a shuffled cycle in {size}, CPU time",
            chase_on,
        ),
        Probe(
            "memory_chase_cached", "The same loop when every read hits the L1 cache",
            "the same loop over a 4 KiB cycle, CPU time",
            lambda: memory.chase(in_l1, CHASE_STEPS, clock=CPU)[0],
        ),
        Probe(
            "dict_lookup", "Python dict lookup, 1M int keys, random order",
            f"for key in keys: table[key], {DICT_KEYS:,} keys, {DICT_LOOKUPS:,} lookups per run, CPU time",
            lambda: memory.dict_lookups(lookup_table, lookups, CPU),
        ),
    ]


def storage_probes(stack: ExitStack, directory: Path) -> list[Probe]:
    path = stack.enter_context(storage.scratch_file(directory, FILE_BYTES))
    size = f"{FILE_BYTES // 2**20} MiB file"
    return [
        Probe(
            "file_sequential_cached", "File, sequential read from the page cache",
            f"1 MiB reads of a {size} just written",
            lambda: storage.sequential_read(path, direct=False), rate=True,
        ),
        Probe(
            "file_sequential_direct", "File, sequential read with O_DIRECT (from the device)",
            f"1 MiB O_DIRECT reads of the {size}",
            lambda: storage.sequential_read(path, direct=True), rate=True,
        ),
        Probe(
            "file_random_cached", "4 KB random read from the page cache",
            f"pread of 4 KiB at {RANDOM_READS:,} random aligned offsets",
            lambda: storage.random_reads(path, False, RANDOM_READS, seed=4),
        ),
        Probe(
            "file_random_direct", "4 KB random read with O_DIRECT (from the device)",
            f"O_DIRECT pread of 4 KiB at {RANDOM_READS:,} random aligned offsets",
            lambda: storage.random_reads(path, True, RANDOM_READS, seed=5),
        ),
        Probe(
            "fsync_append", "Append 4 KB to a file, then fsync",
            f"{FSYNCS} write() + fsync() pairs on a new file",
            lambda: storage.appends_with_fsync(directory, FSYNCS),
        ),
    ]


def network_probes(stack: ExitStack, versions: dict[str, str]) -> list[Probe]:
    client = stack.enter_context(loopback.echo_connection())
    conn = stack.enter_context(servers.item_table())
    settings = servers.postgres_settings(conn)
    if settings["fsync"] != "on" or settings["synchronous_commit"] != "on":
        raise RuntimeError(f"commits would not wait for the disk: {settings}")
    versions["postgresql"] = settings["server_version"].split()[0]
    ids = np.random.default_rng(6).integers(1, servers.ROWS + 1, QUERIES).tolist()
    cache, keys = stack.enter_context(servers.redis_keys(REDIS_KEYS))
    versions["redis"] = servers.redis_version(cache)
    return [
        Probe(
            "tcp_loopback", "TCP round trip over loopback, 64 bytes",
            f"{ROUND_TRIPS:,} sequential echoes, Python at both ends, TCP_NODELAY",
            lambda: loopback.round_trips(client, ROUND_TRIPS),
        ),
        Probe(
            "pg_point_query", "PostgreSQL point query by primary key",
            f"lookup by id among {servers.ROWS:,} rows, one connection, psycopg, 127.0.0.1",
            lambda: servers.point_queries(conn, ids),
        ),
        Probe(
            "pg_commit", "PostgreSQL one-row INSERT, committed to disk",
            f"{COMMITS} autocommit INSERTs, synchronous_commit on: one WAL flush per commit",
            lambda: servers.durable_inserts(conn, COMMITS),
        ),
        Probe(
            "redis_get", "Redis GET, one connection",
            f"GET of random keys among {REDIS_KEYS:,}, redis-py, 127.0.0.1, {GETS:,} per run",
            lambda: servers.gets(cache, keys, GETS, seed=7),
        ),
    ]


def run_in_rounds(probes: list[Probe]) -> dict[str, Spread]:
    """Warm every probe up once, then RUNS rounds in which each probe runs once."""
    for probe in probes:
        probe.run_once()  # caches, prepared statements, connections
    readings: dict[str, list[float]] = {probe.id: [] for probe in probes}
    for number in range(1, RUNS + 1):
        for probe in probes:
            readings[probe.id].append(probe.run_once())
        print(f"round {number} of {RUNS} done", flush=True)
    return {probe.id: spread_of(readings[probe.id]) for probe in probes}


def main() -> None:
    load_at_start = os.getloadavg()[0]
    versions: dict[str, str] = {}
    with ExitStack() as stack:
        directory = Path(stack.enter_context(tempfile.TemporaryDirectory()))  # the probe files
        probes = memory_probes() + storage_probes(stack, directory) + network_probes(stack, versions)
        spreads = run_in_rounds(probes)
        machine = describe(
            directory,
            postgres=versions["postgresql"],
            redis=versions["redis"],
            load_at_start=load_at_start,
            load_at_end=os.getloadavg()[0],
        )
    for probe in probes:
        spread = spreads[probe.id]
        print(f"{probe.id:<24} median {spread.median:.3g}  ({spread.low:.3g} to {spread.high:.3g})")
    ratios = [
        ("random gather / sequential, RAM", "memory_gather", "memory_sequential"),
        ("pointer chase / same loop in L1", "memory_chase", "memory_chase_cached"),
        ("O_DIRECT / page cache, 4 KB random read", "file_random_direct", "file_random_cached"),
        ("PostgreSQL point query / loopback round trip", "pg_point_query", "tcp_loopback"),
    ]
    for label, top, bottom in ratios:
        print(f"ratio {label}: {spreads[top].median / spreads[bottom].median:.1f}")
    data = {
        "generated_by": GENERATED_BY,
        "machine": machine,
        "rows": [probe.row(spreads[probe.id]) for probe in probes] + CITED_ROWS,
    }
    with tempfile.TemporaryDirectory() as quick_output:
        written = write_all(data, Path(quick_output) if QUICK else HERE)
        print()
        print(render_table(data))
        if not QUICK:
            print("wrote", ", ".join(path.name for path in written), "in", HERE)


if __name__ == "__main__":
    main()
