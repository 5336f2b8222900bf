import pytest

from examples.data.transactions.maria_reads import (
    read_twice,
    sum_during_transfer,
    sum_with_a_locking_read,
)
from examples.data.transactions.maria_sessions import (
    ACCOUNTS_SQL,
    balance,
    begin,
    query,
    two_sessions,
)
from examples.server_settings import MariaDBSettings


@pytest.mark.parametrize("level", ["READ UNCOMMITTED", "READ COMMITTED"])
def test_weak_levels_show_the_non_repeatable_read(
    mariadb_settings: MariaDBSettings, level: str
) -> None:
    assert read_twice(level, settings=mariadb_settings) == (100, 50, False)


def test_repeatable_read_repeats_from_its_snapshot(
    mariadb_settings: MariaDBSettings,
) -> None:
    assert read_twice("REPEATABLE READ", settings=mariadb_settings) == (100, 100, False)


def test_serializable_repeats_by_making_the_writer_wait(
    mariadb_settings: MariaDBSettings,
) -> None:
    assert read_twice("SERIALIZABLE", settings=mariadb_settings) == (100, 100, True)


@pytest.mark.parametrize(
    ("level", "total"),
    [
        ("READ UNCOMMITTED", 150),
        ("READ COMMITTED", 150),
        ("REPEATABLE READ", 200),
        ("SERIALIZABLE", 200),  # and A's transfer waited for B's shared lock
    ],
)
def test_read_skew(mariadb_settings: MariaDBSettings, level: str, total: int) -> None:
    assert sum_during_transfer(level, settings=mariadb_settings) == total


@pytest.mark.parametrize(
    ("level", "seen"),
    [
        ("READ UNCOMMITTED", (150, 50)),
        ("READ COMMITTED", (150, 50)),
        # Hermitage's "R/O": the snapshot holds for plain reads only. B's
        # locking read sees bob after the transfer while its plain read still
        # shows him before it, so B's total is skewed.
        ("REPEATABLE READ", (150, 100)),
        ("SERIALIZABLE", (200, 100)),  # A's transfer waited for B's shared lock
    ],
)
def test_read_skew_through_a_locking_read(
    mariadb_settings: MariaDBSettings, level: str, seen: tuple[int, int]
) -> None:
    assert sum_with_a_locking_read(level, settings=mariadb_settings) == seen


def test_snapshot_isolation_refuses_the_locking_read_of_a_changed_row(
    mariadb_settings: MariaDBSettings,
) -> None:
    assert (
        sum_with_a_locking_read(
            "REPEATABLE READ", snapshot_isolation=True, settings=mariadb_settings
        )
        == "error 1020"
    )


def test_unknown_level_is_rejected(mariadb_settings: MariaDBSettings) -> None:
    with pytest.raises(ValueError):
        read_twice("CHAOS", settings=mariadb_settings)


def test_the_snapshot_is_taken_at_the_first_read_not_at_start_transaction(
    mariadb_settings: MariaDBSettings,
) -> None:
    with two_sessions(ACCOUNTS_SQL, mariadb_settings) as s:
        begin(s.b, "REPEATABLE READ")
        query(s.a, "UPDATE accounts SET balance = 50 WHERE id = 1")
        s.a.commit()
        assert balance(s.b, 1) == 50  # the read view starts here
        s.b.commit()
