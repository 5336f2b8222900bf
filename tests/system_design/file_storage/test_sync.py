"""Journal, long poll and garbage collection on the real PostgreSQL."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import psycopg
import pytest
from psycopg import sql

from examples.system_design.file_storage.chunk_store import MissingChunksError
from examples.system_design.file_storage.garbage import audit_refs, collect_garbage, prune_versions
from examples.system_design.file_storage.journal import (
    changes_since,
    save_cursor,
    shard_channel,
    wait_for_changes,
)
from examples.system_design.file_storage.metadata import commit_file, delete_file, missing_chunks
from examples.system_design.file_storage.sync_demo import download, upload
from tests.system_design.file_storage.conftest import ACCOUNT, Metadata

NOW = timedelta(0)


def put(md: Metadata, path: str, data: bytes, base: int | None = None, conn=None):
    conn = conn or md.conn
    chunks, _ = upload(conn, md.blobs, ACCOUNT, data)
    return commit_file(conn, ACCOUNT, path, base, chunks, "laptop")


def test_changes_since_pages_through_the_journal_in_order(md: Metadata) -> None:
    for i in range(5):
        put(md, f"f{i}", f"body {i}".encode())
    first = changes_since(md.conn, ACCOUNT, 0, limit=2)
    assert [c.seq for c in first] == [1, 2]
    rest = changes_since(md.conn, ACCOUNT, first[-1].seq)
    assert [(c.seq, c.path, c.version, c.op) for c in rest] == [(i + 1, f"f{i}", 1, "put") for i in range(2, 5)]
    assert changes_since(md.conn, ACCOUNT, 5) == []


def test_a_cursor_never_moves_back(md: Metadata) -> None:
    save_cursor(md.conn, ACCOUNT, "phone", 7)
    save_cursor(md.conn, ACCOUNT, "phone", 3)  # a late, retried acknowledgment
    assert md.conn.execute("SELECT cursor FROM devices").fetchone() == (7,)


def test_a_long_poll_wakes_on_a_commit_from_another_session(md: Metadata) -> None:
    with md.session() as listener, ThreadPoolExecutor(1) as pool:
        waiting = pool.submit(wait_for_changes, listener, ACCOUNT, 0, 10)
        time.sleep(0.3)  # let it reach the wait; the result does not depend on this
        put(md, "new.txt", b"hello")
        changes = waiting.result(timeout=15)
    assert [(c.seq, c.path) for c in changes] == [(1, "new.txt")]


def test_a_notification_waits_for_the_commit(md: Metadata) -> None:
    chunks, _ = upload(md.conn, md.blobs, ACCOUNT, b"inside a transaction")
    with md.session() as listener, md.session() as writer:
        listener.execute(sql.SQL("LISTEN {}").format(sql.Identifier(shard_channel(listener))))
        with writer.transaction():
            commit_file(writer, ACCOUNT, "later.txt", None, chunks, "laptop")  # a savepoint here
            assert list(listener.notifies(timeout=0.5, stop_after=1)) == []
        woken = list(listener.notifies(timeout=5, stop_after=1))
    assert [n.payload for n in woken] == [f"{ACCOUNT}:1"]
    assert woken[0].channel == f"journal_{md.schema}"


def test_one_channel_per_shard_carries_every_account(md: Metadata) -> None:
    md.conn.execute("INSERT INTO accounts (id) VALUES (2)")
    with md.session() as listener:
        listener.execute(sql.SQL("LISTEN {}").format(sql.Identifier(shard_channel(listener))))
        with md.session() as other:
            chunks, _ = upload(other, md.blobs, 2, b"account two")
            commit_file(other, 2, "two.txt", None, chunks, "tablet")
        put(md, "one.txt", b"account one")
        woken = list(listener.notifies(timeout=5, stop_after=2))
    assert sorted(n.payload for n in woken) == ["1:1", "2:1"]


def test_a_wake_up_for_an_old_change_keeps_the_poll_waiting(md: Metadata) -> None:
    put(md, "seen.txt", b"already read")
    with md.session() as listener, ThreadPoolExecutor(1) as pool:
        waiting = pool.submit(wait_for_changes, listener, ACCOUNT, 1, 10)
        time.sleep(0.3)
        for stale in ("1:1", "2:9"):  # a change already read; another account's
            md.conn.execute("SELECT pg_notify('journal_' || current_schema(), %s)", (stale,))
        time.sleep(0.3)
        assert not waiting.done()
        put(md, "fresh.txt", b"new")
        assert [c.path for c in waiting.result(timeout=15)] == ["fresh.txt"]


def test_a_long_poll_with_nothing_new_returns_empty_after_its_timeout(md: Metadata) -> None:
    put(md, "old.txt", b"x")
    with md.session() as listener:
        assert wait_for_changes(listener, ACCOUNT, 1, timeout=0.2) == []
        assert [c.seq for c in wait_for_changes(listener, ACCOUNT, 0, timeout=0.2)] == [1]


def test_pruning_and_gc_free_only_chunks_no_version_uses(md: Metadata) -> None:
    shared = bytes(range(256)) * 100
    put(md, "doc", shared + b"one")
    put(md, "doc", b"two" + shared, base=1)
    put(md, "other", shared)
    before = md.blobs.keys()
    assert prune_versions(md.conn, ACCOUNT, "doc", keep=1) == 1
    assert collect_garbage(md.conn, md.blobs, ACCOUNT, timedelta(hours=1)) == 0  # grace
    freed = collect_garbage(md.conn, md.blobs, ACCOUNT, NOW)
    assert freed == len(before) - len(md.blobs.keys()) > 0
    assert download(md.conn, md.blobs, ACCOUNT, "doc") == b"two" + shared
    assert download(md.conn, md.blobs, ACCOUNT, "other") == shared
    assert audit_refs(md.conn) == []
    keys = {r[0] for r in md.conn.execute("SELECT blob_key FROM chunks").fetchall()}
    assert keys == md.blobs.keys()  # every row has its blob, and no blob lacks a row


def test_a_deleted_file_pruned_to_nothing_frees_its_chunks(md: Metadata) -> None:
    put(md, "tmp.bin", b"scratch data" * 1000)
    delete_file(md.conn, ACCOUNT, "tmp.bin", 1, "laptop")
    assert prune_versions(md.conn, ACCOUNT, "tmp.bin", keep=0) == 1
    assert collect_garbage(md.conn, md.blobs, ACCOUNT, NOW) > 0
    assert md.blobs.keys() == set() and md.count("chunks") == 0


def test_pruning_a_deleted_file_keeps_its_newest_versions_restorable(md: Metadata) -> None:
    for v, body in enumerate([b"one", b"two", b"three"]):
        put(md, "old.txt", body * 1000, base=v or None)
    delete_file(md.conn, ACCOUNT, "old.txt", 3, "laptop")
    assert prune_versions(md.conn, ACCOUNT, "old.txt", keep=1) == 2
    assert md.conn.execute("SELECT version FROM versions").fetchall() == [(3,)]
    assert prune_versions(md.conn, ACCOUNT, "old.txt", keep=1) == 0
    assert prune_versions(md.conn, ACCOUNT, "old.txt", keep=0) == 1
    assert audit_refs(md.conn) == []


def test_uploaded_but_uncommitted_chunks_survive_the_grace_period(md: Metadata) -> None:
    upload(md.conn, md.blobs, ACCOUNT, b"not committed yet")
    assert collect_garbage(md.conn, md.blobs, ACCOUNT, timedelta(minutes=30)) == 0
    assert collect_garbage(md.conn, md.blobs, ACCOUNT, NOW) == 1


def test_a_drifted_count_is_skipped_and_the_rest_is_collected(md: Metadata) -> None:
    put(md, "keep.txt", b"precious")
    upload(md.conn, md.blobs, ACCOUNT, b"uploaded, never committed")
    md.conn.execute("UPDATE chunks SET refs = 0, zero_since = now() - interval '1 day'")
    assert collect_garbage(md.conn, md.blobs, ACCOUNT, NOW) == 1  # only the orphan
    assert download(md.conn, md.blobs, ACCOUNT, "keep.txt") == b"precious"
    assert len(audit_refs(md.conn)) == 1  # and the audit names the drift


def test_a_chunk_reported_present_outlives_the_grace_period(md: Metadata) -> None:
    chunks, _ = upload(md.conn, md.blobs, ACCOUNT, b"stored two hours ago")
    md.conn.execute("UPDATE chunks SET zero_since = now() - interval '2 hours'")
    assert missing_chunks(md.conn, ACCOUNT, [c.digest for c in chunks]) == []
    assert collect_garbage(md.conn, md.blobs, ACCOUNT, timedelta(hours=1)) == 0
    done = commit_file(md.conn, ACCOUNT, "late.txt", None, chunks, "laptop")
    assert download(md.conn, md.blobs, ACCOUNT, done.path) == b"stored two hours ago"


def test_a_chunk_already_collected_is_reported_missing(md: Metadata) -> None:
    chunks, _ = upload(md.conn, md.blobs, ACCOUNT, b"collected first")
    assert collect_garbage(md.conn, md.blobs, ACCOUNT, NOW) == 1
    assert missing_chunks(md.conn, ACCOUNT, [c.digest for c in chunks]) == [chunks[0].digest]


def _commit_or_none(barrier: threading.Barrier, conn, path: str, chunks):
    barrier.wait()
    try:
        return commit_file(conn, ACCOUNT, path, None, chunks, "laptop")
    except MissingChunksError:
        return None


def _collect(barrier: threading.Barrier, conn, md: Metadata) -> int:
    barrier.wait()
    return collect_garbage(conn, md.blobs, ACCOUNT, NOW)


def test_gc_racing_a_commit_never_leaves_a_version_without_its_bytes(md: Metadata) -> None:
    for r in range(10):
        data = f"round {r} ".encode() * 50
        chunks, _ = upload(md.conn, md.blobs, ACCOUNT, data)  # refs 0 until committed
        barrier = threading.Barrier(2, timeout=10)
        with md.session() as a, md.session() as b, ThreadPoolExecutor(2) as pool:
            committed = pool.submit(_commit_or_none, barrier, a, f"r{r}", chunks)
            collected = pool.submit(_collect, barrier, b, md)
            done, freed = committed.result(timeout=15), collected.result(timeout=15)
        if done is not None:  # the commit won: its chunks are referenced and kept
            assert freed == 0 and download(md.conn, md.blobs, ACCOUNT, f"r{r}") == data
        else:  # GC won: the commit was refused, nothing half-written
            assert freed == 1 and md.count(f"files WHERE path = 'r{r}'") == 0
    assert audit_refs(md.conn) == []


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda c: changes_since(c, ACCOUNT, -1), "need cursor >= 0"),
        (lambda c: changes_since(c, ACCOUNT, 0, limit=0), "1 <= limit <= 1000"),
        (lambda c: wait_for_changes(c, ACCOUNT, 0, timeout=0), "timeout must be in"),
        (lambda c: prune_versions(c, ACCOUNT, "x", keep=-1), "keep must be an int >= 0"),
    ],
)
def test_bad_arguments_are_refused(md: Metadata, call, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call(md.conn)


def test_refusals_name_what_is_missing(md: Metadata) -> None:
    put(md, "live.txt", b"x")
    with pytest.raises(ValueError, match="keep=0 would drop the head of a live file"):
        prune_versions(md.conn, ACCOUNT, "live.txt", keep=0)
    with pytest.raises(LookupError, match="no file 'nope'"):
        prune_versions(md.conn, ACCOUNT, "nope", keep=1)
    with pytest.raises(LookupError, match="no account 5"):
        collect_garbage(md.conn, md.blobs, 5, NOW)
    with (
        psycopg.connect(md.dsn, autocommit=False) as not_autocommit,
        pytest.raises(ValueError, match="autocommit mode"),
    ):
        wait_for_changes(not_autocommit, ACCOUNT, 0, timeout=1)
