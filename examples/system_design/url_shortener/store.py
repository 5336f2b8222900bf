"""The links table on PostgreSQL, and a bounded pool of connections to it.

The table is the source of truth: the cache in front of it can lose
everything and only latency suffers. The short code is the primary key, so
the redirect's lookup is one B-tree probe.
"""

# requires-server: postgres

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import datetime

import psycopg
from sqlalchemy.pool import QueuePool

MAX_URL_LENGTH = 2_048  # what the API accepts; a CHECK repeats it in the table
POOL_TIMEOUT_SECONDS = 5  # wait at most this long for a free connection

Connect = Callable[[], AbstractContextManager[psycopg.Connection]]


@dataclass(frozen=True)
class Link:
    code: str
    url: str
    permanent: bool = False
    expires_at: datetime | None = None

    def live_at(self, now: datetime) -> bool:
        return self.expires_at is None or now < self.expires_at


# --8<-- [start:schema]
def create_links_table(conn: psycopg.Connection) -> None:
    conn.execute(
        f"""
        CREATE TABLE IF NOT EXISTS links (
            code       text PRIMARY KEY,
            long_url   text NOT NULL CHECK (length(long_url) <= {MAX_URL_LENGTH})
                       CHECK (long_url ~ '^https?://'),
            permanent  boolean NOT NULL DEFAULT false,
            created_at timestamptz NOT NULL,
            expires_at timestamptz,
            CHECK (NOT (permanent AND expires_at IS NOT NULL))
        )
        """
    )


def insert_link(conn: psycopg.Connection, link: Link, now: datetime) -> None:
    conn.execute(
        "INSERT INTO links (code, long_url, permanent, created_at, expires_at)"
        " VALUES (%s, %s, %s, %s, %s)",
        (link.code, link.url, link.permanent, now, link.expires_at),
    )


def find_link(conn: psycopg.Connection, code: str, now: datetime) -> Link | None:
    """The link behind `code`, unless there is none or it has expired."""
    row = conn.execute(
        "SELECT code, long_url, permanent, expires_at FROM links"
        " WHERE code = %s AND (expires_at IS NULL OR expires_at > %s)",
        (code, now),
    ).fetchone()
    return None if row is None else Link(*row)


def delete_link(conn: psycopg.Connection, code: str) -> bool:
    return conn.execute("DELETE FROM links WHERE code = %s", (code,)).rowcount == 1


# --8<-- [end:schema]


def pool_of(connect: Callable[[], psycopg.Connection], size: int) -> QueuePool:
    """At most `size` open connections, shared by the request threads."""
    if size < 1:
        raise ValueError(f"size must be at least 1, got {size}")
    return QueuePool(
        connect, pool_size=size, max_overflow=0, timeout=POOL_TIMEOUT_SECONDS
    )


def pooled(pool: QueuePool) -> Connect:
    """A Connect that borrows from `pool` and gives the connection back afterwards."""

    @contextmanager
    def borrow() -> Iterator[psycopg.Connection]:
        proxy = pool.connect()
        try:
            yield proxy.driver_connection
        except psycopg.OperationalError:
            proxy.invalidate()  # a broken connection is closed, not reused
            raise
        finally:
            proxy.close()

    return borrow
