"""Who is blocking whom: pg_stat_activity joined to pg_blocking_pids().

Every session the examples open sets `application_name` to `<run tag>/<role>`
(for example `ex_dbg_1a2b3c/checkout`), so the printed reports name roles,
never process ids. The report looks only at this run's waiters, because the
examples share a server with other runs, but it names every blocker, from
this run or not: a DBA's psql, a cron job, a migration.
"""

from __future__ import annotations

import re
import secrets
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import psycopg

from examples.server_settings import CONNECT_TIMEOUT_SECONDS, postgres_dsn

_TAG = re.compile(r"ex_dbg_[0-9a-f]{12}")
_ROLE = re.compile(r"[a-z][a-z0-9_-]{0,30}")
_SETTING = re.compile(r"[a-z_][a-z0-9_.]*")


def new_run_tag() -> str:
    """A fresh tag that sets this run's sessions apart from everyone else's."""
    return f"ex_dbg_{secrets.token_hex(6)}"


def _check_tag(tag: str) -> None:
    if not _TAG.fullmatch(tag):
        raise ValueError(f"run tag {tag!r}: make one with new_run_tag()")


def _libpq_option(name: str, value: str) -> str:
    """`-c name=value` for libpq's `options`, which splits on unescaped spaces."""
    if not _SETTING.fullmatch(name):
        raise ValueError(f"setting name {name!r}")
    escaped = value.replace("\\", "\\\\").replace(" ", "\\ ")
    return f"-c {name}={escaped}"


def session(
    tag: str,
    role: str,
    schema: str,
    *,
    autocommit: bool = False,
    settings: dict[str, str] | None = None,
    dsn: str | None = None,
) -> psycopg.Connection:
    """A connection labeled `<tag>/<role>` whose table names resolve in `schema`.

    `settings` are server parameters for this session only, such as
    {"lock_timeout": "100ms"}; a default statement_timeout keeps a mistake
    from hanging the run.
    """
    _check_tag(tag)
    if not _ROLE.fullmatch(role):
        raise ValueError(
            f"role {role!r}: use up to 31 lowercase letters, digits, - or _"
        )
    options = {"search_path": schema, "statement_timeout": "10s", **(settings or {})}
    return psycopg.connect(
        dsn or postgres_dsn(),
        autocommit=autocommit,
        connect_timeout=CONNECT_TIMEOUT_SECONDS,
        application_name=f"{tag}/{role}",
        options=" ".join(_libpq_option(k, v) for k, v in options.items()),
    )


# --8<-- [start:report]
@dataclass(frozen=True)
class Session:
    """One server session, as pg_stat_activity shows it to the monitor."""

    name: str  # the role for this run's sessions, else the whole application_name
    pid: int  # 0: a prepared transaction, which no session holds
    user: str | None
    backend_start: datetime | None  # with pid: this session, not a later one
    xact_start: datetime | None
    state: str | None  # None when the monitor may not see it (pg_read_all_stats)
    wait: str  # wait_event_type/wait_event, such as Lock/transactionid
    query: str | None  # the LAST statement; cut at track_activity_query_size
    open_for: timedelta | None  # now() - xact_start
    in_state_for: timedelta | None  # now() - state_change
    blocked: bool  # waits on someone itself; False for the root of a queue


@dataclass(frozen=True)
class Blocked:
    waiter: Session
    blocker: Session


# A parallel query lists its leader once per worker: DISTINCT. A prepared
# transaction blocks as pid 0, which has no row in pg_stat_activity: LEFT JOIN.
BLOCKED_SESSIONS = """
WITH s AS (
  SELECT application_name AS name, pid, usename, backend_start, xact_start,
         state, concat_ws('/', wait_event_type, wait_event) AS wait, query,
         now() - xact_start AS open_for, now() - state_change AS in_state_for
  FROM pg_stat_activity)
SELECT w.name, w.pid, w.usename, w.backend_start, w.xact_start, w.state,
       w.wait, w.query, w.open_for, w.in_state_for, true,
       b.name, blocking.pid, b.usename, b.backend_start, b.xact_start, b.state,
       b.wait, b.query, b.open_for, b.in_state_for,
       cardinality(pg_blocking_pids(blocking.pid)) > 0
FROM s AS w
CROSS JOIN LATERAL
  (SELECT DISTINCT unnest(pg_blocking_pids(w.pid)) AS pid) AS blocking
LEFT JOIN s AS b ON b.pid = blocking.pid
WHERE starts_with(w.name, %(tag)s || '/')
ORDER BY w.name, b.name, blocking.pid
"""


