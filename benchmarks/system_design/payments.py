"""Ledger transfers per second with concurrent workers, four locking strategies side by side,
and how many commits a second one hot balance row takes, beside the notebook's assumption.

Each run gives WORKERS threads (one PostgreSQL session each) DURATION seconds
of 1-cent transfers between random pairs of accounts, through
examples/system_design/payments/ledger.py:

- no explicit lock: READ COMMITTED; the posting trigger's atomic increment
  and the CHECK do the work;
- lock order: READ COMMITTED, both account rows locked in id order first;
- serializable: SERIALIZABLE, no explicit locks, 40001 retried with jitter;
- request order: READ COMMITTED, rows locked in the order the transfer names
  them; deadlocks (40P01, found after deadlock_timeout) retried.

With few accounts every transfer collides; with many, almost none do.
Then the hot row: WORKERS threads commit, with synchronous_commit on, (a) a
bare UPDATE of one row and (b) charge entries that all post to one processor
account, for DURATION seconds each.
A transaction per transfer, on loopback, on a shared 2-core machine: compare
the columns with each other, not with a production primary.

    .venv/bin/python benchmarks/system_design/payments.py
"""

# requires-server: postgres

from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass

from benchmarks.timing import quick_mode
from examples.scratch_postgres import connect, scratch_schema
from examples.system_design.payments.bookkeeping import charge_postings
from examples.system_design.payments.ledger import (
    LockStrategy,
    open_account,
    post_entry,
    transfer,
)
from examples.system_design.payments.schema import create_schema

WORKERS = 4 if quick_mode() else 8
DURATION = 0.2 if quick_mode() else 1.0
ACCOUNT_COUNTS = (4, 1_000)
STRATEGIES = (
    LockStrategy.NO_LOCK,
    LockStrategy.LOCK_ORDER,
    LockStrategy.SERIALIZABLE,
    LockStrategy.REQUEST_ORDER,
)
# The notebook's assumption: HOT_ROW_COMMIT_MS = 2.0, so 1000 / 2 commits a second.
ASSUMED_HOT_ROW_COMMITS = 500


@dataclass(frozen=True)
class Run:
    transfers: int
    retries: int  # attempts the database aborted (40001 or 40P01) and that ran again
    seconds: float

    @property
    def per_second(self) -> float:
        return self.transfers / self.seconds


def measure(schema: str, accounts: list[str], strategy: LockStrategy, run: int) -> Run:
    """WORKERS threads transferring for DURATION seconds; what they got done."""
    done = [0] * WORKERS
    retried = [0] * WORKERS
    start = threading.Barrier(WORKERS + 1)
    stop = threading.Event()

    def worker(n: int) -> None:
        rng = random.Random(n)  # noqa: S311 -- repeatable pairs, not secrets
        with connect(schema, statement_timeout="30s") as conn:
            start.wait(timeout=30)
            while not stop.is_set():
                source, target = rng.sample(accounts, 2)
                result = transfer(
                    conn, source, target, 1, "USD",
                    reference=f"{strategy}-{run}-{n}-{done[n]}", strategy=strategy,
                    attempts=50, rng=rng,
                )  # fmt: skip
                done[n] += 1
                retried[n] += result.attempts - 1

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(WORKERS)]
    for thread in threads:
        thread.start()
    start.wait(timeout=30)
    began = time.perf_counter()
    time.sleep(DURATION)
    stop.set()
    for thread in threads:
        thread.join(timeout=120)
    return Run(sum(done), sum(retried), time.perf_counter() - began)


def hot_row(schema: str, charge: bool) -> float:
    """Commits a second when every transaction writes the same balance row."""
    done = [0] * WORKERS
    start = threading.Barrier(WORKERS + 1)
    stop = threading.Event()

    def worker(n: int) -> None:
        with connect(schema, statement_timeout="30s") as conn:
            conn.execute("SET synchronous_commit = on")
            start.wait(timeout=30)
            while not stop.is_set():
                if charge:
                    with conn.transaction():
                        postings = charge_postings(f"m{n}", 1_000, "USD")
                        post_entry(conn, "charge", f"hot-{n}-{done[n]}", "USD", postings)
                else:
                    conn.execute("UPDATE hot SET n = n + 1 WHERE id = 1")
                done[n] += 1

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(WORKERS)]
    for thread in threads:
        thread.start()
    start.wait(timeout=30)
    began = time.perf_counter()
    time.sleep(DURATION)
    stop.set()
    for thread in threads:
        thread.join(timeout=120)
    return sum(done) / (time.perf_counter() - began)


def hot_rows() -> None:
    with scratch_schema("bench_hot") as schema, connect(schema) as conn:
        create_schema(conn)
        conn.execute("CREATE TABLE hot (id int PRIMARY KEY, n bigint NOT NULL)")
        conn.execute("INSERT INTO hot VALUES (1, 0)")
        for n in range(WORKERS):
            for account in charge_postings(f"m{n}", 1_000, "USD"):
                open_account(conn, account, "USD", allow_negative=True)
        bare, charges = hot_row(schema, charge=False), hot_row(schema, charge=True)
    print(f"one hot row, {WORKERS} workers, {DURATION} s, synchronous_commit on: commits/s")
    print(f"{'assumed in the notebook':<28}{ASSUMED_HOT_ROW_COMMITS:>8}")
    print(f"{'bare single-row UPDATE':<28}{bare:>8.0f}")
    print(f"{'charge entries, one account':<28}{charges:>8.0f}")


def main() -> None:
    results: dict[tuple[LockStrategy, int], Run] = {}
    with scratch_schema("bench_ledger") as schema, connect(schema) as conn:
        create_schema(conn)
        open_account(conn, "world", "USD", allow_negative=True)
        for run, count in enumerate(ACCOUNT_COUNTS):
            accounts = [f"acct-{count}-{i:04d}" for i in range(count)]
            funding = {account: 10**9 for account in accounts}
            with conn.transaction():
                for account in accounts:
                    open_account(conn, account, "USD", allow_negative=False)
                funding["world"] = -sum(funding.values())
                post_entry(conn, "transfer", f"fund-{count}", "USD", funding)
            # ABC then CBA, best of two: no strategy always runs on a warmer server.
            for rep, order in enumerate((STRATEGIES, STRATEGIES[::-1])):
                for strategy in order:
                    got = measure(schema, accounts, strategy, 2 * run + rep)
                    best = results.get((strategy, count))
                    if best is None or got.per_second > best.per_second:
                        results[strategy, count] = got
    print(f"{WORKERS} workers, best of 2 runs of {DURATION} s: transfers/s (retried attempts)")
    header = f"{'strategy':<17}" + "".join(f"{f'{n} accounts':>22}" for n in ACCOUNT_COUNTS)
    print(header)
    for strategy in STRATEGIES:
        cells = "".join(
            f"{results[strategy, n].per_second:>12.0f} ({results[strategy, n].retries:>6})"
            for n in ACCOUNT_COUNTS
        )
        print(f"{strategy!s:<17}{cells}")
    base = {n: results[LockStrategy.LOCK_ORDER, n].per_second for n in ACCOUNT_COUNTS}
    for strategy in STRATEGIES:
        if strategy is LockStrategy.LOCK_ORDER:
            continue
        ratios = ", ".join(
            f"{results[strategy, n].per_second / base[n]:.2f} at {n} accounts"
            for n in ACCOUNT_COUNTS
        )
        print(f"ratio {strategy} / lock order: {ratios}")
    print()
    hot_rows()


if __name__ == "__main__":
    main()
