import pytest
from psycopg import IsolationLevel

from examples.data.transactions.pg_dirty_read import (
    read_during_uncommitted_write,
    read_each_others_writes,
    read_intermediate_value,
)

ALL_LEVELS = [
    IsolationLevel.READ_UNCOMMITTED,
    IsolationLevel.READ_COMMITTED,
    IsolationLevel.REPEATABLE_READ,
    IsolationLevel.SERIALIZABLE,
]


@pytest.mark.parametrize("level", ALL_LEVELS)
def test_postgres_never_shows_uncommitted_data(
    postgres_dsn: str, level: IsolationLevel
) -> None:
    # The level is accepted as asked, yet the uncommitted 999 stays invisible.
    reported = level.name.replace("_", " ").lower()
    assert read_during_uncommitted_write(level, postgres_dsn) == (reported, 100)


@pytest.mark.parametrize(
    "level", [IsolationLevel.READ_UNCOMMITTED, IsolationLevel.READ_COMMITTED]
)
def test_no_intermediate_read_then_the_committed_value(
    postgres_dsn: str, level: IsolationLevel
) -> None:
    assert read_intermediate_value(level, postgres_dsn) == (100, 150)


@pytest.mark.parametrize(
    "level", [IsolationLevel.REPEATABLE_READ, IsolationLevel.SERIALIZABLE]
)
def test_no_intermediate_read_and_the_snapshot_holds(
    postgres_dsn: str, level: IsolationLevel
) -> None:
    assert read_intermediate_value(level, postgres_dsn) == (100, 100)


@pytest.mark.parametrize("level", ALL_LEVELS[:3])
def test_no_circular_information_flow(
    postgres_dsn: str, level: IsolationLevel
) -> None:
    assert read_each_others_writes(level, postgres_dsn) == (100, 100, "committed")


def test_serializable_also_refuses_the_pair_as_write_skew(postgres_dsn: str) -> None:
    # Each read the old value of what the other wrote: no serial order fits.
    assert read_each_others_writes(IsolationLevel.SERIALIZABLE, postgres_dsn) == (
        100,
        100,
        "rolled back, SQLSTATE 40001",
    )
