import pymysql
import pytest

from examples.data.transactions.maria_lost_update import (
    deposit_race,
    deposit_race_for_update,
    deposit_race_serializable,
)
from examples.data.transactions.maria_sessions import (
    ACCOUNTS_SQL,
    balance,
    begin,
    query,
    two_sessions,
)
from examples.server_settings import MariaDBSettings


@pytest.mark.parametrize("level", ["READ UNCOMMITTED", "READ COMMITTED", "REPEATABLE READ"])
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


def test_error_1020_rolls_back_the_whole_transaction_with_sqlstate_hy000(
    mariadb_settings: MariaDBSettings,
) -> None:
    with two_sessions(ACCOUNTS_SQL, mariadb_settings) as s:
        query(s.b, "SET SESSION innodb_snapshot_isolation = ON")
        begin(s.b, "REPEATABLE READ")
        query(s.b, "UPDATE accounts SET balance = 1 WHERE id = 2")  # an earlier write
        balance(s.b, 1)  # B's snapshot
        query(s.a, "UPDATE accounts SET balance = 50 WHERE id = 1")
        s.a.commit()
        with pytest.raises(pymysql.MySQLError) as raised:
            query(s.b, "UPDATE accounts SET balance = 60 WHERE id = 1")
        assert raised.value.args[0] == 1020
        query(s.b, "GET DIAGNOSTICS CONDITION 1 @state = RETURNED_SQLSTATE")
        assert query(s.b, "SELECT @state, @@in_transaction") == [("HY000", 0)]
        assert balance(s.b, 2) == 100  # the earlier write was rolled back too
        s.b.commit()
