"""Who is blocking whom: pg_stat_activity joined to pg_blocking_pids().

Every session of the example sets `application_name` to `<run tag>/<role>`
(for example `ex_dbg_1a2b3c/checkout`), so the report names roles, never
process ids, and only ever sees this run's sessions.
"""

from __future__ import annotations

import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass

import psycopg

from examples.server_settings import CONNECT_TIMEOUT_SECONDS, postgres_dsn

_TAG = re.compile(r"ex_dbg_[0-9a-f]{12}")
_ROLE = re.compile(r"[a-z][a-z0-9_-]{0,30}")


def new_run_tag() -> str:
    """A fresh tag that sets this run's sessions apart from everyone else's."""
    return f"ex_dbg_{secrets.token_hex(6)}"


def session(
    tag: str,
    role: str,
    schema: str,
    *,
    autocommit: bool = False,
    settings: dict[str, str] | None = None,
) -> psycopg.Connection:
    """A connection labeled `<tag>/<role>` whose table names resolve in `schema`.

    `settings` are server parameters for this session only, such as
    {"lock_timeout": "100ms"}; a default statement_timeout keeps a mistake
    from hanging the run.
    """
    if not _TAG.fullmatch(tag):
        raise ValueError(f"run tag {tag!r}: make one with new_run_tag()")
    if not _ROLE.fullmatch(role):
        raise ValueError(
            f"role {role!r}: use up to 31 lowercase letters, digits, - or _"
        )
    options = {"search_path": schema, "statement_timeout": "10s", **(settings or {})}
    return psycopg.connect(
        postgres_dsn(),
        autocommit=autocommit,
        connect_timeout=CONNECT_TIMEOUT_SECONDS,
        application_name=f"{tag}/{role}",
        options=" ".join(f"-c {name}={value}" for name, value in options.items()),
    )


# --8<-- [start:report]
@dataclass(frozen=True)
class Blocked:
    """One waiting session and one session it waits for."""

    waiter: str
    waiter_state: str
    wait_event: str  # wait_event_type/wait_event, such as Lock/transactionid
    blocker: str
    blocker_state: str
    blocker_wait: str
    blocker_query: str  # for an idle session: the last statement it ran


# pg_blocking_pids(pid) lists the sessions holding (or queued ahead for)
# a lock that `pid` waits for; an empty array means it is not blocked.
BLOCKED_SESSIONS = """
SELECT w.application_name, w.state,
       concat_ws('/', w.wait_event_type, w.wait_event),
       b.application_name, b.state,
       coalesce(concat_ws('/', b.wait_event_type, b.wait_event), ''),
       b.query
FROM pg_stat_activity AS w
CROSS JOIN LATERAL unnest(pg_blocking_pids(w.pid)) AS blocking(pid)
JOIN pg_stat_activity AS b ON b.pid = blocking.pid
WHERE starts_with(w.application_name, %(tag)s || '/')
ORDER BY w.application_name, b.application_name
"""


def blocked_sessions(monitor: psycopg.Connection, tag: str) -> list[Blocked]:
    """Every (waiter, blocker) pair among the sessions labeled with `tag`."""
    if not _TAG.fullmatch(tag):
        raise ValueError(f"run tag {tag!r}: make one with new_run_tag()")
    rows = monitor.execute(BLOCKED_SESSIONS, {"tag": tag}).fetchall()
    prefix = len(tag) + 1  # drop "<tag>/" and keep the role
    return [
        Blocked(w[prefix:], w_state, w_wait, b[prefix:], b_state, b_wait, query)
        for w, w_state, w_wait, b, b_state, b_wait, query in rows
    ]


# --8<-- [end:report]


def backend_pid(monitor: psycopg.Connection, tag: str, role: str) -> int:
    """The server process of the session labeled `<tag>/<role>`."""
    row = monitor.execute(
        "SELECT pid FROM pg_stat_activity WHERE application_name = %s",
        (f"{tag}/{role}",),
    ).fetchone()
    if row is None:
        raise LookupError(f"no session labeled {tag}/{role}")
    return int(row[0])


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
