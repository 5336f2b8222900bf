"""The API server's half of an upload: grant a signed URL, then confirm the object.

The API server never carries the photo. It hands out a URL for one new key,
records what the client declared (size and SHA-256), and creates the post
only once the blob server reports an object of exactly that size and hash.
Confirming twice, even at the same moment, returns the same post: a unique
key on the upload decides, not a check made before a slow call.
"""

from __future__ import annotations

import http.client
import secrets
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass

from examples.system_design.instagram.signed_urls import UploadPolicy, presign_put

GRANT_TTL_SECONDS = 10 * 60
MAX_PHOTO_BYTES = 30 * 1000 * 1000  # refuse to sign for more than any phone photo
# The types the thumbnail worker can decode. HEIC would need a decoder plugin
# this Pillow lacks; a phone converts to JPEG, or the worker gets that plugin.
ALLOWED_TYPES = {"image/jpeg", "image/png"}
HTTP_TIMEOUT_SECONDS = 5

# --8<-- [start:schema]
SCHEMA = """
CREATE TABLE uploads (
    key TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL
);
CREATE TABLE posts (
    post_id INTEGER PRIMARY KEY AUTOINCREMENT,
    original_key TEXT NOT NULL UNIQUE REFERENCES uploads (key),
    user_id INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'processing'
);
"""
# --8<-- [end:schema]


class UploadRefused(ValueError):
    """The upload cannot become a post; the message says why."""


@dataclass(frozen=True)
class Stat:
    size: int
    sha256: str


@dataclass(frozen=True)
class Grant:
    policy: UploadPolicy
    url: str


def http_stat(host: str, port: int) -> Callable[[str], Stat | None]:
    """Ask the blob store's internal app for an object's size and hash, or None."""

    def stat(key: str) -> Stat | None:
        conn = http.client.HTTPConnection(host, port, timeout=HTTP_TIMEOUT_SECONDS)
        try:
            conn.request("HEAD", f"/blobs/{key}")
            response = conn.getresponse()
            response.read()
            if response.status == 404:
                return None
            if response.status != 200:
                raise RuntimeError(f"blob server answered {response.status}")
            return Stat(int(response.headers["x-size"]), response.headers["x-sha256"])
        finally:
            conn.close()

    return stat


# --8<-- [start:service]
class UploadService:
    def __init__(self, secret: bytes, blob_url: str, clock: Callable[[], float]):
        self._secret, self._blob_url, self._clock = secret, blob_url, clock
        # SQLite in memory stands in for the posts database. The request
        # threads share one connection, so a lock guards it, one statement at
        # a time; it is not what makes one post per upload. The UNIQUE
        # constraint is, here as on PostgreSQL with a connection per request.
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._db.executescript(SCHEMA)
        self._lock = threading.Lock()

    def grant(self, user_id: int, content_type: str, size: int, sha256: str) -> Grant:
        """Sign one PUT of a fresh key, bounded by the size the client declared."""
        if content_type not in ALLOWED_TYPES:
            raise UploadRefused(f"not a photo type: {content_type!r}")
        if not 0 < size <= MAX_PHOTO_BYTES:
            raise UploadRefused(f"size must be 1 to {MAX_PHOTO_BYTES:,} bytes")
        key = f"originals/{user_id}/{secrets.token_hex(16)}"  # unguessable, new
        expires = int(self._clock()) + GRANT_TTL_SECONDS
        policy = UploadPolicy(key, content_type, size, expires)
        self._execute(
            "INSERT INTO uploads (key, user_id, size, sha256) VALUES (?, ?, ?, ?)",
            (key, user_id, size, sha256),
        )
        return Grant(policy, presign_put(self._secret, self._blob_url, policy))

    def confirm(
        self, user_id: int, key: str, stat: Callable[[str], Stat | None]
    ) -> int:
        """Create the post once the object is there and is what was declared."""
        declared = self._execute(
            "SELECT size, sha256 FROM uploads WHERE key = ? AND user_id = ?",
            (key, user_id),
        )
        if declared is None:
            raise UploadRefused("no upload of this key was granted to this user")
        found = stat(key)  # a HEAD over the network: slow, and never under a lock
        if found is None:
            raise UploadRefused("no object yet: upload it first")
        if (found.size, found.sha256) != declared:
            raise UploadRefused("object differs from the declared size or hash")
        # Two confirms of one key may both get here. The unique original_key
        # lets one insert win; the other reads the winner's id. Ids come from
        # the table's sequence, never from counting rows.
        inserted = self._execute(
            "INSERT INTO posts (original_key, user_id) VALUES (?, ?)"
            " ON CONFLICT (original_key) DO NOTHING RETURNING post_id",
            (key, user_id),
        )
        if inserted is not None:
            return inserted[0]
        return self._execute(
            "SELECT post_id FROM posts WHERE original_key = ?", (key,)
        )[0]

    def _execute(self, sql: str, params: tuple) -> tuple | None:
        """Run one statement in its own transaction; its first row, if any."""
        with self._lock, self._db:  # commits, or rolls back on an error
            return self._db.execute(sql, params).fetchone()

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> UploadService:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# --8<-- [end:service]
