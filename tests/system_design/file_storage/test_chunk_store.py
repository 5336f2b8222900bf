"""The in-memory chunk store: counts against a model, scopes, the side channel, refusals."""

from __future__ import annotations

import hashlib
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.system_design.file_storage.chunk_store import ChunkStore, MissingChunksError, Scope
from examples.system_design.file_storage.chunk_store_demo import VIDEO, letter, probe, upload
from examples.system_design.file_storage.chunking import cdc_chunks

BODIES = [bytes([i]) * (i + 1) for i in range(6)]  # six distinct small chunk bodies
DIGESTS = [hashlib.sha256(b).digest() for b in BODIES]

operations = st.lists(
    st.tuples(
        st.sampled_from(["alice", "bob"]),
        st.sampled_from(["f1", "f2", "f3"]),
        st.one_of(st.none(), st.lists(st.integers(0, 5), max_size=6)),  # None: remove
    ),
    max_size=40,
)


@settings(max_examples=200, deadline=None)
@given(scope=st.sampled_from(list(Scope)), ops=operations)
def test_stored_chunks_and_counts_match_the_live_files(scope: Scope, ops: list) -> None:
    store = ChunkStore(scope)
    live: dict[tuple[str, str], list[int]] = {}  # the model: which files hold which chunks
    for user, name, chunk_ids in ops:
        if chunk_ids is None:
            if (user, name) in live:
                store.remove_file(user, name)
                del live[user, name]
            continue
        if (user, name) in live:
            continue
        for i in chunk_ids:
            store.put(user, BODIES[i])
        store.add_file(user, name, [DIGESTS[i] for i in chunk_ids])
        live[user, name] = chunk_ids
    expected: Counter = Counter()
    for (user, _), chunk_ids in live.items():
        pool = user if scope is Scope.USER else ""
        expected.update((pool, DIGESTS[i]) for i in chunk_ids)
    store.sweep()  # uploads of files that were never committed
    assert store.refs() == expected
    assert store.stored_bytes == sum(len(BODIES[DIGESTS.index(d)]) for _, d in expected)
    for (user, name), chunk_ids in live.items():
        assert store.read_file(user, name) == b"".join(BODIES[i] for i in chunk_ids)


def test_a_file_with_missing_chunks_changes_nothing() -> None:
    store = ChunkStore(Scope.USER)
    store.put("alice", BODIES[0])
    with pytest.raises(MissingChunksError, match="alice must upload 1 chunks first"):
        store.add_file("alice", "f", [DIGESTS[0], DIGESTS[1]])
    assert store.refs() == Counter({("alice", DIGESTS[0]): 0})
    with pytest.raises(LookupError):
        store.read_file("alice", "f")


def test_the_user_scope_never_shares_chunks_between_users() -> None:
    store = ChunkStore(Scope.USER)
    store.put("alice", BODIES[2])
    store.add_file("alice", "f", [DIGESTS[2]])
    assert store.missing("bob", [DIGESTS[2]]) == [DIGESTS[2]]
    with pytest.raises(MissingChunksError):
        store.add_file("bob", "f", [DIGESTS[2]])


def test_global_client_side_dedup_confirms_a_guess_and_the_others_do_not() -> None:
    for scope in Scope:
        store = ChunkStore(scope)
        upload(store, "alice", "offer.txt", letter(61_000))
        found = probe(store, range(50_000, 70_001, 1_000))
        assert found == ([61_000] if scope is Scope.GLOBAL else [])


def test_global_scopes_store_a_shared_file_once_and_only_client_side_skips_the_upload() -> None:
    sent = {}
    for scope in Scope:
        store = ChunkStore(scope)
        upload(store, "alice", "v", VIDEO)
        sent[scope] = upload(store, "bob", "v", VIDEO)
        stored = store.stored_bytes
        assert stored == (2 if scope is Scope.USER else 1) * len(VIDEO)
    assert sent == {Scope.USER: len(VIDEO), Scope.GLOBAL: 0, Scope.GLOBAL_SERVER_SIDE: len(VIDEO)}


def test_only_global_client_side_dedup_lets_a_hash_list_claim_a_file() -> None:
    for scope in Scope:
        store = ChunkStore(scope)
        upload(store, "alice", "v", VIDEO)
        digests = [c.digest for c in cdc_chunks(VIDEO)]
        if scope is Scope.GLOBAL:
            store.add_file("mallory", "v", digests)
            assert store.read_file("mallory", "v") == VIDEO
        else:
            with pytest.raises(MissingChunksError, match="mallory must upload"):
                store.add_file("mallory", "v", digests)
        upload(store, "bob", "v", VIDEO)  # sending the bytes is always enough
        assert store.read_file("bob", "v") == VIDEO


def test_removing_the_last_reference_frees_the_bytes() -> None:
    store = ChunkStore(Scope.GLOBAL)
    upload(store, "alice", "v", VIDEO)
    upload(store, "bob", "v", VIDEO)
    assert store.remove_file("alice", "v") == 0  # bob still references every chunk
    assert store.remove_file("bob", "v") == len(VIDEO)
    assert store.stored_bytes == 0


def test_refusals_are_clear() -> None:
    store = ChunkStore(Scope.USER)
    with pytest.raises(ValueError, match="user must be a non-empty string"):
        store.missing("", [])
    with pytest.raises(LookupError, match="alice has no file named 'nope'"):
        store.remove_file("alice", "nope")
    store.add_file("alice", "empty", [])
    with pytest.raises(ValueError, match="already has a file named 'empty'"):
        store.add_file("alice", "empty", [])
