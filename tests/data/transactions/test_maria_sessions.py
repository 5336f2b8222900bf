import pymysql
import pytest

from examples.data.transactions.maria_sessions import (
    ACCOUNTS_SQL,
    begin,
    query,
    two_sessions,
)
from examples.server_settings import MariaDBSettings


def test_begin_sets_the_level_and_rejects_unknown_levels(
    mariadb_settings: MariaDBSettings,
) -> None:
    with two_sessions(ACCOUNTS_SQL, mariadb_settings) as s:
        begin(s.a, "READ COMMITTED")
        rows = query(
            s.monitor,
            "SELECT trx_isolation_level FROM information_schema.innodb_trx"
            " WHERE trx_mysql_thread_id = %s",
            (s.a.thread_id(),),
        )
        assert rows == [] or rows[0][0] == "READ COMMITTED"  # row appears on first use
        query(s.a, "SELECT COUNT(*) FROM accounts")
        assert s.is_waiting_on_lock(s.a) is False
        s.a.rollback()
        with pytest.raises(ValueError):
            begin(s.a, "READ COMMITTED; DROP TABLE accounts")


def test_database_is_dropped_even_on_failure(mariadb_settings: MariaDBSettings) -> None:
    with pytest.raises(ZeroDivisionError), two_sessions(
        ACCOUNTS_SQL, mariadb_settings
    ) as s:
        database = query(s.a, "SELECT DATABASE()")[0][0]
        assert database.startswith("ex_txn_")
        1 / 0  # noqa: B018
    check = pymysql.connect(
        host=mariadb_settings.host,
        port=mariadb_settings.port,
        user=mariadb_settings.user,
        password=mariadb_settings.password,
        connect_timeout=5,
    )
    with check:
        rows = query(check, "SHOW DATABASES LIKE %s", (database,))
    assert rows == []


def server_version(session: pymysql.connections.Connection) -> tuple[int, int]:
    major, minor = query(session, "SELECT VERSION()")[0][0].split(".")[:2]
    return int(major), int(minor)


def test_the_isolation_variable_is_tx_isolation_before_11_1(
    mariadb_settings: MariaDBSettings,
) -> None:
    with two_sessions(ACCOUNTS_SQL, mariadb_settings) as s:
        assert query(s.a, "SELECT @@tx_isolation") == [("REPEATABLE-READ",)]
        if server_version(s.a) >= (11, 1):
            assert query(s.a, "SELECT @@transaction_isolation") == [("REPEATABLE-READ",)]
        else:
            with pytest.raises(pymysql.MySQLError) as raised:
                query(s.a, "SELECT @@transaction_isolation")
            assert raised.value.args[0] == 1193  # unknown system variable


def test_begin_inside_a_transaction_is_refused_by_the_server(
    mariadb_settings: MariaDBSettings,
) -> None:
    with two_sessions(ACCOUNTS_SQL, mariadb_settings) as s:
        query(s.a, "SELECT COUNT(*) FROM accounts")  # autocommit is off
        with pytest.raises(pymysql.MySQLError) as raised:
            begin(s.a, "SERIALIZABLE")
        assert raised.value.args[0] == 1568  # level can't change mid-transaction
        s.a.rollback()
