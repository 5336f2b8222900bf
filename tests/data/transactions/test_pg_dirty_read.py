import pytest
from psycopg import IsolationLevel

from examples.data.transactions.pg_dirty_read import read_during_uncommitted_write


@pytest.mark.parametrize(
    ("level", "reported"),
    [
        (IsolationLevel.READ_UNCOMMITTED, "read uncommitted"),
        (IsolationLevel.READ_COMMITTED, "read committed"),
    ],
)
def test_postgres_never_shows_uncommitted_data(
    postgres_dsn: str, level: IsolationLevel, reported: str
) -> None:
    # The level is accepted as asked, yet the uncommitted 999 stays invisible.
    assert read_during_uncommitted_write(level, postgres_dsn) == (reported, 100)
