"""The routers against the real primary and replica, and the LSN type against PostgreSQL's pg_lsn."""

from __future__ import annotations

import time
from collections.abc import Iterator

import psycopg
import pytest
from hypothesis import given
from hypothesis import strategies as st
from psycopg import sql

from examples.system_design.replication.pg import (
    connect,
    current_lsn,
    paused_replay,
    replay_lsn,
    scratch_table,
    wait_for_replay,
)
from examples.system_design.replication.router import (
    Lsn,
    LsnRouter,
    Session,
    Source,
    StickyPrimaryRouter,
)

lsn_values = st.integers(0, 2**64 - 1)


@given(lsn_values)
def test_an_lsn_prints_and_parses_back(value: int) -> None:
    assert Lsn.parse(str(Lsn(value))) == Lsn(value)


@given(lsn_values, lsn_values)
def test_lsns_order_as_their_byte_offsets(a: int, b: int) -> None:
    assert (Lsn(a) < Lsn(b)) == (a < b)
    assert (Lsn(a) >= Lsn(b)) == (a >= b)


@pytest.mark.parametrize("text", ["", "0", "0/", "/1", "1/2/3", "G/0", "123456789/0", " 0/1", "0/1\n"])
def test_text_that_is_not_an_lsn_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not an LSN"):
        Lsn.parse(text)


def test_an_lsn_is_a_64_bit_int() -> None:
    with pytest.raises(ValueError, match="2\\*\\*64"):
        Lsn(2**64)
    with pytest.raises(ValueError, match="2\\*\\*64"):
        Lsn(-1)
    with pytest.raises(TypeError, match="is an int"):
        Lsn(True)
    with pytest.raises(TypeError, match="is a str"):
        Lsn.parse(0)  # type: ignore[arg-type]
    assert Lsn(0) != "0/0"


@pytest.fixture
def pair(postgres_pair: tuple[str, str]) -> Iterator[tuple[psycopg.Connection, psycopg.Connection, sql.Identifier]]:
    primary_dsn, replica_dsn = postgres_pair
    with (
        connect(primary_dsn) as primary,
        connect(replica_dsn) as replica,
        scratch_table(primary, replica, "router_test", "id int PRIMARY KEY, n int") as table,
    ):
        primary.execute(sql.SQL("INSERT INTO {} VALUES (1, 0)").format(table))
        assert wait_for_replay(replica, current_lsn(primary))
        yield primary, replica, table


def bump(table: sql.Identifier) -> sql.Composed:
    return sql.SQL("UPDATE {} SET n = n + 1 WHERE id = 1").format(table)


def value(table: sql.Identifier) -> sql.Composed:
    return sql.SQL("SELECT n FROM {} WHERE id = 1").format(table)


def test_python_and_postgresql_agree_on_lsn_text_and_order(pair) -> None:
    primary, _, _ = pair
    samples = [0, 1, 0xFFFFFFFF, 2**32, 2**40 + 12345, 2**64 - 1]
    for a in samples:
        row = primary.execute("SELECT %s::pg_lsn::text", (str(Lsn(a)),)).fetchone()
        assert row == (str(Lsn(a)),)
        for b in samples:
            row = primary.execute("SELECT %s::pg_lsn < %s::pg_lsn", (str(Lsn(a)), str(Lsn(b)))).fetchone()
            assert row == (Lsn(a) < Lsn(b),)
    assert Lsn.parse(current_lsn(primary)) > Lsn(0)


def test_lsn_router_falls_back_to_the_primary_while_the_replica_lags(pair) -> None:
    primary, replica, table = pair
    router = LsnRouter(primary, replica, max_wait=0.1)
    session = Session()
    with paused_replay(replica):
        assert router.write(session, bump(table)) == 1
        assert session.token is not None and session.token > Lsn.parse(replay_lsn(replica))
        read = router.read(session, value(table))
        assert (read.source, read.rows) == (Source.PRIMARY, [(1,)])
        assert router.read(Session(), value(table)).rows == [(0,)]  # no token: the stale replica
    assert wait_for_replay(replica, current_lsn(primary))
    read = router.read(session, value(table))
    assert (read.source, read.rows) == (Source.REPLICA, [(1,)])


