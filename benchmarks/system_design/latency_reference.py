"""The latency reference table: measure each operation on this machine and write the files.

Operations slow enough to time alone (round trips, queries, reads from the
device, fsyncs) are timed one by one with perf_counter_ns, and each row keeps
the p50 and p99 of every operation over RUNS runs. Memory reads are too fast
for that: they are timed in batches, and each row keeps the median of RUNS
runs' per-operation means. The probes take turns, one run each per round, so
a burst of load from other work falls on all rows alike. CPU-bound probes
(memory, dict) are timed in CPU time, which leaves out waiting for a core
but not contention for the caches; the rest on the wall clock, which is what
a caller sees.

The benchmark refuses to start when the 1-minute load average is above the
number of cores (set LATENCY_REFERENCE_FORCE=1 to measure anyway: the table
then says the figures are inflated). A full run writes latency_reference.json,
latency_table.md and what_it_means.md into
examples/system_design/latency_reference/ (the page includes the two tables;
commit all three). With BENCH_QUICK=1 it measures tiny sizes, skips the load
check and writes into a temporary folder, so the test suite proves the
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
from examples.system_design.latency_reference.machine import (
    FORCE_VARIABLE,
    MachineBusy,
    check_load,
    describe,
)
from examples.system_design.latency_reference.reference import (
    CITED_ROWS,
    GENERATED_BY,
    HERE,
    SECONDS_PER_UNIT,
    count_label,
    measured_percentile_row,
    measured_rate_row,
    measured_time_row,
    render_table,
    size_label,
    write_all,
)
from examples.system_design.latency_reference.repeated import combined, percentiles_of, spread_of

QUICK = quick_mode()
RUNS = 3 if QUICK else 7
MEMORY_BYTES = 4 * 2**20 if QUICK else max(8 * memory.last_level_cache_bytes(), 256 * 2**20)
CHASE_VISITS = 10_000 if QUICK else 2_000_000  # positions in the shuffled cycle
CHASE_STEPS = 5_000 if QUICK else 500_000  # per run
GATHERED = 10_000 if QUICK else 2_000_000  # random positions per run
DICT_KEYS = 10_000 if QUICK else 1_000_000
DICT_LOOKUPS = 5_000 if QUICK else 200_000  # per run
FILE_BYTES = 4 * 2**20 if QUICK else 256 * 2**20
RANDOM_READS = 50 if QUICK else 2_000  # per run
FSYNCS = 50 if QUICK else 200
ROUND_TRIPS = 50 if QUICK else 2_000
QUERIES = 50 if QUICK else 2_000
COMMITS = 50 if QUICK else 200
GETS = 50 if QUICK else 2_000
REDIS_KEYS = 1_000
CPU = time.process_time

EACH = "each"  # run_once returns nanoseconds of each operation
SUMMARY = "summary"  # run_once returns Percentiles (a C tool's own summary)
BATCH = "batch"  # run_once returns seconds per operation of one batch
RATE = "rate"  # run_once returns bytes per second of one batch


@dataclass
class Probe:
    id: str
    operation: str  # the row's label in the table
    how: str  # how it was measured, kept in the data file
    run_once: Callable[[], object]  # one run; what it returns depends on `kind`
    kind: str = EACH

    def row(self, readings: list) -> dict[str, object]:
        if self.kind == EACH:
            pooled = [sample for run in readings for sample in run]
            return measured_percentile_row(self.id, self.operation, percentiles_of(pooled), self.how)
        if self.kind == SUMMARY:
            return measured_percentile_row(self.id, self.operation, combined(readings), self.how)
        build = measured_rate_row if self.kind == RATE else measured_time_row
        return build(self.id, self.operation, spread_of(readings), self.how)


def memory_probes() -> list[Probe]:
    length = MEMORY_BYTES // 8
    table, start = memory.random_cycle(length, min(CHASE_VISITS, length), seed=1)
    positions = np.random.default_rng(2).integers(0, length, GATHERED)
    out = np.empty(GATHERED, dtype=np.int64)
    in_l1 = memory.sequential_cycle(memory.L1_CYCLE_VALUES)
    where = [start]  # each run continues the chase where the last one stopped

    def miss() -> float:
        """One run of the chase minus one run of the same loop in L1: the miss alone."""
        per_step, where[0] = memory.chase(table, CHASE_STEPS, where[0], clock=CPU)
        difference = per_step - memory.chase(in_l1, CHASE_STEPS, clock=CPU)[0]
        if difference <= 0 and not QUICK:  # quick mode's array may fit in the cache
            raise RuntimeError("the chase was no slower than the loop in L1: no misses")
        return max(difference, 1e-12)

    keys = list(range(DICT_KEYS))
    lookups = np.random.default_rng(3).permutation(DICT_KEYS)[:DICT_LOOKUPS].tolist()
    lookup_table = dict.fromkeys(keys, 0)
    size = size_label(MEMORY_BYTES)
    cycle = size_label(memory.L1_CYCLE_VALUES * 8)
    return [
        Probe(
            "memory_sequential", "RAM, sequential read, per 8-byte value",
            f"numpy sum over {size} of int64, CPU time",
            lambda: memory.sequential_read(table, CPU), BATCH,
        ),
        Probe(
            "memory_gather", "RAM, random independent reads, per value",
            f"numpy take() at {GATHERED:,} random positions in {size}, CPU time",
            lambda: memory.gathered_read(table, positions, out, CPU), BATCH,
        ),
        Probe(
            "memory_miss",
            "RAM miss, dependent read (pointer chase minus the loop below)",
            f"Python loop, position = table[position], over a shuffled cycle in {size}, "
            f"minus the same loop over a {cycle} cycle, CPU time",
            miss, BATCH,
        ),
        Probe(
            "memory_chase_loop", f"The chase's loop alone, reads in L1 ({cycle} cycle)",
            f"the same loop over a {cycle} cycle, CPU time",
            lambda: memory.chase(in_l1, CHASE_STEPS, clock=CPU)[0], BATCH,
        ),
        Probe(
            "dict_lookup",
            f"Python dict lookup, {count_label(DICT_KEYS)} int keys, random order",
            f"for key in keys: table[key], {DICT_KEYS:,} keys, {DICT_LOOKUPS:,} lookups per run, CPU time",
            lambda: memory.dict_lookups(lookup_table, lookups, CPU), BATCH,
        ),
    ]


def storage_probes(stack: ExitStack, directory: Path) -> list[Probe]:
    path = stack.enter_context(storage.scratch_file(directory, FILE_BYTES))
    size = f"{size_label(FILE_BYTES)} file"
    page = size_label(storage.PAGE)
    return [
        Probe(
            "file_sequential_cached", "File, sequential read from the page cache",
            f"{size_label(storage.CHUNK)} reads of a {size} just written",
            lambda: storage.sequential_read(path, direct=False), RATE,
        ),
        Probe(
            "file_sequential_direct", "File, sequential read with O_DIRECT (from the virtual disk)",
            f"{size_label(storage.CHUNK)} O_DIRECT reads of the {size}",
            lambda: storage.sequential_read(path, direct=True), RATE,
        ),
        Probe(
            "file_random_cached", f"{page} random read from the page cache",
            f"pread of {page} at {RANDOM_READS:,} random aligned offsets per run",
            lambda: storage.random_reads(path, False, RANDOM_READS, seed=4),
        ),
        Probe(
            "file_random_direct", f"{page} random read with O_DIRECT (from the virtual disk)",
            f"O_DIRECT pread of {page} at {RANDOM_READS:,} random aligned offsets per run",
            lambda: storage.random_reads(path, True, RANDOM_READS, seed=5),
        ),
        Probe(
            "fsync_append",
            f"Append {page}, fsync: this virtual disk's flush acknowledgment",
            f"{FSYNCS} write() + fsync() pairs per run on a new file",
            lambda: storage.appends_with_fsync(directory, FSYNCS),
        ),
    ]


def network_probes(stack: ExitStack, versions: dict[str, str]) -> list[Probe]:
    echo = stack.enter_context(loopback.echo_connection())
    conn = stack.enter_context(servers.item_table())
    schema = conn.execute("SELECT current_schema()").fetchone()[0]
    workdir = Path(stack.enter_context(tempfile.TemporaryDirectory()))  # pgbench files
    settings = servers.postgres_settings(conn)
    if settings["fsync"] != "on" or settings["synchronous_commit"] != "on":
        raise RuntimeError(f"commits would not wait for the disk: {settings}")
    versions["postgresql"] = settings["server_version"].split()[0]
    ids = np.random.default_rng(6).integers(1, servers.ROWS + 1, QUERIES).tolist()
    cache, keys = stack.enter_context(servers.redis_keys(REDIS_KEYS))
    versions["redis"] = servers.redis_version(cache)
    message = size_label(len(loopback.MESSAGE))
    return [
        Probe(
            "tcp_loopback", f"TCP loopback round trip, {message}, Python both ends",
            f"{ROUND_TRIPS:,} sequential echoes per run, echo server in another process, TCP_NODELAY",
            lambda: loopback.round_trips(echo.client, ROUND_TRIPS),
        ),
        Probe(
            "pg_point_query", "PostgreSQL primary-key query, psycopg",
            f"lookup by id among {servers.ROWS:,} rows, one connection, 127.0.0.1, {QUERIES:,} per run",
            lambda: servers.point_queries(conn, ids),
        ),
        Probe(
            "pg_point_query_c", "The same query, pgbench (C)",
            f"pgbench -c 1 -M prepared, random id among {servers.ROWS:,}, {QUERIES:,} per run, "
            "latencies from its per-transaction log",
            lambda: servers.pgbench_point_queries(schema, QUERIES, workdir),
        ),
        Probe(
            "pg_commit", "PostgreSQL one-row INSERT, committed (WAL flushed)",
            f"{COMMITS} autocommit INSERTs per run, synchronous_commit on: one WAL flush per commit",
            lambda: servers.durable_inserts(conn, COMMITS),
        ),
        Probe(
            "redis_get", "Redis GET, redis-py",
            f"GET of random keys among {REDIS_KEYS:,}, one connection, 127.0.0.1, {GETS:,} per run",
            lambda: servers.gets(cache, keys, GETS, seed=7),
        ),
        Probe(
            "redis_get_c", "The same GET, redis-benchmark (C)",
            f"redis-benchmark -c 1 -n {GETS:,} GET of one key per run; p50 and p99 are "
            "the medians of the runs' own",
            lambda: servers.redis_benchmark_gets(keys[0], GETS), SUMMARY,
        ),
    ]


def run_in_rounds(probes: list[Probe]) -> dict[str, list]:
    """Warm every probe up once, then RUNS rounds in which each probe runs once."""
    for probe in probes:
        probe.run_once()  # caches, prepared statements, connections
    readings: dict[str, list] = {probe.id: [] for probe in probes}
    for number in range(1, RUNS + 1):
        for probe in probes:
            readings[probe.id].append(probe.run_once())
        print(f"round {number} of {RUNS} done", flush=True)
    return readings


def typical(row: dict[str, object]) -> float:
    """A row's p50 (or batch median) in seconds, for the printed ratios."""
    return row["value"] * SECONDS_PER_UNIT.get(row["unit"], 1.0)


