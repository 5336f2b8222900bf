import pytest
from psycopg import IsolationLevel

from examples.data.transactions.pg_phantom_read import count_twice


@pytest.mark.parametrize("locking", [False, True], ids=["plain", "for_update"])
def test_read_committed_shows_the_phantom(postgres_dsn: str, locking: bool) -> None:
    # The INSERT never waits: count_twice would hit the 10 s lock timeout.
    assert count_twice(
        IsolationLevel.READ_COMMITTED, postgres_dsn, locking=locking
    ) == (2, 3)


@pytest.mark.parametrize("locking", [False, True], ids=["plain", "for_update"])
@pytest.mark.parametrize(
    "level", [IsolationLevel.REPEATABLE_READ, IsolationLevel.SERIALIZABLE]
)
def test_postgres_repeatable_read_already_hides_phantoms(
    postgres_dsn: str, level: IsolationLevel, locking: bool
) -> None:
    assert count_twice(level, postgres_dsn, locking=locking) == (2, 2)