def test_lsn_router_waits_for_a_replica_that_catches_up_in_time(pair, postgres_pair: tuple[str, str]) -> None:
    primary, replica, table = pair
    slept: list[float] = []
    with connect(postgres_pair[1]) as control:

        def resume_then_sleep(seconds: float) -> None:
            # The router found the replica behind: let it catch up while the router waits.
            if not slept:
                control.execute("SELECT pg_wal_replay_resume()")
            slept.append(seconds)
            time.sleep(seconds)

        router = LsnRouter(primary, replica, max_wait=5.0, sleep=resume_then_sleep)
        session = Session()
        with paused_replay(control):
            router.write(session, bump(table))
            read = router.read(session, value(table))
    assert slept, "the replica was never behind, so the router never waited"
    assert (read.source, read.rows) == (Source.REPLICA, [(1,)])


def test_the_wait_is_bounded_by_the_clock_it_is_given(pair) -> None:
    primary, replica, table = pair
    now = [0.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    router = LsnRouter(primary, replica, max_wait=1.0, poll_interval=0.25, clock=lambda: now[0], sleep=sleep)
    session = Session()
    with paused_replay(replica):
        router.write(session, bump(table))
        assert router.read(session, value(table)).source is Source.PRIMARY
    assert slept == [0.25] * 4


def test_tokens_only_move_forward_so_reads_are_monotonic(pair, postgres_pair: tuple[str, str]) -> None:
    primary, replica, table = pair
    gone = connect(postgres_pair[1])
    gone.close()
    session = Session()
    with paused_replay(replica):
        primary.execute(bump(table))  # another client's write
        first = LsnRouter(primary, gone).read(session, value(table))  # served by the primary
        after_first = session.token
        second = LsnRouter(primary, replica, max_wait=0.05).read(session, value(table))
        assert second.rows == first.rows == [(1,)]
        assert second.source is Source.PRIMARY  # the paused replica is behind the token
        after_second = session.token
        assert after_first is not None and after_second is not None and after_second >= after_first
        session.saw(Lsn(0))  # an older position never moves the token back
        assert session.token == after_second


def test_an_unreachable_replica_falls_back_to_the_primary(pair, postgres_pair: tuple[str, str]) -> None:
    primary, _, table = pair
    gone = connect(postgres_pair[1])
    gone.close()
    router = LsnRouter(primary, gone)
    for session in (Session(), Session(token=Lsn(1))):
        read = router.read(session, value(table))
        assert read.source is Source.PRIMARY and read.rows == [(0,)]
        assert session.token is not None  # now carries the primary's position


def test_sticky_router_reads_the_primary_only_inside_its_window(pair) -> None:
    primary, replica, table = pair
    now = [100.0]
    router = StickyPrimaryRouter(primary, replica, window=2.0, clock=lambda: now[0])
    session = Session()
    assert router.read(session, value(table)).source is Source.REPLICA  # never wrote
    with paused_replay(replica):
        router.write(session, bump(table))
        assert session.last_write_at == 100.0
        now[0] = 101.9
        assert router.read(session, value(table)).rows == [(1,)]
        now[0] = 102.0  # the window is a guess about lag; the replica still lags
        read = router.read(session, value(table))
        assert (read.source, read.rows) == (Source.REPLICA, [(0,)])


def test_a_failed_write_leaves_the_session_alone(pair) -> None:
    primary, replica, table = pair
    router = LsnRouter(primary, replica)
    session = Session()
    duplicate = sql.SQL("INSERT INTO {} VALUES (1, 0)").format(table)
    with pytest.raises(psycopg.errors.UniqueViolation):
        router.write(session, duplicate)
    assert session == Session()
    assert primary.info.transaction_status == psycopg.pq.TransactionStatus.IDLE


def test_routers_refuse_bad_settings(pair, postgres_pair: tuple[str, str]) -> None:
    primary, replica, _ = pair
    with pytest.raises(ValueError, match="max_wait must be >= 0"):
        LsnRouter(primary, replica, max_wait=-1)
    with pytest.raises(ValueError, match="poll_interval must be > 0"):
        LsnRouter(primary, replica, poll_interval=0)
    with pytest.raises(ValueError, match="window must be > 0"):
        StickyPrimaryRouter(primary, replica, window=0)
    with pytest.raises(TypeError, match=r"replica must be a psycopg\.Connection"):
        LsnRouter(primary, postgres_pair[1])  # type: ignore[arg-type]
    with (
        psycopg.connect(postgres_pair[1], connect_timeout=5) as not_autocommit,
        pytest.raises(ValueError, match="replica must be an autocommit connection"),
    ):
        LsnRouter(primary, not_autocommit)
