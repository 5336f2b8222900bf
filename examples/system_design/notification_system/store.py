"""Preferences, per-user daily caps and the delivery log on PostgreSQL.

Each decision lives in a single statement so that concurrent workers cannot
race it:

- The daily cap is an upsert that increments only while under the cap, on
  the user's local calendar day (`now AT TIME ZONE zone`).
- A fan-out batch inserts its jobs with ON CONFLICT DO NOTHING and returns
  the new ones: a replayed batch inserts nothing and enqueues nothing.
- A worker claims a delivery before calling a provider, with a lease, so two
  workers holding the same redelivered id cannot both send.
- A provider callback is recorded once per (provider, event id), and moves a
  delivery's state only forward: the UPDATE's WHERE compares ranks, and a
  row lock makes a concurrent callback re-check it.
"""

# requires-server: postgres

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import psycopg

from examples.system_design.notification_system.fanout import FanoutJob

SCHEMA = """
CREATE TABLE user_setting (
    user_id    bigint PRIMARY KEY,
    time_zone  text NOT NULL,
    daily_cap  int NOT NULL CHECK (daily_cap >= 0)
);
CREATE TABLE preference (          -- a missing row means the default: opted in
    user_id    bigint NOT NULL REFERENCES user_setting,
    category   text NOT NULL,
    channel    text NOT NULL,
    opted_in   boolean NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (user_id, category, channel)
);
CREATE TABLE daily_count (
    user_id    bigint NOT NULL REFERENCES user_setting,
    local_day  date NOT NULL,
    sent       int NOT NULL,
    PRIMARY KEY (user_id, local_day)
);
CREATE TABLE delivery (
    notification_id text PRIMARY KEY,
    user_id    bigint NOT NULL,
    channel    text NOT NULL,
    state      text NOT NULL,
    state_rank smallint NOT NULL,
    updated_at timestamptz NOT NULL,
    attempts   int NOT NULL DEFAULT 0,
    claimed_until timestamptz    -- a worker's lease while state = 'sending'
);
CREATE TABLE delivery_event (
    provider          text NOT NULL,
    provider_event_id text NOT NULL,
    notification_id   text NOT NULL REFERENCES delivery,
    state             text NOT NULL,
    applied           boolean NOT NULL,
    received_at       timestamptz NOT NULL,
    PRIMARY KEY (provider, provider_event_id)
);
"""

# Forward only. "failed" ranks with "delivered": it can follow queued or sent,
# and nothing moves a failed delivery (a late "opened" is kept as an event).
# Suppression (a bounce or complaint after "delivered") reads the events, not this.
RANK = {"queued": 0, "sending": 0, "sent": 1, "delivered": 2, "failed": 2, "opened": 3}
Decision = Literal["send", "opted out", "capped"]
Applied = Literal["applied", "duplicate", "stale"]


def create_tables(conn: psycopg.Connection) -> None:
    conn.execute(SCHEMA)


def save_settings(
    conn: psycopg.Connection, user_id: int, time_zone: str, daily_cap: int
) -> None:
    """Store a user's zone and cap, refusing a zone either tz database lacks.

    Quiet hours read the zone with Python's zoneinfo and the cap with
    PostgreSQL's AT TIME ZONE; the two ship their own copies of the tz
    database, so a name must be known to both, or every admit would fail.
    """
    if daily_cap < 0:
        raise ValueError(f"daily_cap must be zero or more, got {daily_cap}")
    try:
        ZoneInfo(time_zone)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValueError(f"unknown time zone {time_zone!r}") from error
    known = conn.execute(
        "SELECT EXISTS (SELECT 1 FROM pg_timezone_names WHERE name = %s)",
        (time_zone,),
    ).fetchone()[0]
    if not known:
        raise ValueError(f"PostgreSQL does not know the time zone {time_zone!r}")
    conn.execute(
        "INSERT INTO user_setting VALUES (%s, %s, %s) ON CONFLICT (user_id)"
        " DO UPDATE SET time_zone = EXCLUDED.time_zone, daily_cap = EXCLUDED.daily_cap",
        (user_id, time_zone, daily_cap),
    )


def set_preference(
    conn: psycopg.Connection,
    user_id: int,
    category: str,
    channel: str,
    opted_in: bool,
    now: datetime,
) -> None:
    """Opt in or out; repeating it (a second unsubscribe click) changes nothing."""
    conn.execute(
        "INSERT INTO preference VALUES (%s, %s, %s, %s, %s)"
        " ON CONFLICT (user_id, category, channel)"
        " DO UPDATE SET opted_in = EXCLUDED.opted_in, updated_at = EXCLUDED.updated_at",
        (user_id, category, channel, opted_in, now),
    )


