"""Commits on the real PostgreSQL: all or nothing, compare-and-set, racing devices."""

from __future__ import annotations

import re
import threading
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest

from examples.system_design.file_storage.chunk_store import MissingChunksError
from examples.system_design.file_storage.chunking import fixed_chunks
from examples.system_design.file_storage.garbage import audit_refs, collect_garbage
from examples.system_design.file_storage.journal import save_cursor
from examples.system_design.file_storage.metadata import (
    Committed,
    IdempotencyKeyReused,
    StaleVersionError,
    commit_file,
    conflicted_name,
    delete_file,
    lock_account,
    missing_chunks,
    register_chunk,
)
from examples.system_design.file_storage.race_demo import race
from examples.system_design.file_storage.sync_demo import download, upload
from tests.system_design.file_storage.conftest import ACCOUNT, Metadata

DATA = bytes(range(256)) * 200  # 51,200 bytes, several content-defined chunks


def test_a_commit_round_trips_and_a_second_upload_sends_nothing(md: Metadata) -> None:
    chunks, sent = upload(md.conn, md.blobs, ACCOUNT, DATA)
    assert sent == len(DATA)
    done = commit_file(md.conn, ACCOUNT, "a/b.bin", None, chunks, "laptop")
    assert (done.path, done.version, done.seq, done.conflict) == ("a/b.bin", 1, 1, False)
    assert download(md.conn, md.blobs, ACCOUNT, "a/b.bin") == DATA
    assert upload(md.conn, md.blobs, ACCOUNT, DATA)[1] == 0
    assert missing_chunks(md.conn, ACCOUNT, [c.digest for c in chunks]) == []
    assert audit_refs(md.conn) == []


def test_a_commit_naming_an_unuploaded_chunk_leaves_no_trace(md: Metadata) -> None:
    chunks, _ = upload(md.conn, md.blobs, ACCOUNT, DATA)
    stranger = fixed_chunks(b"never uploaded", 100)
    with pytest.raises(MissingChunksError, match="1 chunks not uploaded"):
        commit_file(md.conn, ACCOUNT, "x.bin", None, chunks + stranger, "laptop")
    assert [md.count(t) for t in ("files", "versions", "version_chunks", "journal")] == [0, 0, 0, 0]
    assert md.conn.execute("SELECT journal_seq FROM accounts").fetchone() == (0,)
    assert md.conn.execute("SELECT sum(refs) FROM chunks").fetchone() == (0,)


def test_another_accounts_chunks_cannot_be_claimed_by_hash(md: Metadata) -> None:
    chunks, _ = upload(md.conn, md.blobs, ACCOUNT, DATA)
    md.conn.execute("INSERT INTO accounts (id) VALUES (2)")
    assert len(missing_chunks(md.conn, 2, [c.digest for c in chunks])) == len({c.digest for c in chunks})
    with pytest.raises(MissingChunksError):
        commit_file(md.conn, 2, "stolen.bin", None, chunks, "mallory")


def test_a_stale_base_becomes_a_conflicted_copy_and_overwrites_nothing(md: Metadata) -> None:
    v1, _ = upload(md.conn, md.blobs, ACCOUNT, DATA)
    commit_file(md.conn, ACCOUNT, "notes.txt", None, v1, "laptop")
    ours, _ = upload(md.conn, md.blobs, ACCOUNT, DATA + b"ours")
    theirs, _ = upload(md.conn, md.blobs, ACCOUNT, b"theirs" + DATA)
    assert commit_file(md.conn, ACCOUNT, "notes.txt", 1, ours, "laptop").version == 2
    late = commit_file(md.conn, ACCOUNT, "notes.txt", 1, theirs, "phone")
    assert late.conflict and late.path == "notes (conflicted copy, phone, from v1).txt"
    assert download(md.conn, md.blobs, ACCOUNT, "notes.txt") == DATA + b"ours"
    assert download(md.conn, md.blobs, ACCOUNT, late.path) == b"theirs" + DATA
    with pytest.raises(FileExistsError, match="a retried commit"):  # same conflict again
        commit_file(md.conn, ACCOUNT, "notes.txt", 1, theirs, "phone")


def test_two_sessions_racing_on_one_base_make_one_winner_every_round(md: Metadata) -> None:
    rounds = race(md.schema, md.blobs, rounds=15)
    for r, results in enumerate(rounds):
        assert sorted(c.conflict for c in results) == [False, True], r
        winner = next(c for c in results if not c.conflict)
        assert (winner.path, winner.version) == (f"doc{r}.txt", 2)
    assert md.count("files") == 30
    assert md.conn.execute("SELECT max(head_version) FROM files").fetchone() == (2,)
    assert audit_refs(md.conn) == []


