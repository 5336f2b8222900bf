"""The two fixes for read-your-writes, on the real pair, with replay paused."""

# requires-server: postgres-pair

from __future__ import annotations

from psycopg import sql

from examples.server_settings import pg_primary_dsn, pg_replica_dsn
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
    StickyPrimaryRouter,
)


class ManualClock:
    """Time that moves only when the demo says so."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


with (
    connect(pg_primary_dsn()) as primary,
    connect(pg_replica_dsn()) as replica,
    scratch_table(primary, replica, "carts", "id int PRIMARY KEY, items int") as t,
):
    add_item = sql.SQL("UPDATE {} SET items = items + 1 WHERE id = 1").format(t)
    count = sql.SQL("SELECT items FROM {} WHERE id = 1").format(t)
    primary.execute(sql.SQL("INSERT INTO {} VALUES (1, 0)").format(t))
    assert wait_for_replay(replica, current_lsn(primary))

    # --8<-- [start:sticky]
    clock = ManualClock()
    sticky = StickyPrimaryRouter(primary, replica, window=5.0, clock=clock)
    alice = Session()
    with paused_replay(replica):  # the replica lags for as long as this lasts
        sticky.write(alice, add_item)
        read = sticky.read(alice, count)
        print("just after the write:", read.source, read.rows)
        #> just after the write: primary [(1,)]
        clock.now += 6.0  # the window is over; the replica still lags
        read = sticky.read(alice, count)
        print("6 s later:", read.source, read.rows)
        #> 6 s later: replica [(0,)]
    # --8<-- [end:sticky]
    assert wait_for_replay(replica, current_lsn(primary))

    # --8<-- [start:lsn]
    router = LsnRouter(primary, replica, max_wait=0.2)
    bob = Session()
    with paused_replay(replica):
        router.write(bob, add_item)
        assert bob.token is not None
        print("token ahead of the replica:", bob.token > Lsn.parse(replay_lsn(replica)))
        #> token ahead of the replica: True
        read = router.read(bob, count)  # waits 0.2 s, then gives up on the replica
        print("replica paused:", read.source, read.rows)
        #> replica paused: primary [(2,)]
        carol = Session()  # has written nothing: the stale replica is fine for her
        print("carol:", router.read(carol, count).source)
        #> carol: replica
    print("replica caught up:", wait_for_replay(replica, current_lsn(primary)))
    #> replica caught up: True
    read = router.read(bob, count)
    print("replica resumed:", read.source, read.rows)
    #> replica resumed: replica [(2,)]
    # --8<-- [end:lsn]

    # --8<-- [start:monotonic]
    # Two app servers. A's replica connection is down, so A reads from the
    # primary; B's replica is up but lags. Dave's token travels in his cookie.
    broken = connect(pg_replica_dsn())
    broken.close()
    server_a = LsnRouter(primary, broken, max_wait=0.2)
    server_b = LsnRouter(primary, replica, max_wait=0.2)
    dave = Session()
    with paused_replay(replica):
        server_a.write(Session(), add_item)  # someone else's write: items = 3
        first = server_a.read(dave, count)
        second = server_b.read(dave, count)
        print("dave:", first.source, first.rows, "then", second.source, second.rows)
        #> dave: primary [(3,)] then primary [(3,)]
        print("without a token:", server_b.read(Session(), count).rows)
        #> without a token: [(2,)]
    # --8<-- [end:monotonic]