# --8<-- [start:admit]
def admit(
    conn: psycopg.Connection, user_id: int, category: str, channel: str, now: datetime
) -> Decision:
    """May this user get one more notification of `category` on `channel` now?

    Security alerts and one-time codes ("critical") skip both the opt-out and
    the cap: the user asked for the code, and it is not marketing.
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    with conn.transaction():
        row = conn.execute(
            "SELECT u.daily_cap, p.opted_in FROM user_setting u"
            " LEFT JOIN preference p ON p.user_id = u.user_id"
            "  AND p.category = %s AND p.channel = %s"
            " WHERE u.user_id = %s",
            (category, channel, user_id),
        ).fetchone()
        if row is None:
            raise LookupError(f"no settings for user {user_id}")
        cap, opted_in = row
        if category == "critical":
            return "send"
        if opted_in is False:
            return "opted out"
        counted = conn.execute(
            "INSERT INTO daily_count (user_id, local_day, sent)"
            " SELECT user_id, (%(now)s AT TIME ZONE time_zone)::date, 1"
            " FROM user_setting WHERE user_id = %(user)s AND %(cap)s > 0"
            " ON CONFLICT (user_id, local_day) DO UPDATE"
            " SET sent = daily_count.sent + 1 WHERE daily_count.sent < %(cap)s"
            " RETURNING sent",
            {"now": now, "user": user_id, "cap": cap},
        ).fetchone()
        return "send" if counted else "capped"
    # --8<-- [end:admit]


# --8<-- [start:enqueue]
def enqueue_batch(
    conn: psycopg.Connection, jobs: Sequence[FanoutJob], now: datetime
) -> list[FanoutJob]:
    """Record a fan-out batch; return only the jobs that were not there already.

    Push only these to the lane: a replayed batch returns [] and sends nothing.
    """
    inserted = conn.execute(
        "INSERT INTO delivery (notification_id, user_id, channel, state,"
        " state_rank, updated_at)"
        " SELECT id, uid, ch, 'queued', 0, %s"
        " FROM unnest(%s::text[], %s::bigint[], %s::text[]) AS t(id, uid, ch)"
        " ON CONFLICT (notification_id) DO NOTHING RETURNING notification_id",
        (
            now,
            [j.notification_id for j in jobs],
            [j.user_id for j in jobs],
            [j.channel for j in jobs],
        ),
    ).fetchall()
    new = {row[0] for row in inserted}
    return [job for job in jobs if job.notification_id in new]


# --8<-- [end:enqueue]


def enqueue(
    conn: psycopg.Connection,
    notification_id: str,
    user_id: int,
    channel: str,
    now: datetime,
) -> bool:
    """Record one job; False if that id is already in the log."""
    job = FanoutJob(notification_id, user_id, channel, "transactional")
    return bool(enqueue_batch(conn, [job], now))


# --8<-- [start:claim]
def claim_send(
    conn: psycopg.Connection, notification_id: str, now: datetime, lease: timedelta
) -> bool:
    """Take the right to call the provider for this delivery, for `lease`.

    Exactly one worker wins. A lease that ran out (the worker died mid-call)
    can be claimed again: that retry is where a duplicate can still come from,
    which is why the lease is longer than the provider's timeout.
    """
    won = conn.execute(
        "UPDATE delivery SET state = 'sending', claimed_until = %(until)s,"
        " attempts = attempts + 1, updated_at = %(now)s"
        " WHERE notification_id = %(id)s AND (state = 'queued'"
        "  OR (state = 'sending' AND claimed_until <= %(now)s))"
        " RETURNING attempts",
        {"id": notification_id, "now": now, "until": now + lease},
    ).fetchone()
    return won is not None


# --8<-- [end:claim]


def finish_send(conn: psycopg.Connection, notification_id: str, now: datetime) -> None:
    """The provider accepted it: sent (unless a callback already moved it on)."""
    conn.execute(
        "UPDATE delivery SET state = 'sent', state_rank = 1, claimed_until = NULL,"
        " updated_at = %s WHERE notification_id = %s AND state_rank < 1",
        (now, notification_id),
    )


# --8<-- [start:callback]
def record_callback(
    conn: psycopg.Connection,
    provider: str,
    event_id: str,
    notification_id: str,
    state: str,
    now: datetime,
) -> Applied:
    """Apply one provider callback at most once, and never move a state backwards."""
    if state not in RANK or state in ("queued", "sending"):
        raise ValueError(f"unknown callback state {state!r}")
    with conn.transaction():
        first = conn.execute(
            "INSERT INTO delivery_event VALUES (%s, %s, %s, %s, false, %s)"
            " ON CONFLICT (provider, provider_event_id) DO NOTHING RETURNING 1",
            (provider, event_id, notification_id, state, now),
        ).fetchone()
        if first is None:
            return "duplicate"  # the provider retried its webhook
        moved = conn.execute(
            "UPDATE delivery SET state = %s, state_rank = %s, updated_at = %s"
            " WHERE notification_id = %s AND state_rank < %s AND state <> 'failed'"
            " RETURNING 1",
            (state, RANK[state], now, notification_id, RANK[state]),
        ).fetchone()
        if moved is None:
            return "stale"  # after a later state: kept as an event, which suppression reads
        conn.execute(
            "UPDATE delivery_event SET applied = true"
            " WHERE provider = %s AND provider_event_id = %s",
            (provider, event_id),
        )
        return "applied"
    # --8<-- [end:callback]


def state_of(conn: psycopg.Connection, notification_id: str) -> str:
    row = conn.execute(
        "SELECT state FROM delivery WHERE notification_id = %s", (notification_id,)
    ).fetchone()
    if row is None:
        raise LookupError(f"no delivery {notification_id!r}")
    return row[0]
