import pytest

from examples.data.transactions.maria_write_skew import both_go_off_call
from examples.server_settings import MariaDBSettings


@pytest.mark.parametrize("level", ["READ UNCOMMITTED", "READ COMMITTED", "REPEATABLE READ"])
def test_weaker_levels_let_both_doctors_leave(
    mariadb_settings: MariaDBSettings, level: str
) -> None:
    remaining, fates = both_go_off_call(level, settings=mariadb_settings)
    assert remaining == []
    assert fates == {"alice": "committed", "bob": "committed"}


def test_serializable_deadlocks_one_session(mariadb_settings: MariaDBSettings) -> None:
    remaining, fates = both_go_off_call("SERIALIZABLE", settings=mariadb_settings)
    assert len(remaining) == 1
    assert sorted(fates.values()) == ["committed", "rolled back, error 1213"]


def test_snapshot_isolation_does_not_stop_write_skew(
    mariadb_settings: MariaDBSettings,
) -> None:
    # Each session writes a different row: there is no write conflict to flag.
    remaining, fates = both_go_off_call(
        "REPEATABLE READ", snapshot_isolation=True, settings=mariadb_settings
    )
    assert remaining == []
    assert fates == {"alice": "committed", "bob": "committed"}
