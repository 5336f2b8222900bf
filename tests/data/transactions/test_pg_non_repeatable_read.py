import pytest
from psycopg import IsolationLevel

from examples.data.transactions.pg_non_repeatable_read import read_twice


def test_read_committed_shows_the_non_repeatable_read(postgres_dsn: str) -> None:
    assert read_twice(IsolationLevel.READ_COMMITTED, postgres_dsn) == (100, 50)


@pytest.mark.parametrize(
    "level", [IsolationLevel.REPEATABLE_READ, IsolationLevel.SERIALIZABLE]
)
def test_snapshot_levels_repeat_the_read(
    postgres_dsn: str, level: IsolationLevel
) -> None:
    assert read_twice(level, postgres_dsn) == (100, 100)
