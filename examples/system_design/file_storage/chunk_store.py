"""A content-addressed chunk store with reference counts and a dedup scope.

Chunks are stored under their SHA-256, so identical chunks are stored once
within a dedup scope. The scope decides who shares with whom:

- USER: each user's chunks are their own; a user only skips uploading chunks
  they stored before. Nobody learns anything about anybody else.
- GLOBAL: one pool for everyone, and the client skips uploading any chunk
  anyone stored. Saves the most, and tells every client what others hold.
- GLOBAL_SERVER_SIDE: one pool, but the client always uploads; the server
  keeps one copy. Saves storage, not bandwidth, and tells clients nothing:
  a file may name only chunks its owner sent.

In memory and single-threaded, to show the mechanism; the PostgreSQL
metadata store keeps the same counts in a table (metadata.py).
"""

from __future__ import annotations

import enum
import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field


class Scope(enum.Enum):
    USER = "user"
    GLOBAL = "global"
    GLOBAL_SERVER_SIDE = "global, server-side"


class MissingChunksError(LookupError):
    """A file named chunks its owner never uploaded (or may not see)."""


@dataclass
class _Blob:
    data: bytes
    refs: int = 0
    senders: set[str] = field(default_factory=set)  # who uploaded these bytes


# --8<-- [start:store]
@dataclass
class ChunkStore:
    scope: Scope
    _blobs: dict[tuple[str, bytes], _Blob] = field(default_factory=dict)
    _files: dict[tuple[str, str], list[bytes]] = field(default_factory=dict)

    def _pool(self, user: str) -> str:
        """Whose chunks a user's chunks dedupe against."""
        if not user:
            raise ValueError("user must be a non-empty string")
        return user if self.scope is Scope.USER else ""

    def missing(self, user: str, digests: Iterable[bytes]) -> list[bytes]:
        """The hashes this user's client must upload, in the order asked."""
        pool, wanted = self._pool(user), list(dict.fromkeys(digests))
        if self.scope is Scope.GLOBAL_SERVER_SIDE:
            return wanted  # always upload: the answer says nothing about others
        return [d for d in wanted if (pool, d) not in self._blobs]

    def put(self, user: str, data: bytes) -> bytes:
        """Store one chunk body under its hash; the server computes the hash."""
        digest = hashlib.sha256(data).digest()
        blob = self._blobs.setdefault((self._pool(user), digest), _Blob(data))
        blob.senders.add(user)
        return digest

    def add_file(self, user: str, name: str, digests: list[bytes]) -> None:
        """Commit a file as a list of chunk hashes: one reference per entry."""
        pool = self._pool(user)
        if (user, name) in self._files:
            raise ValueError(f"{user} already has a file named {name!r}")
        absent = {d for d in digests if not self._may_use(user, pool, d)}
        if absent:  # checked before any count changes: nothing half-done
            raise MissingChunksError(f"{user} must upload {len(absent)} chunks first")
        for d in digests:
            self._blobs[pool, d].refs += 1
        self._files[user, name] = list(digests)

    def _may_use(self, user: str, pool: str, digest: bytes) -> bool:
        blob = self._blobs.get((pool, digest))
        if blob is None:
            return False
        # Server-side dedup keeps one copy but still makes everyone send it.
        return self.scope is not Scope.GLOBAL_SERVER_SIDE or user in blob.senders

    def remove_file(self, user: str, name: str) -> int:
        """Drop a file's references; delete chunks nobody references. Bytes freed."""
        pool, freed = self._pool(user), 0
        if (user, name) not in self._files:
            raise LookupError(f"{user} has no file named {name!r}")
        for d in self._files.pop((user, name)):
            blob = self._blobs[pool, d]
            blob.refs -= 1
            # Free at zero: fine with one thread and no upload in flight.
            # The PostgreSQL store waits out a grace period (garbage.py).
            if blob.refs == 0:
                freed += len(self._blobs.pop((pool, d)).data)
        return freed

    # --8<-- [end:store]

    def read_file(self, user: str, name: str) -> bytes:
        pool = self._pool(user)
        return b"".join(self._blobs[pool, d].data for d in self._files[user, name])

    def sweep(self) -> int:
        """Delete chunks uploaded but never committed (no references). Bytes freed."""
        orphans = [key for key, blob in self._blobs.items() if blob.refs == 0]
        return sum(len(self._blobs.pop(key).data) for key in orphans)

    @property
    def stored_bytes(self) -> int:
        return sum(len(blob.data) for blob in self._blobs.values())

    def refs(self) -> Counter[tuple[str, bytes]]:
        """(pool, hash) -> reference count, for tests and audits."""
        return Counter({key: blob.refs for key, blob in self._blobs.items()})