def test_two_devices_creating_the_same_new_path_keep_both(md: Metadata) -> None:
    devices = ["laptop", "phone"]
    edits = [upload(md.conn, md.blobs, ACCOUNT, f"made on {d}".encode())[0] for d in devices]
    barrier = threading.Barrier(2, timeout=10)
    sessions = [md.session() for _ in devices]
    try:

        def create(i: int):
            barrier.wait()
            return commit_file(sessions[i], ACCOUNT, "todo.txt", None, edits[i], devices[i])

        with ThreadPoolExecutor(2) as pool:
            results = list(pool.map(create, range(2)))
    finally:
        for s in sessions:
            s.close()
    paths = sorted(c.path for c in results)
    loser = next(c for c in results if c.conflict)
    assert paths == sorted(["todo.txt", conflicted_name("todo.txt", devices[results.index(loser)], None)])


def test_concurrent_commits_get_gapless_unique_journal_numbers(md: Metadata) -> None:
    writers = 4
    per_writer = 5
    edits = {
        (w, i): upload(md.conn, md.blobs, ACCOUNT, f"file {w}-{i}".encode())[0]
        for w in range(writers)
        for i in range(per_writer)
    }
    barrier = threading.Barrier(writers, timeout=10)

    def write(w: int) -> list[int]:
        with md.session() as conn:
            barrier.wait()
            return [
                commit_file(conn, ACCOUNT, f"w{w}/f{i}", None, edits[w, i], f"d{w}").seq
                for i in range(per_writer)
            ]

    with ThreadPoolExecutor(writers) as pool:
        seqs = [s for batch in pool.map(write, range(writers)) for s in batch]
    assert sorted(seqs) == list(range(1, writers * per_writer + 1))
    rows = md.conn.execute("SELECT seq FROM journal ORDER BY seq").fetchall()
    assert [r[0] for r in rows] == sorted(seqs)


def test_register_chunk_lets_exactly_one_of_two_uploads_win(md: Metadata) -> None:
    (chunk,) = fixed_chunks(b"same bytes", 100)
    keys = [md.blobs.new_key(chunk.digest) for _ in range(2)]
    assert [register_chunk(md.conn, ACCOUNT, chunk, k) for k in keys] == [True, False]


def test_delete_is_a_compare_and_set_too(md: Metadata) -> None:
    chunks, _ = upload(md.conn, md.blobs, ACCOUNT, DATA)
    commit_file(md.conn, ACCOUNT, "d.txt", None, chunks, "laptop")
    with pytest.raises(StaleVersionError, match=r"'d\.txt' is not at v2; not deleted"):
        delete_file(md.conn, ACCOUNT, "d.txt", 2, "laptop")
    gone = delete_file(md.conn, ACCOUNT, "d.txt", 1, "laptop")
    assert (gone.version, gone.seq) == (2, 2)
    assert md.conn.execute("SELECT op FROM journal WHERE seq = 2").fetchone() == ("delete",)
    with pytest.raises(StaleVersionError):  # deleting a deleted file
        delete_file(md.conn, ACCOUNT, "d.txt", 2, "laptop")


@pytest.mark.parametrize(
    ("path", "device", "base", "message"),
    [
        ("", "laptop", None, "path must be relative and non-empty"),
        ("/etc/x", "laptop", None, "path must be relative and non-empty"),
        ("a\x00b", "laptop", None, "path must not contain control characters"),
        ("a\nb.txt", "laptop", None, "path must not contain control characters"),
        ("../../.bashrc", "laptop", None, "must not have empty, '.' or '..' parts"),
        ("a/../../b", "laptop", None, "must not have empty, '.' or '..' parts"),
        ("a/./b", "laptop", None, "must not have empty, '.' or '..' parts"),
        ("a//b", "laptop", None, "must not have empty, '.' or '..' parts"),
        ("a/", "laptop", None, "must not have empty, '.' or '..' parts"),
        ("..", "laptop", None, "must not have empty, '.' or '..' parts"),
        ("a\\..\\b", "laptop", None, "path must use '/' only"),
        ("x" * 256, "laptop", None, "a path part is over 255 bytes"),
        ("/".join(["d" * 200] * 6), "laptop", None, "path is over 1024 bytes"),
        ("a.txt", "", None, "device must be 1-64 characters"),
        ("a.txt", "../x", None, "device must be 1-64 characters without '/'"),
        ("a.txt", "pho\tne", None, "device must not contain control characters"),
        ("a.txt", "laptop", 0, "base_version must be None or >= 1"),
        ("a.txt", "laptop", True, "base_version must be None or >= 1"),
    ],
)
def test_bad_requests_are_refused_before_any_write(
    md: Metadata, path: str, device: str, base: object, message: str
) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        commit_file(md.conn, ACCOUNT, path, base, [], device)  # type: ignore[arg-type]
    assert md.count("journal") == 0 and md.count("files") == 0


