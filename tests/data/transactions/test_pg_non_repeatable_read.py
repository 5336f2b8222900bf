import pytest
from psycopg import IsolationLevel

from examples.data.transactions.accounts import ACCOUNTS_SQL, balance
from examples.data.transactions.pg_non_repeatable_read import (
    read_twice,
    sum_during_transfer,
    sum_with_a_locking_read,
)
from examples.data.transactions.pg_sessions import begin, two_sessions


def test_read_committed_shows_the_non_repeatable_read(postgres_dsn: str) -> None:
    assert read_twice(IsolationLevel.READ_COMMITTED, postgres_dsn) == (100, 50)


@pytest.mark.parametrize(
    "level", [IsolationLevel.REPEATABLE_READ, IsolationLevel.SERIALIZABLE]
)
def test_snapshot_levels_repeat_the_read(
    postgres_dsn: str, level: IsolationLevel
) -> None:
    assert read_twice(level, postgres_dsn) == (100, 100)


def test_read_committed_shows_read_skew(postgres_dsn: str) -> None:
    assert sum_during_transfer(IsolationLevel.READ_COMMITTED, postgres_dsn) == 150


@pytest.mark.parametrize(
    "level", [IsolationLevel.REPEATABLE_READ, IsolationLevel.SERIALIZABLE]
)
def test_snapshot_levels_see_a_consistent_total(
    postgres_dsn: str, level: IsolationLevel
) -> None:
    assert sum_during_transfer(level, postgres_dsn) == 200


def test_read_committed_shows_read_skew_through_a_locking_read(
    postgres_dsn: str,
) -> None:
    assert sum_with_a_locking_read(IsolationLevel.READ_COMMITTED, postgres_dsn) == (
        150,
        50,
    )


@pytest.mark.parametrize(
    "level", [IsolationLevel.REPEATABLE_READ, IsolationLevel.SERIALIZABLE]
)
def test_snapshot_levels_refuse_a_locking_read_of_a_changed_row(
    postgres_dsn: str, level: IsolationLevel
) -> None:
    # Unlike InnoDB's REPEATABLE READ, which shows B the newer row (R/O).
    assert sum_with_a_locking_read(level, postgres_dsn) == (
        "rolled back, SQLSTATE 40001"
    )


def test_the_snapshot_is_taken_at_the_first_query_not_at_begin(
    postgres_dsn: str,
) -> None:
    with two_sessions(ACCOUNTS_SQL, postgres_dsn) as s:
        begin(s.b, IsolationLevel.REPEATABLE_READ)  # BEGIN and SHOW: no snapshot
        s.a.execute("UPDATE accounts SET balance = 50 WHERE id = 1")
        s.a.commit()
        assert balance(s.b, 1) == 50  # the snapshot starts here, after A's commit
        s.b.commit()
