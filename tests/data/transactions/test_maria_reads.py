import pytest

from examples.data.transactions.maria_reads import (
    read_during_uncommitted_write,
    read_twice,
)
from examples.server_settings import MariaDBSettings


def test_read_uncommitted_really_reads_uncommitted_data(
    mariadb_settings: MariaDBSettings,
) -> None:
    # B saw 999, a value A then rolled back: it never existed.
    assert read_during_uncommitted_write(
        "READ UNCOMMITTED", settings=mariadb_settings
    ) == (
        999,
        100,
    )


def test_read_committed_has_no_dirty_read(mariadb_settings: MariaDBSettings) -> None:
    assert read_during_uncommitted_write(
        "READ COMMITTED", settings=mariadb_settings
    ) == (
        100,
        100,
    )


def test_read_committed_shows_the_non_repeatable_read(
    mariadb_settings: MariaDBSettings,
) -> None:
    assert read_twice("READ COMMITTED", settings=mariadb_settings) == (100, 50, False)


def test_repeatable_read_repeats_from_its_snapshot(
    mariadb_settings: MariaDBSettings,
) -> None:
    assert read_twice("REPEATABLE READ", settings=mariadb_settings) == (100, 100, False)


def test_serializable_repeats_by_making_the_writer_wait(
    mariadb_settings: MariaDBSettings,
) -> None:
    assert read_twice("SERIALIZABLE", settings=mariadb_settings) == (100, 100, True)


def test_unknown_level_is_rejected(mariadb_settings: MariaDBSettings) -> None:
    with pytest.raises(ValueError):
        read_twice("CHAOS", settings=mariadb_settings)
