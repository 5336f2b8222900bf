"""Run a commit that may wait for a synchronous standby, and watch or cancel it.

A COMMIT that waits for a synchronous standby can wait forever (a paused or
dead standby). statement_timeout does not end that wait: PostgreSQL turns the
statement's timer off before it commits. What ends it is a cancel request
(pg_cancel_backend(), or a driver's cancel on a client-side timeout), and the
transaction is then already committed on the primary: the client gets a
WARNING and a success, not an error.
"""

# requires-server: postgres-pair

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg.abc import Query

from examples.system_design.replication.pg import (
    CATCH_UP_TIMEOUT_SECONDS,
    STATEMENT_TIMEOUT_MS,
    connect,
)


# --8<-- [start:pending]
class PendingCommit:
    """One autocommit write running on its own connection, in a thread."""

    def __init__(self, dsn: str, conn: psycopg.Connection) -> None:
        self._dsn = dsn
        self._conn = conn
        self.pid = conn.info.backend_pid
        self.status: str | None = None  # the command tag once it returned
        self.warnings: list[tuple[str, str]] = []  # WARNINGs: (message, detail)
        self.error: BaseException | None = None
        conn.add_notice_handler(self._notice)
        self._thread: threading.Thread | None = None

    def _notice(self, diag: psycopg.errors.Diagnostic) -> None:
        if diag.severity_nonlocalized == "WARNING":
            self.warnings.append(
                (diag.message_primary or "", diag.message_detail or "")
            )

    def start(self, query: Query, params: Sequence[Any]) -> None:
        def run() -> None:
            try:
                self.status = self._conn.execute(query, params).statusmessage
            except BaseException as error:  # handed to the caller in finish()
                self.error = error

        self._thread = threading.Thread(target=run, daemon=True)
        self._thread.start()

    def done(self, timeout: float) -> bool:
        """Wait up to `timeout` seconds; True once the statement has returned."""
        assert self._thread is not None
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def wait_event(self) -> str | None:
        """What the backend waits on now, from pg_stat_activity ('SyncRep'...)."""
        with connect(self._dsn) as admin:
            row = admin.execute(
                "SELECT wait_event FROM pg_stat_activity WHERE pid = %s", (self.pid,)
            ).fetchone()
        return None if row is None else row[0]

    def cancel(self) -> None:
        """Send a cancel request, as a client-side timeout does, and wait for the reply."""
        with connect(self._dsn) as admin:
            admin.execute("SELECT pg_cancel_backend(%s)", (self.pid,))
        if not self.done(CATCH_UP_TIMEOUT_SECONDS):
            raise TimeoutError(f"backend {self.pid} did not answer the cancel")


@contextmanager
def commit_in_background(
    dsn: str,
    level: str,
    query: Query,
    params: Sequence[Any] = (),
    *,
    statement_timeout_ms: int = STATEMENT_TIMEOUT_MS,
) -> Iterator[PendingCommit]:
    """Start `query` at synchronous_commit = `level`; cancel it at the end if still waiting.

    Raises the statement's own error, if it had one, when the block ends.
    """
    with connect(
        dsn, synchronous_commit=level, statement_timeout_ms=statement_timeout_ms
    ) as conn:
        pending = PendingCommit(dsn, conn)
        pending.start(query, params)
        try:
            yield pending
        finally:
            if not pending.done(0):
                pending.cancel()  # never leave a backend waiting on the standby
    if pending.error is not None:
        raise pending.error


# --8<-- [end:pending]
