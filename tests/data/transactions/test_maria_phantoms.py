import pytest

from examples.data.transactions.maria_phantoms import count_twice, insert_must_wait
from examples.server_settings import MariaDBSettings


@pytest.mark.parametrize(
    ("level", "locking", "expected"),
    [
        ("READ UNCOMMITTED", False, (2, 3, False)),  # phantom
        ("READ COMMITTED", False, (2, 3, False)),  # phantom
        ("REPEATABLE READ", False, (2, 2, False)),  # snapshot hides it
        ("SERIALIZABLE", False, (2, 2, True)),  # plain reads lock too
        ("READ UNCOMMITTED", True, (2, 3, False)),  # no gap locks: phantom
        ("READ COMMITTED", True, (2, 3, False)),  # no gap locks: phantom
        ("REPEATABLE READ", True, (2, 2, True)),  # gap lock holds the insert back
        ("SERIALIZABLE", True, (2, 2, True)),
    ],
)
def test_phantoms_and_gap_locks(
    mariadb_settings: MariaDBSettings,
    level: str,
    locking: bool,
    expected: tuple[int, int, bool],
) -> None:
    assert count_twice(level, locking=locking, settings=mariadb_settings) == expected


def test_insert_must_wait_rules() -> None:
    assert insert_must_wait("SERIALIZABLE", locking=False)
    assert insert_must_wait("REPEATABLE READ", locking=True)
    assert not insert_must_wait("READ COMMITTED", locking=True)
    assert not insert_must_wait("READ UNCOMMITTED", locking=True)
    assert not insert_must_wait("REPEATABLE READ", locking=False)
