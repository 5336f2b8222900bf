"""Connection pool exhaustion: a refund endpoint that leaks a pooled connection on its error path.

A SQLAlchemy QueuePool of 3 connections in front of the real PostgreSQL. The
leaky handler checks a connection out and gives it back only on success. Three
requests for orders that do not exist leave three connections checked out,
and every request after them waits for the pool and times out.
"""

# requires-server: postgres

from __future__ import annotations

import gc
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import psycopg
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import TimeoutError as PoolTimeout

from examples.data.orm.database import postgres_url
from examples.observability.debugging.lock_blockers import new_run_tag
from examples.scratch_postgres import scratch_schema
from examples.server_settings import CONNECT_TIMEOUT_SECONDS, postgres_dsn

POOL_SIZE = 3
# How long a request waits for a free connection before giving up: well
# under the request's own deadline, so the caller gets a fast 503.
POOL_TIMEOUT_SECONDS = 0.2

LOCK_ORDER = text("SELECT status FROM orders WHERE id = :id FOR UPDATE")
TEN_PAID_ORDERS = text(
    "INSERT INTO orders SELECT i, 'paid' FROM generate_series(1, 10) AS i"
)
MARK_REFUNDED = text("UPDATE orders SET status = 'refunded' WHERE id = :id")

# An on-call "recent errors" page. Each exception keeps its traceback, the
# traceback keeps the handler's frame, and the frame keeps its local `conn`.
recent_errors: deque[BaseException] = deque(maxlen=50)


@contextmanager
def orders_engine(tag: str, server_options: str = "") -> Iterator[Engine]:
    """A pool of POOL_SIZE connections, labeled `tag`, over a scratch orders table.

    `server_options` adds libpq `-c name=value` settings to every connection.
    """
    with scratch_schema("ex_dbg_pool") as schema:
        engine = create_engine(
            postgres_url(),
            pool_size=POOL_SIZE,
            max_overflow=0,  # no extra connections beyond the pool
            pool_timeout=POOL_TIMEOUT_SECONDS,
            connect_args={
                "connect_timeout": CONNECT_TIMEOUT_SECONDS,
                "application_name": tag,
                "options": f"-c search_path={schema} -c statement_timeout=5s "
                + server_options,
            },
        )
        try:
            with engine.begin() as conn:
                conn.execute(
                    text("CREATE TABLE orders (id bigint PRIMARY KEY, status text)")
                )
                conn.execute(TEN_PAID_ORDERS)
            yield engine
        finally:
            engine.dispose()  # close the connections that are back in the pool
            # The leaked ones never came back: end their sessions, or they
            # would hold locks that keep the schema from being dropped.
            with _monitor() as admin:
                admin.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE application_name = %s AND pid <> pg_backend_pid()",
                    (tag,),
                )


# --8<-- [start:leaky]
def refund_leaky(engine: Engine, order_id: int) -> None:
    conn = engine.connect()
    if conn.execute(LOCK_ORDER, {"id": order_id}).one_or_none() is None:
        raise LookupError(f"no order {order_id}")  # returns without conn.close()
    conn.execute(MARK_REFUNDED, {"id": order_id})
    conn.commit()
    conn.close()


# --8<-- [end:leaky]


# --8<-- [start:fixed]
def refund(engine: Engine, order_id: int) -> None:
    # The block commits on success, rolls back on any exception, and always
    # returns the connection to the pool.
    with engine.begin() as conn:
        if conn.execute(LOCK_ORDER, {"id": order_id}).one_or_none() is None:
            raise LookupError(f"no order {order_id}")
        conn.execute(MARK_REFUNDED, {"id": order_id})


# --8<-- [end:fixed]


def handle(
    handler: Callable[[Engine, int], None], engine: Engine, order_id: int
) -> int:
    """The HTTP status a refund request gets."""
    try:
        handler(engine, order_id)
    except LookupError as error:
        recent_errors.append(error)
        return 404
    except PoolTimeout:
        return 503  # no connection within POOL_TIMEOUT_SECONDS
    return 200


def _monitor() -> psycopg.Connection:
    return psycopg.connect(
        postgres_dsn(), autocommit=True, connect_timeout=CONNECT_TIMEOUT_SECONDS
    )


def server_sessions(tag: str) -> list[tuple[int, str, str]]:
    """(count, state, last statement) of this pool's sessions, from pg_stat_activity.

    Asked on a connection of its own, outside the pool: it may have none to lend.
    """
    with _monitor() as monitor:
        return monitor.execute(
            """
            SELECT count(*), state, query FROM pg_stat_activity
            WHERE application_name = %s AND pid <> pg_backend_pid()
            GROUP BY state, query ORDER BY state, query
            """,
            (tag,),
        ).fetchall()


if __name__ == "__main__":
    orders = [1, 901, 902, 903, 2, 3]  # 9xx do not exist
    tag = new_run_tag()
    with orders_engine(tag) as engine:
        # --8<-- [start:incident]
        print([handle(refund_leaky, engine, order) for order in orders])
        #> [200, 404, 404, 404, 503, 503]
        print("checked out:", engine.pool.checkedout(), "of", engine.pool.size())
        #> checked out: 3 of 3
        for count, state, query in server_sessions(tag):
            print(count, "sessions", state)
            #> 3 sessions idle in transaction
            print("  last statement:", query)
            #>   last statement: SELECT status FROM orders WHERE id = $1 FOR UPDATE
        # --8<-- [end:incident]

        # --8<-- [start:proof]
        recent_errors.clear()  # the tracebacks go, and with them the frames
        gc.collect()  # each Connection and its open transaction form a cycle
        print("checked out:", engine.pool.checkedout(), "of", engine.pool.size())
        #> checked out: 0 of 3
        # --8<-- [end:proof]

    with orders_engine(new_run_tag()) as engine:
        # --8<-- [start:after]
        print([handle(refund, engine, order) for order in orders])
        #> [200, 404, 404, 404, 200, 200]
        print("checked out:", engine.pool.checkedout(), "of", engine.pool.size())
        #> checked out: 0 of 3
        # --8<-- [end:after]
