"""What a durable write costs on this machine's disk: 4 KiB appends per second.

- write() alone: the bytes reach the kernel's page cache only;
- write() + fdatasync(): the data, and only the metadata needed to read it back;
- write() + fsync(): the data and all of the file's metadata (mtime included).

And what that costs PostgreSQL 15: one-row autocommit INSERTs per second with
synchronous_commit on, local and off, from 1 and from 8 concurrent clients, and
the WAL writes and flushes per commit that pg_stat_wal counted meanwhile
(group commit: with 8 clients one flush serves several commits). They run on a
scratch cluster (examples/fundamentals/durability/scratch_cluster.py), never on
the shared server, whose settings and traffic are not ours.

The file lives under the repository (a real disk here; /tmp may be a tmpfs).
Wall time on purpose: waiting for the device is what is measured.

    .venv/bin/python benchmarks/fundamentals_durability.py
"""

# requires-tool: initdb, pg_ctl

from __future__ import annotations

import os
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks.timing import quick_mode
from examples.fundamentals.durability.scratch_cluster import ScratchCluster, scratch_cluster

SECONDS = 0.2 if quick_mode() else 3.0
BLOCK = b"x" * 4096
MODES = ("on", "local", "off")
CLIENTS = (1, 8)
# A backend adds its WAL counters to pg_stat_wal at most once a second while
# idle and at exit (PostgreSQL 15), the WAL writer once per wal_writer_delay
# cycle (200 ms): wait for both before reading the view.
STATS_SETTLE_SECONDS = 1.0


def appends_per_second(sync: Callable[[int], None] | None) -> float:
    with tempfile.TemporaryDirectory(dir=Path(__file__).parent) as folder:
        fd = os.open(Path(folder) / "log", os.O_WRONLY | os.O_CREAT | os.O_APPEND)
        try:
            count, start = 0, time.perf_counter()
            while time.perf_counter() - start < SECONDS:
                os.write(fd, BLOCK)
                if sync is not None:
                    sync(fd)
                count += 1
            return count / (time.perf_counter() - start)
        finally:
            os.close(fd)


@dataclass(frozen=True)
class CommitRun:
    commits: int
    seconds: float
    wal_writes: int  # pg_stat_wal.wal_write: write() calls of WAL buffers
    wal_syncs: int  # pg_stat_wal.wal_sync: fdatasync() calls on WAL files

    @property
    def per_second(self) -> float:
        return self.commits / self.seconds


def commit_run(cluster: ScratchCluster, mode: str, clients: int) -> CommitRun:
    """`clients` threads, one connection each, insert one row per transaction."""
    counts = [0] * clients
    start_line = threading.Barrier(clients + 1)
    deadline = 0.0

    def client(index: int) -> None:
        with cluster.connect(synchronous_commit=mode) as conn:
            start_line.wait(timeout=30)
            while time.perf_counter() < deadline:
                conn.execute("INSERT INTO event (client) VALUES (%s)", (index,))
                counts[index] += 1

    with cluster.connect() as monitor:
        monitor.execute("SELECT pg_stat_reset_shared('wal')")
        threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
        for thread in threads:
            thread.start()
        deadline = time.perf_counter() + SECONDS
        start = time.perf_counter()
        start_line.wait(timeout=30)
        for thread in threads:
            thread.join()
        seconds = time.perf_counter() - start
        time.sleep(STATS_SETTLE_SECONDS)
        row = monitor.execute("SELECT wal_write, wal_sync FROM pg_stat_wal").fetchone()
    assert row is not None
    return CommitRun(sum(counts), seconds, int(row[0]), int(row[1]))


def postgres_commits() -> None:
    with scratch_cluster() as cluster:
        with cluster.connect() as conn:
            conn.execute("CREATE TABLE event (id bigserial PRIMARY KEY, client int)")
        runs = {(m, c): commit_run(cluster, m, c) for m in MODES for c in CLIENTS}
    base = runs[("on", 1)].per_second
    print(f"\n{'synchronous_commit':<20}{'clients':>8}{'commits/s':>11}"
          f"{'ratio':>7}{'writes/commit':>15}{'flushes/commit':>16}")
    for (mode, clients), run in runs.items():
        print(f"{mode:<20}{clients:>8}{run.per_second:>11,.0f}{run.per_second / base:>7.1f}"
              f"{run.wal_writes / run.commits:>15.3f}{run.wal_syncs / run.commits:>16.3f}")
    print("ratio: commits per second against synchronous_commit=on with 1 client")


def main() -> None:
    rates = {
        "write alone": appends_per_second(None),
        "write + fdatasync": appends_per_second(os.fdatasync),
        "write + fsync": appends_per_second(os.fsync),
    }
    base = rates["write alone"]
    print(f"{'4 KiB appends':<20}{'per second':>14}{'ratio (x slower)':>18}")
    for name, rate in rates.items():
        print(f"{name:<20}{rate:>14,.0f}{base / rate:>18.1f}")
    postgres_commits()


if __name__ == "__main__":
    main()
