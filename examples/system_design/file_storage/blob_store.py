"""A stand-in for object storage (S3, GCS): immutable blobs in a local folder.

The real thing is reached over HTTPS with presigned URLs; this keeps the two
properties the design relies on. A blob is written once under a new random key,
and its bytes are checked against the SHA-256 the client claimed before the
key exists. A client that lies about a hash stores nothing.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
from pathlib import Path

_KEY = re.compile(r"[0-9a-f]{64}\.[0-9a-f]{16}")


class IntegrityError(ValueError):
    """The uploaded bytes do not hash to the claimed SHA-256."""


class BlobStore:
    def __init__(self, root: Path) -> None:
        if not root.is_dir():
            raise ValueError(f"{root} is not a directory")
        self._root = root

    def _path(self, key: str) -> Path:
        if not _KEY.fullmatch(key):  # keys name files: refuse anything else
            raise ValueError(f"not a blob key: {key!r}")
        return self._root / key

    def new_key(self, digest: bytes) -> str:
        """A fresh key for one upload of a chunk: its hash, then random bits.

        A second upload of the same chunk gets a different key, so a garbage
        collector deleting an old copy can never delete a new one.
        """
        if len(digest) != 32:
            raise ValueError(f"a SHA-256 digest has 32 bytes, got {len(digest)}")
        return f"{digest.hex()}.{secrets.token_hex(8)}"

    def put(self, key: str, data: bytes, digest: bytes) -> None:
        """Store `data` under `key` if it hashes to `digest`; never overwrite."""
        path = self._path(key)
        if hashlib.sha256(data).digest() != digest or not key.startswith(digest.hex()):
            raise IntegrityError(f"bytes for {key[:12]}... do not match their hash")
        partial = path.with_name(f"{key}.partial")
        partial.write_bytes(data)
        try:
            os.link(partial, path)  # fails if the key exists: write-once
        finally:
            partial.unlink()

    def get(self, key: str) -> bytes:
        return self._path(key).read_bytes()

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def keys(self) -> set[str]:
        return {p.name for p in self._root.iterdir() if _KEY.fullmatch(p.name)}
