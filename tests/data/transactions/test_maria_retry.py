import random

import pymysql
import pytest

from examples.data.transactions.lock_wait import run_blocked_step
from examples.data.transactions.maria_retry import run_transaction
from examples.data.transactions.maria_retry_demo import (
    MOVE,
    opposite_transfers,
    transfer_after_timeout,
)
from examples.data.transactions.maria_sessions import (
    ACCOUNTS_SQL,
    balance,
    begin,
    query,
    two_sessions,
)
from examples.server_settings import MariaDBSettings


def in_transaction(session: pymysql.connections.Connection) -> bool:
    return bool(query(session, "SELECT @@in_transaction")[0][0])


def sqlstate_of_last_error(session: pymysql.connections.Connection) -> str:
    query(session, "GET DIAGNOSTICS CONDITION 1 @state = RETURNED_SQLSTATE")
    return query(session, "SELECT @state")[0][0]


def committed_balances(session: pymysql.connections.Connection) -> tuple[int, int]:
    result = balance(session, 1), balance(session, 2)
    session.commit()
    return result


def test_a_real_deadlock_is_retried(mariadb_settings: MariaDBSettings) -> None:
    # Both transfers applied once: alice 100 - 30 + 10, bob 100 + 30 - 10.
    assert opposite_transfers(mariadb_settings) == ((80, 120), 2)


def test_a_real_lock_wait_timeout_is_rolled_back_then_retried(
    mariadb_settings: MariaDBSettings,
) -> None:
    (alice, bob), runs, slept = transfer_after_timeout(mariadb_settings)
    assert (alice, bob, runs) == (90, 110, 2)  # bob credited once, not twice
    assert len(slept) == 1


def test_after_a_timeout_the_transaction_is_still_open(
    mariadb_settings: MariaDBSettings,
) -> None:
    # Why the helper must roll back: 1205 undid the statement only, and a new
    # START TRANSACTION would commit the earlier credit.
    with two_sessions(ACCOUNTS_SQL, mariadb_settings) as s:
        query(s.b, "SET SESSION innodb_lock_wait_timeout = 1")
        begin(s.a, "REPEATABLE READ")
        query(s.a, MOVE, (0, 1))  # A locks alice's row
        begin(s.b, "REPEATABLE READ")
        query(s.b, MOVE, (10, 2))
        with pytest.raises(pymysql.MySQLError) as raised:
            query(s.b, MOVE, (-10, 1))
        assert raised.value.args[0] == 1205
        assert sqlstate_of_last_error(s.b) == "HY000"  # not 40001
        assert in_transaction(s.b)
        assert balance(s.b, 2) == 110  # the credit is still there
        query(s.b, "START TRANSACTION")  # what a naive retry would do
        s.a.rollback()
        assert committed_balances(s.a) == (100, 110)  # it committed the credit
        s.b.rollback()


def test_record_changed_1020_is_retried_on_a_fresh_snapshot(
    mariadb_settings: MariaDBSettings,
) -> None:
    runs: list[int] = []
    with two_sessions(ACCOUNTS_SQL, mariadb_settings) as s:
        query(s.b, "SET SESSION innodb_snapshot_isolation = ON")

        def deposit_10(session: pymysql.connections.Connection) -> int:
            seen = balance(session, 1)
            runs.append(seen)
            if len(runs) == 1:  # A deposits 50 between B's read and B's write
                query(s.a, MOVE, (50, 1))
                s.a.commit()
            query(session, "UPDATE accounts SET balance = %s WHERE id = 1", (seen + 10,))
            return seen

        run_transaction(s.b, deposit_10, sleep=lambda _: None)
        assert runs == [100, 150]  # the retry read A's deposit
        assert committed_balances(s.a) == (160, 100)


def test_gives_up_after_the_last_attempt_and_leaves_nothing_open(
    mariadb_settings: MariaDBSettings,
) -> None:
    slept: list[float] = []
    with two_sessions(ACCOUNTS_SQL, mariadb_settings) as s:
        query(s.b, "SET SESSION innodb_lock_wait_timeout = 1")
        begin(s.a, "REPEATABLE READ")
        query(s.a, MOVE, (0, 1))  # A holds alice's row through every attempt

        def transfer(session: pymysql.connections.Connection) -> None:
            query(session, MOVE, (10, 2))
            query(session, MOVE, (-10, 1))

        with pytest.raises(pymysql.MySQLError) as raised:
            run_transaction(s.b, transfer, attempts=2, sleep=slept.append)
        assert raised.value.args[0] == 1205
        assert not in_transaction(s.b)  # the helper rolled back the last attempt
        s.a.rollback()
        assert committed_balances(s.a) == (100, 100)
    assert len(slept) == 1


