"""The object-storage stand-in: verified, write-once blobs under fresh keys."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from examples.system_design.file_storage.blob_store import BlobStore, IntegrityError

DATA = b"chunk body"
DIGEST = hashlib.sha256(DATA).digest()


def test_put_get_delete_round_trip(tmp_path: Path) -> None:
    blobs = BlobStore(tmp_path)
    key = blobs.new_key(DIGEST)
    blobs.put(key, DATA, DIGEST)
    assert blobs.get(key) == DATA
    assert blobs.keys() == {key}
    blobs.delete(key)
    blobs.delete(key)  # deleting twice is fine: a retried GC
    assert blobs.keys() == set()


def test_each_upload_of_the_same_chunk_gets_its_own_key(tmp_path: Path) -> None:
    blobs = BlobStore(tmp_path)
    keys = {blobs.new_key(DIGEST) for _ in range(20)}
    assert len(keys) == 20 and all(k.startswith(DIGEST.hex()) for k in keys)


def test_bytes_that_do_not_match_the_hash_are_refused_and_leave_nothing(tmp_path: Path) -> None:
    blobs = BlobStore(tmp_path)
    key = blobs.new_key(DIGEST)
    with pytest.raises(IntegrityError, match="do not match their hash"):
        blobs.put(key, b"something else", DIGEST)
    other = hashlib.sha256(b"x").digest()
    with pytest.raises(IntegrityError):  # right bytes, but a key for another hash
        blobs.put(blobs.new_key(other), DATA, DIGEST)
    assert list(tmp_path.iterdir()) == []


def test_a_key_is_written_once(tmp_path: Path) -> None:
    blobs = BlobStore(tmp_path)
    key = blobs.new_key(DIGEST)
    blobs.put(key, DATA, DIGEST)
    with pytest.raises(FileExistsError):
        blobs.put(key, DATA, DIGEST)
    assert blobs.keys() == {key}


@pytest.mark.parametrize("key", ["../etc/passwd", "", "ab", DIGEST.hex(), DIGEST.hex() + ".zz"])
def test_only_well_formed_keys_name_files(tmp_path: Path, key: str) -> None:
    with pytest.raises(ValueError, match="not a blob key"):
        BlobStore(tmp_path).get(key)


def test_bad_construction_and_digests(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="is not a directory"):
        BlobStore(tmp_path / "missing")
    with pytest.raises(ValueError, match="32 bytes, got 3"):
        BlobStore(tmp_path).new_key(b"abc")