def main() -> None:
    load_at_start = os.getloadavg()[0]
    cores = os.cpu_count() or 1
    if not QUICK:
        try:
            check_load(load_at_start, cores, forced=os.environ.get(FORCE_VARIABLE) == "1")
        except MachineBusy as busy:
            raise SystemExit(str(busy)) from None
    versions: dict[str, str] = {}
    with ExitStack() as stack:
        directory = Path(stack.enter_context(tempfile.TemporaryDirectory()))  # the probe files
        probes = memory_probes() + storage_probes(stack, directory) + network_probes(stack, versions)
        readings = run_in_rounds(probes)
        machine = describe(
            directory,
            postgres=versions["postgresql"],
            redis=versions["redis"],
            load_at_start=load_at_start,
            load_at_end=os.getloadavg()[0],
        )
    rows = {probe.id: probe.row(readings[probe.id]) for probe in probes}
    for row in rows.values():
        extra = f"  p99 {row['p99']} {row['p99_unit']}" if "p99" in row else ""
        print(f"{row['id']:<24} {row['value']} {row['unit']}{extra}")
    ratios = [
        ("random gather / sequential, RAM", "memory_gather", "memory_sequential"),
        ("miss / the Python loop alone", "memory_miss", "memory_chase_loop"),
        ("O_DIRECT / page cache, random read, p50", "file_random_direct", "file_random_cached"),
        ("PostgreSQL point query / loopback round trip, p50", "pg_point_query", "tcp_loopback"),
        ("psycopg / pgbench point query, p50", "pg_point_query", "pg_point_query_c"),
        ("redis-py / redis-benchmark GET, p50", "redis_get", "redis_get_c"),
    ]
    for label, top, bottom in ratios:
        print(f"ratio {label}: {typical(rows[top]) / typical(rows[bottom]):.1f}")
    data = {
        "generated_by": GENERATED_BY,
        "machine": machine,
        "rows": list(rows.values()) + CITED_ROWS,
    }
    with tempfile.TemporaryDirectory() as quick_output:
        written = write_all(data, Path(quick_output) if QUICK else HERE)
        print()
        print(render_table(data))
        if not QUICK:
            print("wrote", ", ".join(path.name for path in written), "in", HERE)


if __name__ == "__main__":
    main()
