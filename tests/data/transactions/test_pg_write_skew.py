import pytest
from psycopg import IsolationLevel

from examples.data.transactions.pg_write_skew import (
    both_go_off_call,
    both_go_off_call_locked,
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
