"""Synchronous replication on the real pair: what each synchronous_commit level waits for."""

# requires-server: postgres-pair

from __future__ import annotations

import textwrap

import psycopg
from psycopg import sql

from examples.server_settings import pg_primary_dsn, pg_replica_dsn
from examples.system_design.replication.pg import (
    connect,
    paused_replay,
    scratch_table,
    synchronous_standby,
)
from examples.system_design.replication.sync_commit import commit_in_background

with (
    connect(pg_primary_dsn()) as primary,
    connect(pg_replica_dsn()) as replica,
    scratch_table(primary, replica, "orders", "id int PRIMARY KEY") as t,
):
    insert = sql.SQL("INSERT INTO {} VALUES (%s)").format(t)
    exists = sql.SQL("SELECT count(*) FROM {} WHERE id = %s").format(t)

    def seen(conn: psycopg.Connection, order_id: int) -> int:
        row = conn.execute(exists, (order_id,)).fetchone()
        return row[0] if row else 0

    # --8<-- [start:remote_apply]
    with (
        synchronous_standby(primary),  # synchronous_standby_names = 'replica1'
        connect(pg_primary_dsn(), synchronous_commit="remote_apply") as writer,
    ):
        visible = 0
        for order_id in range(1, 21):
            writer.execute(insert, (order_id,))  # returns after the replica applied it
            visible += seen(replica, order_id)
        print("seen on the replica right after COMMIT:", visible, "of 20")
        #> seen on the replica right after COMMIT: 20 of 20
    # --8<-- [end:remote_apply]

    # --8<-- [start:levels]
    # The standby still receives and flushes WAL while its replay is paused.
    with synchronous_standby(primary), paused_replay(replica):
        for order_id, level in enumerate(("off", "local", "remote_write", "on"), 100):
            with commit_in_background(
                pg_primary_dsn(), level, insert, (order_id,)
            ) as c:
                print(f"{level:>12}:", "returned" if c.done(timeout=5) else "waiting")
                #>          off: returned
                #>        local: returned
                #> remote_write: returned
                #>           on: returned
    # --8<-- [end:levels]

    # --8<-- [start:cancel]
    with synchronous_standby(primary), paused_replay(replica):
        with commit_in_background(
            pg_primary_dsn(), "remote_apply", insert, (200,), statement_timeout_ms=500
        ) as commit:
            # statement_timeout is 0.5 s, and the commit is still waiting at 1.5 s.
            print("remote_apply returned:", commit.done(timeout=1.5))
            #> remote_apply returned: False
            print("waiting on:", commit.wait_event())
            #> waiting on: SyncRep
            print("other sessions see it:", seen(primary, 200))
            #> other sessions see it: 0
            commit.cancel()  # what a client-side timeout does
        print("the client got:", commit.status)
        #> the client got: INSERT 0 1
        for message, detail in commit.warnings:
            print("WARNING:", message)
            #> WARNING: canceling wait for synchronous replication due to user request
            for line in textwrap.wrap(f"DETAIL: {detail}", width=64):
                print(line)
                #> DETAIL: The transaction has already committed locally, but might
                #> not have been replicated to the standby.
        on_primary, on_replica = seen(primary, 200), seen(replica, 200)
        print("on the primary:", on_primary, "on the replica:", on_replica)
        #> on the primary: 1 on the replica: 0
    # --8<-- [end:cancel]
