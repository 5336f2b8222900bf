"""The API server's half of an upload: grant a signed URL, then confirm the object.

The API server never carries the photo. It hands out a URL for one new key,
remembers what the client declared (size and SHA-256), and creates the post
only once the blob server reports an object of exactly that size and hash.
Confirming twice returns the same post, so a client may retry freely.
"""

from __future__ import annotations

import http.client
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from examples.system_design.instagram.signed_urls import UploadPolicy, presign_put

GRANT_TTL_SECONDS = 10 * 60
MAX_PHOTO_BYTES = 30 * 1000 * 1000  # refuse to sign for more than any phone photo
ALLOWED_TYPES = {"image/jpeg", "image/png", "image/heic"}
HTTP_TIMEOUT_SECONDS = 5


class UploadRefused(ValueError):
    """The upload cannot become a post; the message says why."""


@dataclass(frozen=True)
class Stat:
    size: int
    sha256: str


@dataclass(frozen=True)
class Grant:
    user_id: int
    policy: UploadPolicy
    sha256: str
    url: str


def http_stat(host: str, port: int) -> Callable[[str], Stat | None]:
    """Ask the blob server for an object's size and hash (HEAD), or None."""

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
        self._grants: dict[str, Grant] = {}
        self._posts: dict[str, int] = {}  # key -> post id: confirm is idempotent

    def grant(self, user_id: int, content_type: str, size: int, sha256: str) -> Grant:
        """Sign one PUT of a fresh key, bounded by the size the client declared."""
        if content_type not in ALLOWED_TYPES:
            raise UploadRefused(f"not a photo type: {content_type!r}")
        if not 0 < size <= MAX_PHOTO_BYTES:
            raise UploadRefused(f"size must be 1 to {MAX_PHOTO_BYTES:,} bytes")
        key = f"originals/{user_id}/{secrets.token_hex(16)}"  # unguessable, new
        expires = int(self._clock()) + GRANT_TTL_SECONDS
        policy = UploadPolicy(key, content_type, size, expires)
        grant = Grant(
            user_id, policy, sha256, presign_put(self._secret, self._blob_url, policy)
        )
        self._grants[key] = grant
        return grant

    def confirm(
        self, user_id: int, key: str, stat: Callable[[str], Stat | None]
    ) -> int:
        """Create the post once the object is there and is what was declared."""
        grant = self._grants.get(key)
        if grant is None or grant.user_id != user_id:
            raise UploadRefused("no upload of this key was granted to this user")
        if key in self._posts:
            return self._posts[key]
        found = stat(key)
        if found is None:
            raise UploadRefused("no object yet: upload it first")
        if found.size != grant.policy.max_bytes or found.sha256 != grant.sha256:
            raise UploadRefused("object differs from the declared size or hash")
        self._posts[key] = post_id = len(self._posts) + 1
        return post_id


# --8<-- [end:service]
