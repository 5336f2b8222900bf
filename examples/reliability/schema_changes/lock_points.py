"""Which schema changes stop writes: measured with a writer that gives up at lock_timeout.

Every ALTER TABLE form used here takes ACCESS EXCLUSIVE, which blocks reads
and writes; what differs is how long it is held. A constant default is a
catalog change, done at once. A volatile default rewrites every row under the
lock. A plain CREATE INDEX holds SHARE (reads go on, writes wait) for the
whole build; CREATE INDEX CONCURRENTLY holds SHARE UPDATE EXCLUSIVE, which
writes do not conflict with.
"""

# requires-server: postgres

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import psycopg

from examples.scratch_postgres import connect, scratch_schema

SETUP = """
CREATE TABLE events (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, kind text);
INSERT INTO events (kind) SELECT 'seed' FROM generate_series(1, 400);
-- A volatile default that costs 5 ms a row, so the rewrite lasts about 2 s.
CREATE FUNCTION slow_token() RETURNS float8 LANGUAGE sql VOLATILE
    AS $$ SELECT pg_sleep(0.005); SELECT random() $$;
"""
PROBE_LOCK_TIMEOUT = "200ms"  # how long a request may wait for a lock
WAIT_LIMIT_SECONDS = 20  # a bound on polling, never a measurement


# --8<-- [start:probe]
def waits(schema: str, statement: str) -> bool:
    """Whether `statement` waits past lock_timeout, in a session of its own."""
    with connect(schema) as conn:
        conn.execute(f"SET lock_timeout = '{PROBE_LOCK_TIMEOUT}'")
        try:
            conn.execute(statement)
            return False
        except psycopg.errors.LockNotAvailable:  # 55P03
            return True


def write_waits(schema: str) -> bool:
    return waits(schema, "INSERT INTO events (kind) VALUES ('write')")


def read_waits(schema: str) -> bool:
    return waits(schema, "SELECT count(*) FROM events")


# --8<-- [end:probe]


def lock_held(monitor: psycopg.Connection, pid: int) -> str | None:
    """The lock `pid` holds on events, once it has been granted."""
    return monitor.execute(
        "SELECT mode FROM pg_locks WHERE pid = %s AND granted"
        " AND relation = 'events'::regclass AND mode <> 'RowExclusiveLock'",
        (pid,),
    ).fetchone()


def wait_until(condition: Callable[[], object]) -> object:
    deadline = time.monotonic() + WAIT_LIMIT_SECONDS
    while not (result := condition()):
        if time.monotonic() > deadline:
            raise TimeoutError("the DDL never reached the state the demo waits for")
        time.sleep(0.01)
    return result


def filenode(conn: psycopg.Connection) -> int:
    return conn.execute("SELECT pg_relation_filenode('events')").fetchone()[0]


def running_ddl(
    schema: str, ddl: str, blocker: psycopg.Connection | None = None
) -> dict:
    """Start `ddl`; while it holds its lock, probe a read and a write; then finish it."""
    with (
        connect(schema) as monitor,
        connect(schema, statement_timeout="60s") as migration,
        ThreadPoolExecutor(max_workers=1) as pool,
    ):
        before = filenode(monitor)
        done = pool.submit(migration.execute, ddl)
        pid = migration.info.backend_pid
        (mode,) = wait_until(
            lambda: lock_held(monitor, pid) or (done.done() and ("-",))
        )
        result = {"lock": mode, "read waits": read_waits(schema)}
        result["write waits"] = write_waits(schema)
        if blocker is not None:
            blocker.commit()  # the concurrent build was waiting for this writer
        done.result(timeout=WAIT_LIMIT_SECONDS)
        result["rewrote"] = filenode(monitor) != before
        return result


def held_open(schema: str, ddl: str) -> dict:
    """Run `ddl` in a transaction left open, as a long build keeps its lock."""
    with connect(schema) as monitor, connect(schema, autocommit=False) as migration:
        migration.execute(ddl)
        (mode,) = lock_held(monitor, migration.info.backend_pid)
        result = {"lock": mode, "read waits": read_waits(schema)}
        result["write waits"] = write_waits(schema)
        migration.rollback()
        return result


def summary(result: dict) -> str:
    return f"read waited {result['read waits']}, write waited {result['write waits']}"


def demo() -> None:
    with scratch_schema("ex_locks") as schema:
        with connect(schema) as setup:
            setup.execute(SETUP)
        # --8<-- [start:add_column]
        constant = "ALTER TABLE events ADD COLUMN source text DEFAULT 'web'"
        result = running_ddl(schema, constant)
        print("constant default:", summary(result), "| rewrote", result["rewrote"])
        #> constant default: read waited False, write waited False | rewrote False
        volatile = "ALTER TABLE events ADD COLUMN token float8 DEFAULT slow_token()"
        result = running_ddl(schema, volatile)
        print("volatile default:", summary(result), "| rewrote", result["rewrote"])
        #> volatile default: read waited True, write waited True | rewrote True
        print("  it held", result["lock"])
        #>   it held AccessExclusiveLock
        # --8<-- [end:add_column]

        # --8<-- [start:index]
        result = held_open(schema, "CREATE INDEX ix_kind ON events (kind)")
        print("CREATE INDEX:", summary(result))
        #> CREATE INDEX: read waited False, write waited True
        print("  it held", result["lock"])
        #>   it held ShareLock
        with connect(schema, autocommit=False) as blocker:
            # An older writer still open: the concurrent build waits for it.
            blocker.execute("INSERT INTO events (kind) VALUES ('open transaction')")
            ddl = "CREATE INDEX CONCURRENTLY ix_kind ON events (kind)"
            result = running_ddl(schema, ddl, blocker)
        print("CONCURRENTLY:", summary(result))
        #> CONCURRENTLY: read waited False, write waited False
        print("  it held", result["lock"])
        #>   it held ShareUpdateExclusiveLock
        # --8<-- [end:index]


if __name__ == "__main__":
    demo()
