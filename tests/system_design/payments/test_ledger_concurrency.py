"""The ledger under concurrency on real PostgreSQL: lock order, deadlocks, and the books after racing transfers."""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from collections.abc import Iterator

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from examples.data.transactions.lock_wait import run_blocked_step
from examples.scratch_postgres import connect, scratch_schema
from examples.system_design.payments.ledger import (
    InsufficientFundsError,
    LockStrategy,
    UnknownAccountError,
    audit,
    balances,
    lock_accounts,
    open_account,
    post_entry,
    transfer,
)
from examples.system_design.payments.lock_order_demo import waiting_on_lock
from examples.system_design.payments.schema import create_schema
from tests.system_design.payments.ledger_helpers import CUSTOMERS, WORKERS, fund, wipe

# --- locks ------------------------------------------------------------------------


def test_locks_in_request_order_deadlock_and_in_id_order_queue(schema: str, postgres_dsn: str) -> None:
    with (
        connect(schema, postgres_dsn) as monitor,
        connect(schema, postgres_dsn, autocommit=False) as a,
        connect(schema, postgres_dsn, autocommit=False) as b,
    ):
        fund(monitor, {"alice": 0, "bob": 0})
        lock_accounts(a, ["alice"], ordered=False)
        lock_accounts(b, ["bob"], ordered=False)
        with pytest.raises(psycopg.errors.DeadlockDetected):
            run_blocked_step(
                lambda: lock_accounts(a, ["bob"], ordered=False),
                is_waiting=lambda: waiting_on_lock(monitor, a),
                release=lambda: lock_accounts(b, ["alice"], ordered=False),
            )
        a.rollback()
        b.commit()
        lock_accounts(a, ["bob", "alice"], ordered=True)  # takes alice first
        run_blocked_step(
            lambda: lock_accounts(b, ["alice", "bob"], ordered=True),
            is_waiting=lambda: waiting_on_lock(monitor, b),
            release=a.commit,
        )
        b.commit()


def test_lock_accounts_names_a_missing_account(db: psycopg.Connection) -> None:
    with pytest.raises(UnknownAccountError, match="'ghost'"), db.transaction():
        lock_accounts(db, ["ghost"], ordered=True)


# --- the books under concurrent transfers ------------------------------------------


@pytest.fixture(scope="module")
def pool(postgres_dsn: str) -> Iterator[tuple[str, list[psycopg.Connection]]]:
    """One schema and WORKERS sessions in it, shared by every hypothesis example."""
    with scratch_schema("t_paycc", postgres_dsn) as name:
        conns = [connect(name, postgres_dsn) for _ in range(WORKERS + 1)]
        try:
            create_schema(conns[0])
            yield name, conns
        finally:
            for conn in conns:
                conn.close()


@pytest.fixture(scope="module")
def postgres_dsn() -> str:  # module scope: the pool above lives across examples
    from examples import server_settings
    from tests.support.servers import require_server

    require_server("postgres")
    return server_settings.postgres_dsn()


initial_balances = st.fixed_dictionaries({name: st.integers(0, 120) for name in CUSTOMERS})
transfer_lists = st.lists(
    st.tuples(st.sampled_from(CUSTOMERS), st.sampled_from(CUSTOMERS), st.integers(1, 60)).filter(
        lambda t: t[0] != t[1]
    ),
    min_size=1,
    max_size=48,
)


def run_concurrently(
    conns: list[psycopg.Connection], transfers: list[tuple[str, str, int]], strategy: LockStrategy
) -> tuple[set[str], set[str], Counter[int]]:
    """Apply the transfers from WORKERS threads at once; (committed, refused, attempts)."""
    committed: set[str] = set()
    refused: set[str] = set()
    attempts: Counter[int] = Counter()
    errors: list[BaseException] = []
    lock = threading.Lock()
    start = threading.Barrier(WORKERS)

    def worker(n: int) -> None:
        rng = random.Random(n)  # noqa: S311 -- repeatable jitter, not secrets
        start.wait(timeout=10)
        for i in range(n, len(transfers), WORKERS):
            source, target, amount = transfers[i]
            try:
                result = transfer(
                    conns[n], source, target, amount, "USD", reference=f"t-{i}", strategy=strategy,
                    # READ COMMITTED must need no retry at all; SERIALIZABLE retries, briefly.
                    attempts=100 if strategy is LockStrategy.SERIALIZABLE else 1,
                    rng=rng, sleep=lambda seconds: time.sleep(min(seconds, 0.01)),
                )
            except InsufficientFundsError:
                with lock:
                    refused.add(f"t-{i}")
            except BaseException as error:  # any other error fails the test below
                with lock:
                    errors.append(error)
            else:
                with lock:
                    committed.add(f"t-{i}")
                    attempts[result.attempts] += 1

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    return committed, refused, attempts


