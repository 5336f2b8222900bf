import pytest

from examples.data.transactions.maria_lost_update import (
    deposit_race,
    deposit_race_for_update,
    deposit_race_serializable,
)
from examples.server_settings import MariaDBSettings


@pytest.mark.parametrize("level", ["READ COMMITTED", "REPEATABLE READ"])
def test_default_settings_lose_an_update_even_at_repeatable_read(
    mariadb_settings: MariaDBSettings, level: str
) -> None:
    assert deposit_race(level, settings=mariadb_settings) == (110, "committed")


def test_snapshot_isolation_rejects_the_second_writer(
    mariadb_settings: MariaDBSettings,
) -> None:
    final, fate = deposit_race(
        "REPEATABLE READ", snapshot_isolation=True, settings=mariadb_settings
    )
    assert (final, fate) == (110, "rolled back, error 1020")


def test_serializable_turns_the_race_into_a_deadlock(
    mariadb_settings: MariaDBSettings,
) -> None:
    final, a_fate, b_fate = deposit_race_serializable(settings=mariadb_settings)
    assert final == 110
    # Exactly one side is the deadlock victim; the other commits.
    assert sorted([a_fate, b_fate]) == ["committed", "rolled back, error 1213"]


@pytest.mark.parametrize("level", ["READ COMMITTED", "REPEATABLE READ"])
def test_for_update_makes_b_wait_and_keeps_both_deposits(
    mariadb_settings: MariaDBSettings, level: str
) -> None:
    assert deposit_race_for_update(level, settings=mariadb_settings) == 120
