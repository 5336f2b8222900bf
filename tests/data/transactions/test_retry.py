import random

import psycopg
import pytest

from examples.data.transactions.accounts import ACCOUNTS_SQL, balance
from examples.data.transactions.pg_sessions import two_sessions
from examples.data.transactions.retry import run_transaction

SETUP = "CREATE TABLE runs (n int)"


def failing_first(times: int, sqlstate: str):
    """A transaction body whose first `times` runs fail on the server with `sqlstate`."""
    calls: list[int] = []

    def work(session: psycopg.Connection) -> int:
        calls.append(1)
        session.execute("INSERT INTO runs VALUES (%s)", (len(calls),))
        if len(calls) <= times:
            session.execute(
                f"DO $$ BEGIN RAISE EXCEPTION 'injected' USING ERRCODE = '{sqlstate}'; END $$"
            )
        return len(calls)

    return work


def committed_runs(session: psycopg.Connection) -> list[int]:
    rows = [n for (n,) in session.execute("SELECT n FROM runs ORDER BY n")]
    session.rollback()
    return rows


@pytest.mark.parametrize("sqlstate", ["40001", "40P01"])
def test_retries_serialization_failures_and_deadlocks(
    postgres_dsn: str, sqlstate: str
) -> None:
    slept: list[float] = []
    with two_sessions(SETUP, postgres_dsn) as s:
        result = run_transaction(
            s.a,
            failing_first(2, sqlstate),
            rng=random.Random(1),  # noqa: S311 -- seeded jitter, not a secret
            sleep=slept.append,
        )
        assert result == 3
        assert committed_runs(s.b) == [3]  # failed attempts left nothing behind
    assert len(slept) == 2
    assert 0 <= slept[0] <= 0.05
    assert 0 <= slept[1] <= 0.10


def test_gives_up_after_the_last_attempt(postgres_dsn: str) -> None:
    slept: list[float] = []
    with two_sessions(SETUP, postgres_dsn) as s:
        with pytest.raises(psycopg.errors.SerializationFailure):
            run_transaction(
                s.a, failing_first(5, "40001"), attempts=3, sleep=slept.append
            )
        assert committed_runs(s.b) == []
    assert len(slept) == 2


def test_backoff_is_capped(postgres_dsn: str) -> None:
    slept: list[float] = []
    with two_sessions(SETUP, postgres_dsn) as s:
        run_transaction(
            s.a,
            failing_first(6, "40001"),
            attempts=7,
            base_delay=1.0,
            max_delay=1.5,
            sleep=slept.append,
        )
    assert len(slept) == 6
    assert all(0 <= delay <= 1.5 for delay in slept)


class RecordingRandom(random.Random):
    """Returns the top of each jitter range and records the ranges asked for."""

    def __init__(self) -> None:
        super().__init__(0)
        self.ranges: list[tuple[float, float]] = []

    def uniform(self, a: float, b: float) -> float:
        self.ranges.append((a, b))
        return b


def test_the_jitter_range_doubles_up_to_the_cap(postgres_dsn: str) -> None:
    rng, slept = RecordingRandom(), []
    with two_sessions(SETUP, postgres_dsn) as s:
        run_transaction(
            s.a,
            failing_first(5, "40001"),
            attempts=6,
            base_delay=0.05,
            max_delay=0.5,
            rng=rng,
            sleep=slept.append,
        )
    expected = [0.05, 0.1, 0.2, 0.4, 0.5]  # base * 2**n, capped at max_delay
    assert rng.ranges == [(0, pytest.approx(top)) for top in expected]
    assert slept == pytest.approx(expected)


@pytest.mark.parametrize("sqlstate", ["23514", "22012", "40000"])
def test_other_errors_are_not_retried(postgres_dsn: str, sqlstate: str) -> None:
    slept: list[float] = []
    with two_sessions(SETUP, postgres_dsn) as s:
        with pytest.raises(psycopg.Error) as raised:
            run_transaction(s.a, failing_first(1, sqlstate), sleep=slept.append)
        assert raised.value.sqlstate == sqlstate
    assert slept == []


def test_python_errors_are_not_retried(postgres_dsn: str) -> None:
    def work(session: psycopg.Connection) -> None:
        raise KeyError("bug")

    with two_sessions(SETUP, postgres_dsn) as s, pytest.raises(KeyError):
        run_transaction(s.a, work, sleep=lambda _: pytest.fail("slept"))


@pytest.mark.parametrize(
    "kwargs", [{"attempts": 0}, {"base_delay": -1.0}, {"max_delay": -1.0}]
)
def test_bad_arguments_are_rejected(postgres_dsn: str, kwargs: dict) -> None:
    with two_sessions(SETUP, postgres_dsn) as s, pytest.raises(ValueError):
        run_transaction(s.a, lambda session: None, **kwargs)


def started_transaction(session: psycopg.Connection) -> None:
    session.execute("SELECT n FROM runs")  # autocommit is off: this sends BEGIN


def failed_transaction(session: psycopg.Connection) -> None:
    with pytest.raises(psycopg.errors.DivisionByZero):
        session.execute("SELECT 1 / 0")


@pytest.mark.parametrize(
    ("open_transaction", "status"),
    [
        (started_transaction, psycopg.pq.TransactionStatus.INTRANS),
        (failed_transaction, psycopg.pq.TransactionStatus.INERROR),
    ],
    ids=["open", "failed"],
)
def test_refuses_a_session_already_inside_a_transaction(
    postgres_dsn: str, open_transaction, status: psycopg.pq.TransactionStatus
) -> None:
    # Inside a transaction, session.transaction() would only set a SAVEPOINT,
    # and every retry would reread the snapshot that made the first one fail.
    calls: list[int] = []
    with two_sessions(SETUP, postgres_dsn) as s:
        open_transaction(s.a)
        with pytest.raises(RuntimeError, match="already inside a transaction"):
            run_transaction(s.a, lambda session: calls.append(1))
        assert calls == []  # the body never ran
        assert s.a.info.transaction_status == status  # the caller's, untouched
        s.a.rollback()
        assert run_transaction(s.a, lambda session: len(calls)) == 0  # idle: fine


def test_inside_a_transaction_psycopg_only_sets_a_savepoint(postgres_dsn: str) -> None:
    # The behaviour the guard above exists for: no new transaction, no new
    # snapshot. If psycopg changes this, the page's explanation must change.
    with two_sessions(ACCOUNTS_SQL, postgres_dsn) as s:
        s.b.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        assert balance(s.b, 1) == 100  # B's transaction and snapshot start here
        s.a.execute("UPDATE accounts SET balance = 50 WHERE id = 1")
        s.a.commit()
        with s.b.transaction() as block:
            assert block.savepoint_name is not None
            assert balance(s.b, 1) == 100  # still the old snapshot
        s.b.rollback()