def blocked_sessions(monitor: psycopg.Connection, tag: str) -> list[Blocked]:
    """Every (waiter, blocker) pair whose waiter is labeled with `tag`."""
    _check_tag(tag)
    if not monitor.autocommit:
        # Within one transaction, pg_stat_activity keeps showing the snapshot
        # it took first; a monitor must see each poll afresh.
        raise ValueError("the monitor connection must be in autocommit mode")
    rows = monitor.execute(BLOCKED_SESSIONS, {"tag": tag}).fetchall()
    return [Blocked(_session(row[:11], tag), _session(row[11:], tag)) for row in rows]


# --8<-- [end:report]


def _session(columns: Sequence, tag: str) -> Session:
    name, pid, user, started, xact, state, wait, query, open_for, idle, blocked = (
        columns
    )
    if pid == 0:
        name = "prepared transaction"  # find it in pg_prepared_xacts
    elif name is None:
        name = "(ended)"  # it went between the two looks at the server
    else:
        # An outsider (psql, cron, a migration) keeps its whole name.
        name = name.removeprefix(f"{tag}/") or "(no application_name)"
    return Session(
        name,
        pid,
        user,
        started,
        xact,
        state,
        wait or "",
        query,
        open_for,
        idle,
        blocked,
    )


# --8<-- [start:end_session]
def root_blockers(edges: Sequence[Blocked]) -> list[Session]:
    """The blockers that wait on nobody: where each queue of waiters starts."""
    roots: dict[tuple[int, datetime | None], Session] = {}
    for edge in edges:
        if not edge.blocker.blocked:
            roots.setdefault(
                (edge.blocker.pid, edge.blocker.backend_start), edge.blocker
            )
    return list(roots.values())


def end_session(monitor: psycopg.Connection, target: Session) -> bool:
    """Terminate `target` if it is still the session, transaction and state the report saw.

    One guarded statement, not "look up a pid, then kill it": by the time
    you act, the transaction may have ended and the pid may belong to
    another session. Waits up to 5 s for the process to exit.
    """
    if not monitor.autocommit:
        raise ValueError("the monitor connection must be in autocommit mode")
    if target.pid == 0:
        raise ValueError("a prepared transaction has no session: ROLLBACK PREPARED it")
    if target.backend_start is None or target.xact_start is None:
        raise ValueError(
            f"{target.name}: not a session in a transaction the monitor sees"
        )
    rows = monitor.execute(
        """
        SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity
        WHERE pid = %s AND backend_start = %s AND xact_start = %s AND state = %s
        """,
        (target.pid, target.backend_start, target.xact_start, target.state),
    ).fetchall()
    return rows == [(True,)]


# --8<-- [end:end_session]


def backend_pid(monitor: psycopg.Connection, tag: str, role: str) -> int:
    """The server process of the one session labeled `<tag>/<role>`."""
    rows = monitor.execute(
        "SELECT pid FROM pg_stat_activity WHERE application_name = %s",
        (f"{tag}/{role}",),
    ).fetchall()
    if len(rows) != 1:
        raise LookupError(f"{len(rows)} sessions labeled {tag}/{role}, not one")
    return int(rows[0][0])


def wait_until(
    condition: Callable[[], bool], timeout: float = 10.0, poll_seconds: float = 0.01
) -> None:
    """Return once `condition()` is true; TimeoutError after `timeout` seconds.

    The condition asks the server (is the session waiting yet?), so the
    answer, not how long we slept, decides what happens next.
    """
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("condition still false")
        time.sleep(poll_seconds)