def test_a_path_is_stored_in_one_unicode_form(md: Metadata) -> None:
    chunks, _ = upload(md.conn, md.blobs, ACCOUNT, DATA)
    decomposed = "cafe\u0301.txt"  # e + combining accent, as macOS spells it
    done = commit_file(md.conn, ACCOUNT, decomposed, None, chunks, "laptop")
    assert done.path == "caf\u00e9.txt" == unicodedata.normalize("NFC", decomposed)
    again = commit_file(md.conn, ACCOUNT, "caf\u00e9.txt", 1, chunks, "phone")
    assert (again.path, again.version, again.conflict) == ("caf\u00e9.txt", 2, False)


def test_a_retried_commit_returns_the_first_answer_and_writes_nothing(md: Metadata) -> None:
    v1, _ = upload(md.conn, md.blobs, ACCOUNT, DATA)
    commit_file(md.conn, ACCOUNT, "a.txt", None, v1, "laptop")
    edit, _ = upload(md.conn, md.blobs, ACCOUNT, DATA + b"edit")
    first = commit_file(md.conn, ACCOUNT, "a.txt", 1, edit, "laptop", idempotency_key="k-1")
    before = [md.count(t) for t in ("files", "versions", "journal")]
    refs = md.conn.execute("SELECT sum(refs) FROM chunks").fetchone()
    retry = commit_file(md.conn, ACCOUNT, "a.txt", 1, edit, "laptop", idempotency_key="k-1")
    assert retry == first == Committed("a.txt", 2, 2, False)
    assert [md.count(t) for t in ("files", "versions", "journal")] == before
    assert md.conn.execute("SELECT sum(refs) FROM chunks").fetchone() == refs
    assert md.conn.execute("SELECT journal_seq FROM accounts").fetchone() == (2,)
    assert audit_refs(md.conn) == []


def test_a_retried_conflicted_commit_replays_its_copy(md: Metadata) -> None:
    v1, _ = upload(md.conn, md.blobs, ACCOUNT, DATA)
    commit_file(md.conn, ACCOUNT, "a.txt", None, v1, "laptop")
    commit_file(md.conn, ACCOUNT, "a.txt", 1, v1[:1], "laptop")
    late = commit_file(md.conn, ACCOUNT, "a.txt", 1, v1, "phone", idempotency_key="p-7")
    again = commit_file(md.conn, ACCOUNT, "a.txt", 1, v1, "phone", idempotency_key="p-7")
    assert again == late and late.conflict and md.count("files") == 2


def test_a_key_reused_for_another_commit_is_refused(md: Metadata) -> None:
    v1, _ = upload(md.conn, md.blobs, ACCOUNT, DATA)
    commit_file(md.conn, ACCOUNT, "a.txt", None, v1, "laptop", idempotency_key="k")
    with pytest.raises(IdempotencyKeyReused, match="'k' was used for a different commit"):
        commit_file(md.conn, ACCOUNT, "b.txt", None, v1, "laptop", idempotency_key="k")
    with pytest.raises(ValueError, match="idempotency_key must be 1-200 characters"):
        commit_file(md.conn, ACCOUNT, "b.txt", None, v1, "laptop", idempotency_key="")
    assert md.count("files") == 1 and md.count("journal") == 1


def test_two_racing_retries_of_one_commit_make_one_version(md: Metadata) -> None:
    v1, _ = upload(md.conn, md.blobs, ACCOUNT, DATA)
    barrier = threading.Barrier(2, timeout=10)

    def send(_: int) -> Committed:
        with md.session() as conn:
            barrier.wait()
            return commit_file(conn, ACCOUNT, "r.txt", None, v1, "laptop", idempotency_key="same")

    with ThreadPoolExecutor(2) as pool:
        a, b = pool.map(send, range(2))
    assert a == b == Committed("r.txt", 1, 1, False)
    assert md.count("files") == 1 and md.count("journal") == 1


def test_a_session_with_autocommit_off_is_refused(md: Metadata) -> None:
    v1, _ = upload(md.conn, md.blobs, ACCOUNT, DATA)
    with md.session() as conn:
        conn.autocommit = False
        with pytest.raises(ValueError, match="needs an autocommit session"):
            commit_file(conn, ACCOUNT, "a.txt", None, v1, "laptop")
        with pytest.raises(ValueError, match="needs an autocommit session"):
            collect_garbage(conn, md.blobs, ACCOUNT, timedelta(0))
    assert md.count("journal") == 0


def test_the_account_lock_does_not_block_chunk_or_cursor_inserts(md: Metadata) -> None:
    (chunk,) = fixed_chunks(b"uploaded while GC runs", 100)
    with md.session() as gc, md.session() as api, gc.transaction():
        lock_account(gc, ACCOUNT)  # what commits and the collector hold
        api.execute("SET lock_timeout = '2s'")  # fails fast if it would wait
        assert register_chunk(api, ACCOUNT, chunk, md.blobs.new_key(chunk.digest))
        save_cursor(api, ACCOUNT, "phone", 1)


def test_an_unknown_account_is_a_lookup_error(md: Metadata) -> None:
    with pytest.raises(LookupError, match="no account 99"):
        commit_file(md.conn, 99, "a.txt", None, [], "laptop")

