"""What two-phase commit costs: time and WAL syncs per transfer, against one local transaction.

The local transfer moves money between two accounts of one database (BEGIN,
two UPDATEs, COMMIT: one WAL flush). The 2PC transfer moves it between two
databases with TransferCoordinator: per participant BEGIN, UPDATE, PREPARE
TRANSACTION (a WAL flush) and COMMIT PREPARED (another), plus the decision
log's SQLite commit (synchronous=EXTRA: it syncs the file and its directory,
which pg_stat_wal does not count).
Both run against the scratch primary, on loopback, one transfer at a time.
Needs the postgres-pair server: `python3 -m tests.support.provisioned
postgres-pair` in another terminal, then

    .venv/bin/python benchmarks/system_design/distributed_transactions.py
"""

# requires-server: postgres-pair

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import psycopg

from benchmarks.timing import quick_mode
from examples.server_settings import pg_primary_dsn
from examples.system_design.distributed_transactions.bank import bank_cluster, connect
from examples.system_design.distributed_transactions.two_phase import (
    Decision,
    TransferCoordinator,
)

TRANSFERS = 10 if quick_mode() else 200
REPEATS = 1 if quick_mode() else 3
# Backends report their WAL statistics when idle at most once a second, and at exit.
STATS_SETTLE_SECONDS = 1.5


@dataclass(frozen=True)
class Cost:
    ms_per_transfer: float
    wal_syncs_per_transfer: float


def wal_syncs(monitor: psycopg.Connection) -> int:
    return monitor.execute("SELECT wal_sync FROM pg_stat_wal").fetchone()[0]


def measure(monitor: psycopg.Connection, run: Callable[[], Callable[[], None]]) -> Cost:
    """Best time over REPEATS runs of TRANSFERS transfers; WAL syncs from the last run.

    `run()` opens what it needs and returns its `close`: closing ends the
    server sessions, which makes them report their statistics.
    """
    best = float("inf")
    syncs = 0
    for _ in range(REPEATS):
        time.sleep(STATS_SETTLE_SECONDS)
        before = wal_syncs(monitor)
        start = time.perf_counter()
        close = run()
        best = min(best, time.perf_counter() - start)
        close()
        time.sleep(STATS_SETTLE_SECONDS)
        syncs = wal_syncs(monitor) - before
    return Cost(best / TRANSFERS * 1000, syncs / TRANSFERS)


def main() -> None:
    accounts = {"bank_a": {"alice": 10**12, "carol": 0}, "bank_b": {"bob": 0}}
    with (
        bank_cluster(accounts) as cluster,
        connect(pg_primary_dsn()) as monitor,
    ):
        bank_a = cluster.participants["bank_a"]

        def local() -> Callable[[], None]:
            conn = connect(bank_a, autocommit=False)
            for _ in range(TRANSFERS):
                with conn.transaction():
                    conn.execute(
                        "UPDATE accounts SET balance_cents = balance_cents - 1"
                        " WHERE id = 'alice'"
                    )
                    conn.execute(
                        "UPDATE accounts SET balance_cents = balance_cents + 1"
                        " WHERE id = 'carol'"
                    )
            return conn.close

        runs = iter(range(10**6))

        def two_phase() -> Callable[[], None]:
            tc = TransferCoordinator(cluster.participants, cluster.log_path)
            run = next(runs)
            for n in range(TRANSFERS):
                outcome = tc.transfer(
                    f"bench-{run}-{n}", ("bank_a", "alice"), ("bank_b", "bob"), 1
                )
                assert outcome.decision is Decision.COMMIT
            return tc.close

        one = measure(monitor, local)
        two = measure(monitor, two_phase)
    for label, cost in (("one-database transaction", one), ("two-phase commit", two)):
        print(
            f"{label:26} {cost.ms_per_transfer:7.2f} ms/transfer"
            f"  {cost.wal_syncs_per_transfer:5.2f} WAL syncs/transfer"
        )
    print(
        f"ratio 2PC / local: time {two.ms_per_transfer / one.ms_per_transfer:.1f}x,"
        f" WAL syncs {two.wal_syncs_per_transfer / max(one.wal_syncs_per_transfer, 1e-9):.1f}x"
    )


if __name__ == "__main__":
    main()
