"""The metadata service's writes: which chunks are missing, commits, pruning, GC.

Every change to an account runs in one transaction that first locks the
account's row (it hands out the journal number). Commits of one account run
one at a time, so the journal numbers follow commit order; commits of
different accounts never wait for each other.

The functions expect an autocommit session at READ COMMITTED, PostgreSQL's
default: with autocommit off, `conn.transaction()` would only open a
savepoint inside a transaction nobody commits, so they refuse such a session.
"""

# requires-server: postgres

from __future__ import annotations

import hashlib
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

import psycopg

from examples.system_design.file_storage.chunk_store import MissingChunksError
from examples.system_design.file_storage.chunking import Chunk

MAX_PATH_BYTES = 1024  # whole path, UTF-8
MAX_NAME_BYTES = 255  # one segment: what most client file systems allow
MAX_KEY_CHARS = 200  # an Idempotency-Key


class StaleVersionError(Exception):
    """The file moved past the version the request was based on."""


class IdempotencyKeyReused(ValueError):
    """An Idempotency-Key came back with a different request (HTTP 422)."""


@dataclass(frozen=True)
class Committed:
    path: str  # where the version landed: the path asked for, or a conflicted copy
    version: int
    seq: int  # its number in the account's journal
    conflict: bool


def _no_controls(what: str, text: str) -> None:
    if any(unicodedata.category(ch) == "Cc" for ch in text):
        raise ValueError(f"{what} must not contain control characters: {text!r}")


def clean_path(path: str) -> str:
    """The path in NFC form, or ValueError: relative, '/'-separated, no '.' or '..'."""
    if not isinstance(path, str) or not path or path.startswith("/"):
        raise ValueError(f"path must be relative and non-empty, got {path!r}")
    path = unicodedata.normalize("NFC", path)  # one spelling of "é" per name
    _no_controls("path", path)
    if "\\" in path:
        raise ValueError(f"path must use '/' only, got {path!r}")
    if len(path.encode()) > MAX_PATH_BYTES:
        raise ValueError(f"path is over {MAX_PATH_BYTES} bytes")
    for name in path.split("/"):
        if name in ("", ".", ".."):
            raise ValueError(f"path must not have empty, '.' or '..' parts: {path!r}")
        if len(name.encode()) > MAX_NAME_BYTES:
            raise ValueError(f"a path part is over {MAX_NAME_BYTES} bytes")
    return path


def _check(conn: psycopg.Connection, device: str, base_version: int | None) -> None:
    if not conn.autocommit:
        raise ValueError("needs an autocommit session: else nothing ever commits")
    if not isinstance(device, str) or not 0 < len(device) <= 64 or "/" in device:
        raise ValueError(f"device must be 1-64 characters without '/', got {device!r}")
    _no_controls("device", device)
    if base_version is not None and (type(base_version) is not int or base_version < 1):
        raise ValueError(f"base_version must be None or >= 1, got {base_version!r}")


def lock_account(conn: psycopg.Connection, account: int) -> int:
    """Lock the account's row (its changes queue here); its last journal number.

    FOR NO KEY UPDATE, not FOR UPDATE: inserts that only reference the account
    (register_chunk, save_cursor) take FOR KEY SHARE and need not wait.
    """
    row = conn.execute(
        "SELECT journal_seq FROM accounts WHERE id = %s FOR NO KEY UPDATE", (account,)
    ).fetchone()
    if row is None:
        raise LookupError(f"no account {account}")
    return int(row[0])


def _next_seq(conn: psycopg.Connection, account: int) -> int:
    seq = lock_account(conn, account) + 1
    conn.execute("UPDATE accounts SET journal_seq = %s WHERE id = %s", (seq, account))
    return seq


def _notify(conn: psycopg.Connection, account: int, seq: int) -> None:
    """One channel per shard (a schema stands for the shard here), account in the payload."""
    conn.execute(
        "SELECT pg_notify('journal_' || current_schema(), %s)", (f"{account}:{seq}",)
    )


def missing_chunks(
    conn: psycopg.Connection, account: int, digests: Sequence[bytes]
) -> list[bytes]:
    """The hashes, of those asked, that this account has not stored yet.

    A chunk reported present but unreferenced gets its GC clock restarted, so
    it outlives the grace period from now: the client will not upload it.
    Under READ COMMITTED, whichever of this UPDATE and the collector's DELETE
    runs second re-checks the row.
    """
    wanted = list(dict.fromkeys(digests))
    with conn.transaction():
        kept = conn.execute(
            "UPDATE chunks SET zero_since = now() WHERE account_id = %s"
            " AND hash = ANY(%s) AND refs = 0 RETURNING hash",
            (account, wanted),
        ).fetchall()
        used = conn.execute(
            "SELECT hash FROM chunks WHERE account_id = %s AND hash = ANY(%s)"
            " AND refs > 0",
            (account, wanted),
        ).fetchall()
    have = {bytes(r[0]) for r in kept + used}
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
    idempotency_key: str | None = None,
) -> Committed:
    """Make `chunks` the next version of `path`, all or nothing.

    If the head is no longer `base_version` (another device committed first),
    nothing is overwritten: the version is saved as a conflicted copy. A
    retry with the same `idempotency_key` gets the first answer back.
    """
    path = clean_path(path)
    _check(conn, device, base_version)
    uses = Counter(c.digest for c in chunks)
    request = _fingerprint(path, base_version, chunks)
    with conn.transaction():
        lock_account(conn, account)  # row lock: this account's commits queue
        if idempotency_key is not None:  # after the lock: a racing retry waits
            done = _replay(conn, account, idempotency_key, request)
            if done is not None:
                return done
        seq = _next_seq(conn, account)
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
            saved_path = clean_path(conflicted_name(path, device, base_version))
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
            "INSERT INTO journal VALUES (%s, %s, %s, %s, 'put', %s, %s, %s)",
            (account, seq, saved_path, version, conflict, idempotency_key, request),
        )
        _notify(conn, account, seq)
    return Committed(saved_path, version, seq, conflict)


# --8<-- [end:commit]


def _fingerprint(path: str, base: int | None, chunks: Sequence[Chunk]) -> bytes:
    """What a retry must repeat exactly for its key to replay the first answer."""
    h = hashlib.sha256(f"{path}\0{base}\0".encode())
    for c in chunks:
        h.update(c.digest)
    return h.digest()


def _replay(
    conn: psycopg.Connection, account: int, key: str, request: bytes
) -> Committed | None:
    """The stored answer to a commit already made with `key`, if any."""
    if not 0 < len(key) <= MAX_KEY_CHARS:
        raise ValueError(f"idempotency_key must be 1-{MAX_KEY_CHARS} characters")
    row = conn.execute(
        "SELECT path, version, seq, conflict, request FROM journal"
        " WHERE account_id = %s AND idempotency_key = %s",
        (account, key),
    ).fetchone()
    if row is None:
        return None
    if bytes(row[4]) != request:
        raise IdempotencyKeyReused(f"key {key!r} was used for a different commit")
    return Committed(row[0], row[1], row[2], row[3])


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
    path = clean_path(path)
    _check(conn, device, base_version)
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
            "INSERT INTO journal (account_id, seq, path, version, op)"
            " VALUES (%s, %s, %s, %s, 'delete')",
            (account, seq, path, row[0]),
        )
        _notify(conn, account, seq)
    return Committed(path, row[0], seq, False)