# No explicit lock passes too: the atomic increment and the CHECK do the work
# (test_payouts.py has the read-then-decide race that does need a lock).
@pytest.mark.parametrize("strategy", [LockStrategy.NO_LOCK, LockStrategy.LOCK_ORDER, LockStrategy.SERIALIZABLE])
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(initial=initial_balances, transfers=transfer_lists)
def test_concurrent_transfers_keep_the_books(
    pool: tuple[str, list[psycopg.Connection]],
    strategy: LockStrategy,
    initial: dict[str, int],
    transfers: list[tuple[str, str, int]],
) -> None:
    _, conns = pool
    admin = conns[WORKERS]
    wipe(admin, "postings, journal_entries, accounts")
    fund(admin, initial)
    committed, refused, _ = run_concurrently(conns[:WORKERS], transfers, strategy)

    assert committed | refused == {f"t-{i}" for i in range(len(transfers))}
    # The model: start from the initial balances, apply what committed.
    model = dict(initial)
    for i, (source, target, amount) in enumerate(transfers):
        if f"t-{i}" in committed:
            model[source] -= amount
            model[target] += amount
    booked = balances(admin)
    assert {name: booked[name] for name in CUSTOMERS} == model
    assert sum(booked.values()) == 0
    assert min(model.values()) >= 0  # no customer went below zero
    assert audit(admin)["drifted"] == 0
    # Each committed transfer is exactly one entry; a refused one left nothing.
    rows = admin.execute("SELECT reference FROM journal_entries WHERE kind = 'transfer'").fetchall()
    references = Counter(ref for (ref,) in rows if ref.startswith("t-"))
    assert set(references) == committed and set(references.values()) <= {1}
    # A customer whose outflows fit its starting balance can pay in any order.
    outflow = Counter()
    for source, _, amount in transfers:
        outflow[source] += amount
    for i, (source, _, _) in enumerate(transfers):
        if outflow[source] <= initial[source]:
            assert f"t-{i}" in committed


@pytest.mark.parametrize(("strategy", "attempts"), [(LockStrategy.LOCK_ORDER, 1), (LockStrategy.SERIALIZABLE, 2)])
def test_a_transfer_that_waited_on_a_writer_retries_only_under_serializable(
    schema: str, postgres_dsn: str, strategy: LockStrategy, attempts: int
) -> None:
    with (
        connect(schema, postgres_dsn) as monitor,
        connect(schema, postgres_dsn) as a,
        connect(schema, postgres_dsn, autocommit=False) as b,
    ):
        fund(monitor, {"alice": 100, "bob": 100})
        post_entry(b, "transfer", "b-1", "USD", {"alice": -10, "bob": 10})  # not committed
        result = run_blocked_step(
            lambda: transfer(a, "alice", "bob", 5, "USD", reference="a-1", strategy=strategy),
            is_waiting=lambda: waiting_on_lock(monitor, a),
            release=b.commit,
        )
        # READ COMMITTED re-reads the row B committed and goes on; SERIALIZABLE
        # must not see it, so the attempt fails with 40001 and runs again.
        assert result.attempts == attempts
        assert balances(monitor) == {"alice": 85, "bob": 115, "world": -200}


def test_many_sessions_can_open_the_same_account_at_once(pool: tuple[str, list[psycopg.Connection]]) -> None:
    """A race on the second unique index: ON CONFLICT (id) alone failed here (found by the webhook test)."""
    _, conns = pool
    wipe(conns[WORKERS], "postings, journal_entries, accounts")
    rounds = 30
    start = threading.Barrier(WORKERS)
    errors: list[BaseException] = []

    def race(conn: psycopg.Connection) -> None:
        for n in range(rounds):
            start.wait(timeout=10)
            try:
                open_account(conn, f"shared-{n}", "USD", allow_negative=False)
            except BaseException as error:
                errors.append(error)

    threads = [threading.Thread(target=race, args=(conn,)) for conn in conns[:WORKERS]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert balances(conns[WORKERS]) == {f"shared-{n}": 0 for n in range(rounds)}
