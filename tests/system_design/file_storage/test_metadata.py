"""Commits on the real PostgreSQL: all or nothing, compare-and-set, racing devices."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from examples.system_design.file_storage.chunk_store import MissingChunksError
from examples.system_design.file_storage.chunking import fixed_chunks
from examples.system_design.file_storage.garbage import audit_refs
from examples.system_design.file_storage.metadata import (
    StaleVersionError,
    commit_file,
    conflicted_name,
    delete_file,
    missing_chunks,
    register_chunk,
)
from examples.system_design.file_storage.race_demo import race
from examples.system_design.file_storage.sync_demo import download, upload
from tests.system_design.file_storage.conftest import ACCOUNT, Metadata

DATA = bytes(range(256)) * 200  # 51,200 bytes, several CDC chunks


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
        ("a\x00b", "laptop", None, "path must be relative and non-empty"),
        ("a.txt", "", None, "device must be a non-empty string"),
        ("a.txt", "laptop", 0, "base_version must be None or >= 1"),
        ("a.txt", "laptop", True, "base_version must be None or >= 1"),
    ],
)
def test_bad_requests_are_refused_before_any_write(
    md: Metadata, path: str, device: str, base: object, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        commit_file(md.conn, ACCOUNT, path, base, [], device)  # type: ignore[arg-type]
    assert md.count("journal") == 0


def test_an_unknown_account_is_a_lookup_error(md: Metadata) -> None:
    with pytest.raises(LookupError, match="no account 99"):
        commit_file(md.conn, 99, "a.txt", None, [], "laptop")

