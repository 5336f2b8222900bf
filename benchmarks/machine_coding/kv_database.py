"""KV database: GET/SET/COUNT stay O(1) as the database grows 100x; ROLLBACK and
COMMIT depend on the transaction, not on the database (both grow with the number
of changes: ROLLBACK replays them, COMMIT frees their log entries); copy-on-begin's
BEGIN grows with the database.

    .venv/bin/python benchmarks/machine_coding/kv_database.py
"""

from __future__ import annotations

import random
from collections.abc import Callable

from benchmarks.timing import per_operation, quick_mode, report
from examples.machine_coding.kv_database.copy_on_begin import CopyOnBeginDatabase
from examples.machine_coding.kv_database.database import KVDatabase

Database = KVDatabase | CopyOnBeginDatabase
OPS = 1_000 if quick_mode() else 20_000
NESTED = 5 if quick_mode() else 50  # transactions rolled back or committed per run
CHANGES = 100  # keys each of those transactions changes
FIXED_DB_SIZE = 2_000 if quick_mode() else 100_000
TRANSACTION_SIZES = (10, 1_000) if quick_mode() else (100, 10_000)


def filled(size: int, factory: Callable[[], Database] = KVDatabase) -> Database:
    db = factory()
    for index in range(size):
        db.set(f"k{index}", str(index % 100))
    return db


def random_keys(size: int, count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)  # noqa: S311 -- a repeatable workload, not a secret
    return [f"k{rng.randrange(size)}" for _ in range(count)]


def gets(size: int):
    db, keys = filled(size), random_keys(size, OPS)

    def run() -> None:
        for key in keys:
            db.get(key)

    return run, len(keys)


def plain_dict_gets(size: int):
    """The floor: a bare dict lookup on the same keys, with no database around it."""
    data = {f"k{index}": str(index % 100) for index in range(size)}
    keys = random_keys(size, OPS)

    def run() -> None:
        for key in keys:
            data.get(key)

    return run, len(keys)


def sets(size: int, *, in_transaction: bool = False):
    db, keys = filled(size), random_keys(size, OPS)
    if in_transaction:
        db.begin()

    def run() -> None:
        for number, key in enumerate(keys):
            db.set(key, str(number % 50))

    return run, len(keys)


def counts(size: int):
    db = filled(size)
    values = [str(number % 120) for number in range(OPS)]  # some values held by no key

    def run() -> None:
        for value in values:
            db.count(value)

    return run, len(values)


def nested_transactions(db_size: int, changes: int) -> KVDatabase:
    """A database with NESTED open transactions, each changing `changes` distinct keys."""
    db = filled(db_size)
    rng = random.Random(11)  # noqa: S311 -- a repeatable workload, not a secret
    assert isinstance(db, KVDatabase)
    for level in range(NESTED):
        db.begin()
        for index in rng.sample(range(db_size), changes):
            db.set(f"k{index}", f"level{level}")
    return db


def rollbacks_by_db_size(size: int):
    db = nested_transactions(size, CHANGES)

    def run() -> None:
        for _ in range(NESTED):
            db.rollback()

    return run, NESTED


def rollbacks_by_transaction_size(changes: int):
    db = nested_transactions(FIXED_DB_SIZE, changes)

    def run() -> None:
        for _ in range(NESTED):
            db.rollback()

    return run, NESTED


def commits_by_transaction_size(changes: int):
    db = nested_transactions(FIXED_DB_SIZE, changes)

    def run() -> None:
        db.commit()  # touches no data, but frees NESTED logs of `changes` entries each

    return run, NESTED


def commits_by_db_size(size: int):
    db = nested_transactions(size, CHANGES)

    def run() -> None:
        db.commit()  # one COMMIT releases all NESTED transactions

    return run, NESTED


def begins(size: int, factory: Callable[[], Database], begins_per_run: int):
    db = filled(size, factory)
    begins_per_run = 5 if quick_mode() else begins_per_run

    def run() -> None:
        for _ in range(begins_per_run):
            db.begin()

    return run, begins_per_run


if __name__ == "__main__":
    report("GET", per_operation(gets))
    report("plain dict.get, same keys (floor)", per_operation(plain_dict_gets))
    report("SET (no transaction)", per_operation(sets))
    report("SET (inside a transaction)", per_operation(lambda n: sets(n, in_transaction=True)))
    report("COUNT", per_operation(counts))
    report(f"ROLLBACK of {CHANGES} changes, by DB size", per_operation(rollbacks_by_db_size))
    report(f"COMMIT per txn of {CHANGES}, by DB size", per_operation(commits_by_db_size))
    report(
        f"ROLLBACK by txn size (DB {FIXED_DB_SIZE:,})",
        per_operation(rollbacks_by_transaction_size, sizes=TRANSACTION_SIZES),
    )
    report(
        f"COMMIT by txn size (DB {FIXED_DB_SIZE:,})",
        per_operation(commits_by_transaction_size, sizes=TRANSACTION_SIZES),
    )
    # An empty dict per BEGIN is cheap, so time many; each copy-on-begin BEGIN
    # holds a copy of the whole database, so time few.
    report("BEGIN, undo log", per_operation(lambda n: begins(n, KVDatabase, 2_000)))
    report("BEGIN, copy-on-begin", per_operation(lambda n: begins(n, CopyOnBeginDatabase, 20)))
