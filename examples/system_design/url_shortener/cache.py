"""Cache-aside on Redis: the redirect reads the cache, falls back to the table, fills the cache.

An entry never outlives its link: its TTL is the cache's TTL or the time
left until the link expires, whichever is shorter. Deleting a link deletes
its entry; a reader that raced the delete can put the old entry back, and
then the TTL bounds how long it is served.

The cache is an optimization, so a slow or failed Redis read or fill is
logged and counted, and the redirect goes on to PostgreSQL. Invalidation is
the exception: a failed delete raises, so the caller knows the entry may
still be served.
"""

# requires-server: redis

from __future__ import annotations

import json
import logging
import math
from datetime import datetime

import redis

from examples.system_design.url_shortener.store import Link

DEFAULT_TTL_SECONDS = 3_600
logger = logging.getLogger(__name__)


# --8<-- [start:cache]
class LinkCache:
    """Links by code in Redis, under `prefix`, as small JSON strings."""

    def __init__(
        self, client: redis.Redis, prefix: str, ttl_seconds: int = DEFAULT_TTL_SECONDS
    ) -> None:
        if ttl_seconds < 1:
            raise ValueError(f"ttl_seconds must be at least 1, got {ttl_seconds}")
        self._redis = client
        self._prefix = prefix
        self._ttl = ttl_seconds
        self.errors = 0  # reads and fills that failed and fell back to the table

    def _key(self, code: str) -> str:
        return f"{self._prefix}:link:{code}"

    def get(self, code: str) -> Link | None:
        try:
            raw = self._redis.get(self._key(code))
        except redis.RedisError:
            self._failed("read", code)
            return None
        if raw is None:
            return None
        fields = json.loads(raw)
        expires = fields["expires_at"]
        return Link(
            code,
            fields["url"],
            fields["permanent"],
            None if expires is None else datetime.fromisoformat(expires),
        )

    def put(self, link: Link, now: datetime) -> None:
        ttl = self._ttl
        if link.expires_at is not None:
            ttl = min(ttl, math.floor((link.expires_at - now).total_seconds()))
        if ttl < 1:
            return  # expires within the second: not worth caching
        expires = None if link.expires_at is None else link.expires_at.isoformat()
        value = {"url": link.url, "permanent": link.permanent, "expires_at": expires}
        try:
            self._redis.set(self._key(link.code), json.dumps(value), ex=ttl)
        except redis.RedisError:
            self._failed("fill", link.code)

    def forget(self, code: str) -> None:
        self._redis.delete(self._key(code))  # raises: a stale entry must be known

    def _failed(self, what: str, code: str) -> None:
        self.errors += 1
        logger.warning("cache %s failed for %s; using PostgreSQL", what, code)


# --8<-- [end:cache]
