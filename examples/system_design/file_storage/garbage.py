"""Old versions go, and with them chunks nobody references: counts, then a sweep.

Pruning a version subtracts its chunk list from the chunks' reference counts.
A chunk at zero is not deleted at once: a client may have just uploaded it and
not committed yet, or asked `missing_chunks` and been told it is there (which
restarts its clock). The collector deletes chunks that stayed at zero longer
than a grace period, which must exceed the longest upload session.

Like metadata.py, these expect an autocommit session at READ COMMITTED.
"""

# requires-server: postgres

from __future__ import annotations

from datetime import timedelta

import psycopg

from examples.system_design.file_storage.blob_store import BlobStore
from examples.system_design.file_storage.metadata import lock_account


def prune_versions(conn: psycopg.Connection, account: int, path: str, keep: int) -> int:
    """Keep the newest `keep` versions of `path` (0 only if deleted). Versions dropped."""
    if type(keep) is not int or keep < 0:
        raise ValueError(f"keep must be an int >= 0, got {keep!r}")
    _require_autocommit(conn)
    with conn.transaction():
        lock_account(conn, account)
        row = conn.execute(
            "SELECT id, deleted FROM files WHERE account_id = %s AND path = %s",
            (account, path),
        ).fetchone()
        if row is None:
            raise LookupError(f"no file {path!r}")
        file_id, deleted = row
        if keep == 0 and not deleted:
            raise ValueError("keep=0 would drop the head of a live file")
        # The newest version to drop: the one after the `keep` newest.
        cut = conn.execute(
            "SELECT version FROM versions WHERE file_id = %s"
            " ORDER BY version DESC OFFSET %s LIMIT 1",
            (file_id, keep),
        ).fetchone()
        if cut is None:
            return 0
        # --8<-- [start:prune]
        conn.execute(
            """WITH gone AS (
                   DELETE FROM version_chunks
                   WHERE file_id = %(file)s AND version <= %(last)s
                   RETURNING hash),
               uses AS (SELECT hash, count(*) AS n FROM gone GROUP BY hash)
               UPDATE chunks SET refs = refs - uses.n,
                   zero_since = CASE WHEN refs = uses.n THEN now() END
               FROM uses
               WHERE chunks.account_id = %(account)s AND chunks.hash = uses.hash""",
            {"file": file_id, "last": cut[0], "account": account},
        )
        # --8<-- [end:prune]
        cur = conn.execute(
            "DELETE FROM versions WHERE file_id = %s AND version <= %s",
            (file_id, cut[0]),
        )
        return cur.rowcount


# --8<-- [start:collect]
def collect_garbage(
    conn: psycopg.Connection, blobs: BlobStore, account: int, grace: timedelta
) -> int:
    """Delete chunks unreferenced for longer than `grace`, then their blobs."""
    _require_autocommit(conn)
    with conn.transaction():
        lock_account(conn, account)  # commits of this account wait
        # NOT EXISTS skips a chunk whose count drifted to 0 while a version
        # still lists it (audit_refs reports it), instead of the foreign key
        # failing the whole run.
        keys = conn.execute(
            """DELETE FROM chunks c WHERE account_id = %s AND refs = 0
                 AND zero_since <= now() - %s
                 AND NOT EXISTS (SELECT 1 FROM version_chunks v
                     WHERE v.account_id = c.account_id AND v.hash = c.hash)
               RETURNING blob_key""",
            (account, grace),
        ).fetchall()
    # Rows first, blobs after the commit: a crash here leaves orphan blobs,
    # never a row pointing at a deleted blob. A sweep that lists the bucket
    # deletes blobs with no row, but only ones older than the longest upload
    # session: a client PUTs its blob before register_chunk adds the row.
    for (key,) in keys:
        blobs.delete(key)
    return len(keys)


# --8<-- [end:collect]


def _require_autocommit(conn: psycopg.Connection) -> None:
    if not conn.autocommit:
        raise ValueError("needs an autocommit session: else nothing ever commits")


def audit_refs(conn: psycopg.Connection) -> list[tuple[int, bytes, int, int]]:
    """Mark-and-sweep as a check: chunks whose count disagrees with the lists."""
    rows = conn.execute(
        """SELECT c.account_id, c.hash, c.refs, count(v.hash)::int
           FROM chunks c LEFT JOIN version_chunks v
             ON v.account_id = c.account_id AND v.hash = c.hash
           GROUP BY c.account_id, c.hash, c.refs
           HAVING c.refs <> count(v.hash)"""
    ).fetchall()
    return [(a, bytes(h), refs, real) for a, h, refs, real in rows]