def test_other_server_errors_are_rolled_back_not_retried(
    mariadb_settings: MariaDBSettings,
) -> None:
    with two_sessions(ACCOUNTS_SQL, mariadb_settings) as s:

        def duplicate(session: pymysql.connections.Connection) -> None:
            query(session, MOVE, (10, 2))
            query(session, "INSERT INTO accounts VALUES (1, 'eve', 0)")  # 1062

        with pytest.raises(pymysql.MySQLError) as raised:
            run_transaction(s.b, duplicate, sleep=lambda _: pytest.fail("slept"))
        assert raised.value.args[0] == 1062
        assert not in_transaction(s.b)
        assert committed_balances(s.a) == (100, 100)


def test_python_errors_are_rolled_back_not_retried(
    mariadb_settings: MariaDBSettings,
) -> None:
    with two_sessions(ACCOUNTS_SQL, mariadb_settings) as s:

        def buggy(session: pymysql.connections.Connection) -> None:
            query(session, MOVE, (10, 2))
            raise KeyError("bug")

        with pytest.raises(KeyError):
            run_transaction(s.b, buggy, sleep=lambda _: pytest.fail("slept"))
        assert not in_transaction(s.b)
        assert committed_balances(s.a) == (100, 100)


def test_refuses_a_session_already_inside_a_transaction(
    mariadb_settings: MariaDBSettings,
) -> None:
    calls: list[int] = []
    with two_sessions(ACCOUNTS_SQL, mariadb_settings) as s:
        balance(s.b, 1)  # autocommit is off: this read opened a transaction
        with pytest.raises(RuntimeError, match="already inside a transaction"):
            run_transaction(s.b, lambda session: calls.append(1))
        assert calls == []
        assert in_transaction(s.b)  # the caller's transaction, untouched
        s.b.rollback()
        assert run_transaction(s.b, lambda session: len(calls)) == 0


def test_the_delay_is_jittered_and_capped(mariadb_settings: MariaDBSettings) -> None:
    slept: list[float] = []
    with two_sessions(ACCOUNTS_SQL, mariadb_settings) as s:

        def always_deadlocks(session: pymysql.connections.Connection) -> None:
            raise pymysql.err.OperationalError(1213, "injected deadlock")

        with pytest.raises(pymysql.MySQLError):
            run_transaction(
                s.b,
                always_deadlocks,
                attempts=6,
                base_delay=1.0,
                max_delay=1.5,
                rng=random.Random(1),  # noqa: S311 -- seeded jitter, not a secret
                sleep=slept.append,
            )
    assert len(slept) == 5
    assert 0 <= slept[0] <= 1.0
    assert all(0 <= delay <= 1.5 for delay in slept)


class RecordingRandom(random.Random):
    """Returns the top of each jitter range and records the ranges asked for."""

    def __init__(self) -> None:
        super().__init__(0)
        self.ranges: list[tuple[float, float]] = []

    def uniform(self, a: float, b: float) -> float:
        self.ranges.append((a, b))
        return b


def test_the_jitter_range_doubles_up_to_the_cap(
    mariadb_settings: MariaDBSettings,
) -> None:
    rng, slept = RecordingRandom(), []
    with two_sessions(ACCOUNTS_SQL, mariadb_settings) as s:

        def always_deadlocks(session: pymysql.connections.Connection) -> None:
            raise pymysql.err.OperationalError(1213, "injected deadlock")

        with pytest.raises(pymysql.MySQLError):
            run_transaction(
                s.b,
                always_deadlocks,
                attempts=6,
                base_delay=0.05,
                max_delay=0.5,
                rng=rng,
                sleep=slept.append,
            )
    expected = [0.05, 0.1, 0.2, 0.4, 0.5]  # base * 2**n, capped at max_delay
    assert rng.ranges == [(0, pytest.approx(top)) for top in expected]
    assert slept == pytest.approx(expected)


