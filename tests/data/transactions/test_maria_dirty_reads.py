import pytest

from examples.data.transactions.maria_dirty_reads import (
    read_during_uncommitted_write,
    read_each_others_writes,
    read_intermediate_value,
)
from examples.server_settings import MariaDBSettings


def test_read_uncommitted_reads_a_value_that_is_then_rolled_back(
    mariadb_settings: MariaDBSettings,
) -> None:
    # B saw 999, a value A then rolled back: it never existed (G1a).
    assert read_during_uncommitted_write(
        "READ UNCOMMITTED", settings=mariadb_settings
    ) == (999, 100)


@pytest.mark.parametrize("level", ["READ COMMITTED", "REPEATABLE READ", "SERIALIZABLE"])
def test_stronger_levels_read_no_aborted_value(
    mariadb_settings: MariaDBSettings, level: str
) -> None:
    # At SERIALIZABLE the read must also wait for A (else StepDidNotBlockError).
    assert read_during_uncommitted_write(level, settings=mariadb_settings) == (100, 100)


@pytest.mark.parametrize(
    ("level", "expected"),
    [
        ("READ UNCOMMITTED", (999, 150)),  # G1b: 999 was never A's final value
        ("READ COMMITTED", (100, 150)),
        ("REPEATABLE READ", (100, 100)),
        ("SERIALIZABLE", (150, 150)),  # B's read waited for A's commit
    ],
)
def test_intermediate_reads(
    mariadb_settings: MariaDBSettings, level: str, expected: tuple[int, int]
) -> None:
    assert read_intermediate_value(level, settings=mariadb_settings) == expected


def test_read_uncommitted_lets_information_flow_in_a_circle(
    mariadb_settings: MariaDBSettings,
) -> None:
    seen, fates = read_each_others_writes("READ UNCOMMITTED", settings=mariadb_settings)
    assert seen == {"A": 120, "B": 110}  # each read the other's uncommitted write
    assert fates == {"A": "committed", "B": "committed"}


@pytest.mark.parametrize("level", ["READ COMMITTED", "REPEATABLE READ"])
def test_committed_reads_break_the_circle(
    mariadb_settings: MariaDBSettings, level: str
) -> None:
    seen, fates = read_each_others_writes(level, settings=mariadb_settings)
    assert seen == {"A": 100, "B": 100}
    assert fates == {"A": "committed", "B": "committed"}


def test_serializable_breaks_the_circle_with_a_deadlock(
    mariadb_settings: MariaDBSettings,
) -> None:
    seen, fates = read_each_others_writes("SERIALIZABLE", settings=mariadb_settings)
    assert sorted(fates.values()) == ["committed", "rolled back, error 1213"]
    assert list(seen.values()) == [100]  # the survivor read the committed value
