import pytest
from psycopg import IsolationLevel

from examples.data.transactions.pg_write_skew import (
    both_go_off_call,
    both_go_off_call_locked,
    both_go_off_in_one_statement,
)


@pytest.mark.parametrize(
    "level", [IsolationLevel.READ_COMMITTED, IsolationLevel.REPEATABLE_READ]
)
def test_weaker_levels_let_both_doctors_leave(
    postgres_dsn: str, level: IsolationLevel
) -> None:
    assert both_go_off_call(level, postgres_dsn) == ([], "committed")


def test_serializable_cancels_the_second_commit(postgres_dsn: str) -> None:
    remaining, fate = both_go_off_call(IsolationLevel.SERIALIZABLE, postgres_dsn)
    assert remaining == ["bob"]
    assert fate == "rolled back, SQLSTATE 40001"


def test_locking_the_rows_read_keeps_one_doctor(postgres_dsn: str) -> None:
    assert both_go_off_call_locked(postgres_dsn) == (["bob"], False)


def test_a_check_inside_the_update_does_not_help(postgres_dsn: str) -> None:
    # The page's "Try it" answer: each statement's subquery still counts two.
    assert both_go_off_in_one_statement(postgres_dsn) == []
