"""The video catalog and its transcode tasks, in SQLite.

A video is published when its last rendition's task finishes, in the same
transaction, so it is never "ready" with a rendition missing. Tasks are
leased, not locked: a worker that dies stops renewing, its lease runs out,
and another worker claims the task again. A late finish from the first
worker is harmless: both wrote the same rendition (the encode is
idempotent), and a second finish changes nothing. A task whose lease runs out
after its last allowed attempt is not handed out again: it is marked failed
(a dead letter for a person or a different pipeline to look at) and so is its
video. The clock is a parameter.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

# --8<-- [start:schema]
SCHEMA = """
CREATE TABLE videos (
    id TEXT PRIMARY KEY,
    channel_id TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'processing'
        CHECK (status IN ('processing', 'ready', 'failed'))
);
CREATE TABLE renditions (
    video_id TEXT NOT NULL REFERENCES videos (id),
    name TEXT NOT NULL,
    bandwidth INTEGER,  -- the measured peak, once encoded
    average_bandwidth INTEGER,
    PRIMARY KEY (video_id, name)
);
CREATE TABLE tasks (  -- one per rendition: the unit a worker claims
    video_id TEXT NOT NULL,
    rendition TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'queued'
        CHECK (state IN ('queued', 'running', 'done', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    lease_until REAL,  -- a running task whose lease passed is claimable again
    PRIMARY KEY (video_id, rendition),
    FOREIGN KEY (video_id, rendition) REFERENCES renditions (video_id, name)
);
"""
# --8<-- [end:schema]


def connect(path: str = ":memory:") -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=5, isolation_level=None)  # explicit BEGINs
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def create_schema(conn: sqlite3.Connection) -> None:
    conn.executescript(SCHEMA)


def enqueue(
    conn: sqlite3.Connection, video_id: str, channel_id: str, renditions: Iterable[str]
) -> None:
    """Record an uploaded video and a task per rendition; a retry adds nothing."""
    names = list(renditions)
    if not names:
        raise ValueError("a video needs at least one rendition")
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(
            "INSERT OR IGNORE INTO videos (id, channel_id) VALUES (?, ?)",
            (video_id, channel_id),
        )
        for name in names:
            conn.execute(
                "INSERT OR IGNORE INTO renditions (video_id, name) VALUES (?, ?)",
                (video_id, name),
            )
            conn.execute(
                "INSERT OR IGNORE INTO tasks (video_id, rendition) VALUES (?, ?)",
                (video_id, name),
            )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


# --8<-- [start:claim]
MAX_ATTEMPTS = 3  # a source that crashes the encoder every time must stop somewhere


def claim(
    conn: sqlite3.Connection,
    now: float,
    lease_s: float = 600,
    max_attempts: int = MAX_ATTEMPTS,
) -> tuple[str, str] | None:
    """Take the oldest claimable task: queued, or running with an expired lease.

    An expired task that has used all its attempts is failed instead, with
    its video, in the same transaction."""
    if max_attempts < 1:
        raise ValueError(f"max_attempts must be at least 1, got {max_attempts}")
    params = {"now": now, "until": now + lease_s, "max": max_attempts}
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(
            "UPDATE tasks SET state = 'failed', lease_until = NULL "
            "WHERE state = 'running' AND lease_until < :now AND attempts >= :max",
            params,
        )
        conn.execute(
            "UPDATE videos SET status = 'failed' WHERE status = 'processing' "
            "AND id IN (SELECT video_id FROM tasks WHERE state = 'failed')"
        )
        row = conn.execute(
            """
            UPDATE tasks SET state = 'running', attempts = attempts + 1,
                             lease_until = :until
            WHERE rowid = (
                SELECT rowid FROM tasks
                WHERE state = 'queued' OR (state = 'running' AND lease_until < :now)
                ORDER BY rowid LIMIT 1)
            RETURNING video_id, rendition
            """,
            params,
        ).fetchone()
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return (row[0], row[1]) if row else None


def finish(
    conn: sqlite3.Connection,
    video_id: str,
    rendition: str,
    bandwidth: int,
    average_bandwidth: int,
) -> bool:
    """Mark a task done with its measured rates; True if this call published."""
    if not 0 < average_bandwidth <= bandwidth:
        raise ValueError("need 0 < AVERAGE-BANDWIDTH <= BANDWIDTH")
    conn.execute("BEGIN IMMEDIATE")  # one writer: the last two cannot both miss
    try:
        done = conn.execute(  # a failed task stays failed: its video is not shown
            "UPDATE tasks SET state = 'done', lease_until = NULL "
            "WHERE video_id = ? AND rendition = ? AND state IN ('queued', 'running')",
            (video_id, rendition),
        ).rowcount
        if done:  # a duplicate finish changes nothing
            conn.execute(
                "UPDATE renditions SET bandwidth = ?, average_bandwidth = ? "
                "WHERE video_id = ? AND name = ?",
                (bandwidth, average_bandwidth, video_id, rendition),
            )
        published = conn.execute(
            "UPDATE videos SET status = 'ready' "
            "WHERE id = ? AND status = 'processing' AND NOT EXISTS "
            "(SELECT 1 FROM tasks WHERE video_id = ? AND state != 'done')",
            (video_id, video_id),
        ).rowcount
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return bool(published)


# --8<-- [end:claim]


def status(conn: sqlite3.Connection, video_id: str) -> str | None:
    row = conn.execute("SELECT status FROM videos WHERE id = ?", (video_id,)).fetchone()
    return row[0] if row else None