@pytest.mark.parametrize(
    "kwargs",
    [{"attempts": 0}, {"base_delay": -1.0}, {"max_delay": -1.0}],
)
def test_bad_arguments_are_rejected(
    mariadb_settings: MariaDBSettings, kwargs: dict
) -> None:
    with two_sessions(ACCOUNTS_SQL, mariadb_settings) as s, pytest.raises(ValueError):
        run_transaction(s.b, lambda session: None, **kwargs)


def test_an_unknown_level_is_rejected_and_nothing_is_left_open(
    mariadb_settings: MariaDBSettings,
) -> None:
    with two_sessions(ACCOUNTS_SQL, mariadb_settings) as s:
        with pytest.raises(ValueError, match="unknown isolation level"):
            run_transaction(s.b, lambda session: None, level="CHAOS")
        assert not in_transaction(s.b)


def test_a_deadlock_rolls_back_the_whole_transaction_with_sqlstate_40001(
    mariadb_settings: MariaDBSettings,
) -> None:
    with two_sessions(ACCOUNTS_SQL, mariadb_settings) as s:
        begin(s.a, "REPEATABLE READ")
        begin(s.b, "REPEATABLE READ")
        query(s.a, "INSERT INTO accounts VALUES (3, 'carol', 0)")  # A is heavier
        query(s.a, MOVE, (-10, 1))
        query(s.b, MOVE, (-10, 2))
        outcome: list[tuple[int, str, bool]] = []

        def b_closes_the_cycle() -> None:
            try:
                query(s.b, MOVE, (10, 1))
            except pymysql.MySQLError as error:
                outcome.append(
                    (error.args[0], sqlstate_of_last_error(s.b), in_transaction(s.b))
                )

        run_blocked_step(
            lambda: query(s.a, MOVE, (10, 2)),  # A waits for B's row
            is_waiting=lambda: s.is_waiting_on_lock(s.a),
            release=b_closes_the_cycle,
            poll_seconds=s.poll_seconds,
        )
        assert outcome == [(1213, "40001", False)]  # B's whole transaction is gone
        s.a.commit()
        assert committed_balances(s.b) == (90, 110)  # only A's transfer remains


@pytest.mark.parametrize(
    ("a_pads", "b_pads", "victim"),
    [
        (0, 0, "B"),  # a tie: the transaction whose request closed the cycle
        (2, 0, "B"),  # B is lighter
        (0, 2, "A"),  # A is lighter, though B's request closed the cycle
    ],
)
def test_innodb_rolls_back_the_lighter_transaction(
    mariadb_settings: MariaDBSettings, a_pads: int, b_pads: int, victim: str
) -> None:
    # The printed outputs on the page ("B rolled back, error 1213") rely on
    # this rule: fewer row changes and locks lose; on a tie, the requester.
    setup = [*ACCOUNTS_SQL, "CREATE TABLE pad (n INT) ENGINE=InnoDB"]
    with two_sessions(setup, mariadb_settings) as s:
        begin(s.a, "REPEATABLE READ")
        begin(s.b, "REPEATABLE READ")
        for session, pads in ((s.a, a_pads), (s.b, b_pads)):
            for n in range(pads):
                query(session, "INSERT INTO pad VALUES (%s)", (n,))
        query(s.a, MOVE, (-10, 1))  # A holds alice's row
        query(s.b, MOVE, (-10, 2))  # B holds bob's row
        errors: dict[str, int] = {}

        def moves(name: str, session: pymysql.connections.Connection, row: int):
            def move() -> None:
                try:
                    query(session, MOVE, (10, row))
                except pymysql.MySQLError as error:
                    errors[name] = error.args[0]

            return move

        try:
            run_blocked_step(
                moves("A", s.a, 2),  # A waits for bob's row
                is_waiting=lambda: s.is_waiting_on_lock(s.a),
                release=moves("B", s.b, 1),  # B asks for alice's row: a cycle
                poll_seconds=s.poll_seconds,
            )
        except Exception as error:
            # Message only: formatting this thread's traceback once crashed
            # pytest's report (CPython 3.11.7), and the failure was lost.
            pytest.fail(f"the cycle did not form: {error!r}; errors so far: {errors}", pytrace=False)
        assert errors == {victim: 1213}, f"victim rule broken: {errors}"
        s.a.rollback()
        s.b.rollback()
