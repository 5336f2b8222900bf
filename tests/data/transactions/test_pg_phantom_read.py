import pytest
from psycopg import IsolationLevel

from examples.data.transactions.pg_phantom_read import count_twice


def test_read_committed_shows_the_phantom(postgres_dsn: str) -> None:
    assert count_twice(IsolationLevel.READ_COMMITTED, postgres_dsn) == (2, 3)


@pytest.mark.parametrize(
    "level", [IsolationLevel.REPEATABLE_READ, IsolationLevel.SERIALIZABLE]
)
def test_postgres_repeatable_read_already_hides_phantoms(
    postgres_dsn: str, level: IsolationLevel
) -> None:
    assert count_twice(level, postgres_dsn) == (2, 2)
