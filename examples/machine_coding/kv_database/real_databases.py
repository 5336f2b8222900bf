"""The page's nested transactions next to PostgreSQL savepoints and Redis MULTI.

PostgreSQL has the same semantics under other names (SAVEPOINT is a nested
BEGIN) but reaches them without an undo log: the old row version is never
overwritten. Redis MULTI is something else: a queue of commands that cannot
nest and is never rolled back.
"""

# requires-server: postgres, redis

from __future__ import annotations

import psycopg
import redis

from examples.data.redis.connection import redis_session
from examples.server_settings import CONNECT_TIMEOUT_SECONDS, postgres_dsn

INTRANS = psycopg.pq.TransactionStatus.INTRANS
INERROR = psycopg.pq.TransactionStatus.INERROR


# --8<-- [start:postgres]
def savepoints_on_postgres(conn: psycopg.Connection) -> list[str]:
    """Run BEGIN, nested BEGIN, SET, ROLLBACK, COMMIT in SQL; return what it saw."""
    if not conn.autocommit:
        raise ValueError("use an autocommit connection: this sends BEGIN itself")
    seen: list[str] = []

    def on_notice(diag: psycopg.errors.Diagnostic) -> None:
        seen.append(f"{diag.severity}: {diag.message_primary}")

    def show_a() -> None:
        query = "SELECT v, ctid::text FROM kv WHERE k = 'a'"  # ctid: row version
        value, version = conn.execute(query).fetchone() or ("absent", "-")
        seen.append(f"a = {value}, stored at {version}")

    conn.add_notice_handler(on_notice)
    try:
        conn.execute("BEGIN")
        conn.execute("CREATE TEMP TABLE kv (k text PRIMARY KEY, v text) ON COMMIT DROP")
        conn.execute("INSERT INTO kv VALUES ('a', '10')")
        conn.execute("BEGIN")  # does not nest: a WARNING, and nothing else
        conn.execute("SAVEPOINT inner_txn")  # this is the nested BEGIN
        conn.execute("UPDATE kv SET v = '20' WHERE k = 'a'")
        show_a()
        conn.execute("ROLLBACK TO SAVEPOINT inner_txn")  # undo, keep the savepoint
        show_a()
        conn.execute("RELEASE SAVEPOINT inner_txn")  # close it, as ROLLBACK here does
        conn.execute("COMMIT")
    finally:
        conn.remove_notice_handler(on_notice)
        # After a failed statement, end the transaction; a broken connection
        # reports UNKNOWN and is left alone, so the first error is the one raised.
        if conn.info.transaction_status in (INTRANS, INERROR):
            conn.execute("ROLLBACK")
    return seen


# --8<-- [end:postgres]


# --8<-- [start:redis]
def multi_on_redis(r: redis.Redis, prefix: str) -> list[str]:
    """Nest MULTI, fail one command inside EXEC, then DISCARD; return what it saw."""
    a, b = f"{prefix}a", f"{prefix}b"
    seen: list[str] = []
    with r.pipeline(transaction=True) as tx:  # MULTI ... EXEC
        tx.set(a, "10")
        tx.execute_command("MULTI")  # a nested BEGIN?
        tx.set(b, "10")
        replies = tx.execute(raise_on_error=False)
    # redis-py puts "Command # 2 (MULTI) of pipeline caused error: " before
    # the server's own message; keep only the server's words.
    seen.append(f"inner MULTI: {str(replies[1]).rpartition('error: ')[2]}")
    seen.append(f"after EXEC: a = {r.get(a)}, b = {r.get(b)}")
    with r.pipeline(transaction=True) as tx:
        tx.set(a, "x")
        tx.incr(a)  # fails when EXEC runs it: "x" is not a number
        tx.set(b, "20")
        replies = tx.execute(raise_on_error=False)
    seen.append(f"INCR inside EXEC: {replies[1]}")
    seen.append(f"after EXEC: a = {r.get(a)}, b = {r.get(b)}")
    with r.pipeline(transaction=False) as raw:  # these exact commands, in order
        raw.execute_command("MULTI")
        raw.set(a, "30")  # queued, never run
        raw.execute_command("DISCARD")
        raw.execute()
    seen.append(f"after DISCARD: a = {r.get(a)}")
    return seen


# --8<-- [end:redis]


if __name__ == "__main__":
    # --8<-- [start:demo]
    with psycopg.connect(
        postgres_dsn(), autocommit=True, connect_timeout=CONNECT_TIMEOUT_SECONDS
    ) as conn:
        for line in savepoints_on_postgres(conn):
            print(line)
            #> WARNING: there is already a transaction in progress
            #> a = 20, stored at (0,2)
            #> a = 10, stored at (0,1)

    with redis_session("kv_database") as (r, prefix):
        for line in multi_on_redis(r, prefix):
            print(line)
            #> inner MULTI: MULTI calls can not be nested
            #> after EXEC: a = 10, b = 10
            #> INCR inside EXEC: value is not an integer or out of range
            #> after EXEC: a = x, b = 20
            #> after DISCARD: a = x
    # --8<-- [end:demo]
