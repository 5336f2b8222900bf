import time
from contextlib import closing

import pymysql
import pytest

from examples.data.transactions import maria_sessions
from examples.data.transactions.maria_sessions import (
    ACCOUNTS_SQL,
    MONITOR_LOCK,
    Sessions,
    begin,
    query,
    two_sessions,
)
from examples.server_settings import MariaDBSettings


def innodb_level(s: Sessions, session: pymysql.connections.Connection, want: str) -> str:
    """The level InnoDB reports for `session`'s transaction, once it reports `want`.

    innodb_trx is served from a cache refreshed at most every 0.1 s, so ask a
    few times; a level that never becomes `want` is returned for the assert.
    """
    deadline = time.monotonic() + 5
    while True:
        rows = query(
            s.monitor,
            "SELECT trx_isolation_level FROM information_schema.innodb_trx"
            " WHERE trx_mysql_thread_id = %s",
            (session.thread_id(),),
        )
        level = rows[0][0] if rows else "no transaction listed"
        if level == want or time.monotonic() > deadline:
            return level
        time.sleep(s.poll_seconds)


@pytest.mark.parametrize("level", ["READ COMMITTED", "SERIALIZABLE"])
def test_begin_sets_the_level_of_the_transaction(
    mariadb_settings: MariaDBSettings, level: str
) -> None:
    with two_sessions(ACCOUNTS_SQL, mariadb_settings) as s:
        begin(s.a, level)
        query(s.a, "SELECT COUNT(*) FROM accounts")  # InnoDB lists it from here
        assert innodb_level(s, s.a, level) == level
        assert s.is_waiting_on_lock(s.a) is False
        s.a.rollback()
        # SET TRANSACTION without SESSION is for the next transaction only.
        assert query(s.a, "SELECT @@tx_isolation") == [("REPEATABLE-READ",)]


def test_begin_rejects_unknown_levels(mariadb_settings: MariaDBSettings) -> None:
    with two_sessions(ACCOUNTS_SQL, mariadb_settings) as s:
        with pytest.raises(ValueError, match="unknown isolation level"):
            begin(s.a, "READ COMMITTED; DROP TABLE accounts")
        assert query(s.a, "SELECT COUNT(*) FROM accounts") == [(2,)]
        s.a.rollback()


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


def test_a_failed_connection_closes_the_others_and_drops_the_database(
    mariadb_settings: MariaDBSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[pymysql.connections.Connection] = []
    databases: list[str] = []
    real_connect = maria_sessions._connect

    def connect_three_then_fail(settings, database, *, autocommit):
        if len(opened) == 3:  # admin, A and B are open: the monitor fails
            raise pymysql.err.OperationalError(2003, "injected: cannot connect")
        if database:
            databases.append(database)
        opened.append(real_connect(settings, database, autocommit=autocommit))
        return opened[-1]

    monkeypatch.setattr(maria_sessions, "_connect", connect_three_then_fail)
    with (
        pytest.raises(pymysql.err.OperationalError, match="injected"),
        two_sessions(ACCOUNTS_SQL, mariadb_settings),
    ):
        pytest.fail("the body must not run")
    assert [connection.open for connection in opened] == [False, False, False]
    check = real_connect(mariadb_settings, None, autocommit=True)
    with closing(check):
        assert query(check, "SHOW DATABASES LIKE %s", (databases[0],)) == []


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


def test_the_monitor_holds_the_polling_lock_for_the_whole_story(mariadb_settings: MariaDBSettings) -> None:
    with two_sessions(ACCOUNTS_SQL, mariadb_settings) as s:
        holder = query(s.a, "SELECT IS_USED_LOCK(%s)", (MONITOR_LOCK,))
        assert holder == [(s.monitor.thread_id(),)]
        # Another story's monitor cannot take it meanwhile (0 s: do not wait).
        assert query(s.a, "SELECT GET_LOCK(%s, 0)", (MONITOR_LOCK,)) == [(0,)]
        s.a.rollback()
    with two_sessions([], mariadb_settings) as s:  # released on the way out
        assert query(s.a, "SELECT IS_USED_LOCK(%s)", (MONITOR_LOCK,)) == [(s.monitor.thread_id(),)]
