"""The metadata service's writes: which chunks are missing, commits, pruning, GC.

Every change to an account runs in one transaction that first locks the
account's row (it hands out the journal number). Commits of one account run
one at a time, so the journal numbers follow commit order; commits of
different accounts never wait for each other.
"""

# requires-server: postgres

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

import psycopg

from examples.system_design.file_storage.chunk_store import MissingChunksError
from examples.system_design.file_storage.chunking import Chunk


class StaleVersionError(Exception):
    """The file moved past the version the request was based on."""


@dataclass(frozen=True)
class Committed:
    path: str  # where the version landed: the path asked for, or a conflicted copy
    version: int
    seq: int  # its number in the account's journal
    conflict: bool


def _check(path: str, device: str, base_version: int | None) -> None:
    if not path or path.startswith("/") or "\x00" in path:
        raise ValueError(f"path must be relative and non-empty, got {path!r}")
    if not device:
        raise ValueError("device must be a non-empty string")
    if base_version is not None and (type(base_version) is not int or base_version < 1):
        raise ValueError(f"base_version must be None or >= 1, got {base_version!r}")


def _next_seq(conn: psycopg.Connection, account: int) -> int:
    """Lock the account's row and take its next journal number."""
    row = conn.execute(
        "UPDATE accounts SET journal_seq = journal_seq + 1 WHERE id = %s"
        " RETURNING journal_seq",
        (account,),
    ).fetchone()
    if row is None:
        raise LookupError(f"no account {account}")
    return int(row[0])


def missing_chunks(
    conn: psycopg.Connection, account: int, digests: Sequence[bytes]
) -> list[bytes]:
    """The hashes, of those asked, that this account has not stored yet."""
    wanted = list(dict.fromkeys(digests))
    rows = conn.execute(
        "SELECT hash FROM chunks WHERE account_id = %s AND hash = ANY(%s)",
        (account, wanted),
    ).fetchall()
    have = {bytes(r[0]) for r in rows}
    return [d for d in wanted if d not in have]


def register_chunk(
    conn: psycopg.Connection, account: int, chunk: Chunk, blob_key: str
) -> bool:
    """Record an uploaded, verified blob. False if another upload won the race."""
    row = conn.execute(
        "INSERT INTO chunks (account_id, hash, size, blob_key) VALUES (%s, %s, %s, %s)"
        " ON CONFLICT (account_id, hash) DO NOTHING RETURNING hash",
        (account, chunk.digest, chunk.length, blob_key),
    ).fetchone()
    return row is not None


# --8<-- [start:commit]
def commit_file(
    conn: psycopg.Connection,
    account: int,
    path: str,
    base_version: int | None,  # the version this edit started from; None: new
    chunks: Sequence[Chunk],
    device: str,
) -> Committed:
    """Make `chunks` the next version of `path`, all or nothing.

    If the head is no longer `base_version` (another device committed first),
    nothing is overwritten: the version is saved as a conflicted copy.
    """
    _check(path, device, base_version)
    uses = Counter(c.digest for c in chunks)
    with conn.transaction():
        seq = _next_seq(conn, account)  # row lock: this account's commits queue
        taken = conn.execute(
            """UPDATE chunks SET refs = refs + u.n, zero_since = NULL
               FROM unnest(%s::bytea[], %s::int[]) AS u(hash, n)
               WHERE chunks.account_id = %s AND chunks.hash = u.hash
               RETURNING chunks.hash""",
            (list(uses), list(uses.values()), account),
        ).fetchall()
        if len(taken) != len(uses):  # raising rolls back every statement above
            raise MissingChunksError(f"{len(uses) - len(taken)} chunks not uploaded")
        if base_version is None:  # a new file: the path must be free
            row = conn.execute(
                "INSERT INTO files (account_id, path, head_version)"
                " VALUES (%s, %s, 1) ON CONFLICT DO NOTHING RETURNING id, 1",
                (account, path),
            ).fetchone()
        else:  # compare-and-set: advance the head only from the base we edited
            row = conn.execute(
                "UPDATE files SET head_version = head_version + 1, deleted = false"
                " WHERE account_id = %s AND path = %s AND head_version = %s"
                " RETURNING id, head_version",
                (account, path, base_version),
            ).fetchone()
        saved_path, conflict = path, row is None
        if conflict:  # keep both: this edit becomes a file of its own
            saved_path = conflicted_name(path, device, base_version)
            row = conn.execute(
                "INSERT INTO files (account_id, path, head_version)"
                " VALUES (%s, %s, 1) ON CONFLICT DO NOTHING RETURNING id, 1",
                (account, saved_path),
            ).fetchone()
            if row is None:
                raise FileExistsError(f"{saved_path!r} exists: a retried commit?")
        file_id, version = row
        _insert_version(conn, account, file_id, version, chunks, device)
        conn.execute(
            "INSERT INTO journal VALUES (%s, %s, %s, %s, 'put')",
            (account, seq, saved_path, version),
        )
        conn.execute("SELECT pg_notify(%s, %s)", (f"journal_{account}", str(seq)))
    return Committed(saved_path, version, seq, conflict)


# --8<-- [end:commit]


def _insert_version(
    conn: psycopg.Connection,
    account: int,
    file_id: int,
    version: int,
    chunks: Sequence[Chunk],
    device: str,
) -> None:
    size = sum(c.length for c in chunks)
    conn.execute(
        "INSERT INTO versions VALUES (%s, %s, %s, %s)", (file_id, version, size, device)
    )
    conn.execute(
        """INSERT INTO version_chunks
           SELECT %s, %s, t.position, %s, t.hash
           FROM unnest(%s::bytea[]) WITH ORDINALITY AS t(hash, position)""",
        (file_id, version, account, [c.digest for c in chunks]),
    )


def conflicted_name(path: str, device: str, base_version: int | None) -> str:
    """report.txt -> report (conflicted copy, phone, from v1).txt"""
    p = PurePosixPath(path)
    base = "new" if base_version is None else f"from v{base_version}"
    return str(p.with_name(f"{p.stem} (conflicted copy, {device}, {base}){p.suffix}"))


def delete_file(
    conn: psycopg.Connection, account: int, path: str, base_version: int, device: str
) -> Committed:
    """Mark `path` deleted (its versions stay until pruned), by compare-and-set."""
    _check(path, device, base_version)
    with conn.transaction():
        seq = _next_seq(conn, account)
        row = conn.execute(
            "UPDATE files SET head_version = head_version + 1, deleted = true"
            " WHERE account_id = %s AND path = %s AND head_version = %s"
            " AND NOT deleted RETURNING head_version",
            (account, path, base_version),
        ).fetchone()
        if row is None:
            raise StaleVersionError(f"{path!r} is not at v{base_version}; not deleted")
        conn.execute(
            "INSERT INTO journal VALUES (%s, %s, %s, %s, 'delete')",
            (account, seq, path, row[0]),
        )
        conn.execute("SELECT pg_notify(%s, %s)", (f"journal_{account}", str(seq)))
    return Committed(path, row[0], seq, False)
