"""Cache-aside on Redis: the redirect reads the cache, falls back to the table, fills the cache.

An entry never outlives its link: its TTL is the cache's TTL or the time
left until the link expires, whichever is shorter. A hit does not renew the
TTL, so a stale entry (a reader that raced a delete can put one back) is
served for at most `ttl_seconds`. Deleting a link deletes its entry.

The cache is an optimization, so a slow or failed Redis call is logged and
counted, and the redirect goes on to PostgreSQL. After a failure the cache
stays out of the way for `cooldown_seconds` (a simple circuit breaker): a
stuck Redis costs one timeout, not one per read and fill of every request.
An entry that does not parse is treated as a miss, and the fill replaces it.
Invalidation is the exception: a failed delete raises, so the caller knows
the entry may still be served.
"""

# requires-server: redis

from __future__ import annotations

import json
import logging
import math
import threading
import time
from collections.abc import Callable
from datetime import datetime

import redis

from examples.system_design.url_shortener.store import Link

DEFAULT_TTL_SECONDS = 3_600
COOLDOWN_SECONDS = 5.0  # after a failure, skip Redis this long
logger = logging.getLogger(__name__)


def entry_value(link: Link) -> str:
    """The JSON string the cache stores for `link` (its code is in the key)."""
    expires = None if link.expires_at is None else link.expires_at.isoformat()
    value = {"url": link.url, "permanent": link.permanent, "expires_at": expires}
    return json.dumps(value)


def _parse(code: str, raw: bytes) -> Link:
    fields = json.loads(raw)
    expires = fields["expires_at"]
    return Link(
        code,
        str(fields["url"]),
        bool(fields["permanent"]),
        None if expires is None else datetime.fromisoformat(expires),
    )


# --8<-- [start:cache]
class LinkCache:
    """Links by code in Redis, under `prefix`, as small JSON strings."""

    def __init__(
        self,
        client: redis.Redis,
        prefix: str,
        ttl_seconds: int = DEFAULT_TTL_SECONDS,
        *,
        cooldown_seconds: float = COOLDOWN_SECONDS,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        if ttl_seconds < 1:
            raise ValueError(f"ttl_seconds must be at least 1, got {ttl_seconds}")
        if cooldown_seconds < 0:
            raise ValueError(f"cooldown_seconds must be >= 0, got {cooldown_seconds}")
        self._redis = client
        self._prefix = prefix
        self._ttl = ttl_seconds
        self._cooldown = cooldown_seconds
        self._monotonic = monotonic
        self._lock = threading.Lock()  # request threads share the counters
        self._open_until = -math.inf
        self.errors = 0  # Redis calls that failed; the redirect used the table
        self.skipped = 0  # calls not made because a failure was recent
        self.corrupt = 0  # entries that did not parse, read as misses

    def key(self, code: str) -> str:
        return f"{self._prefix}:link:{code}"

    def get(self, code: str) -> Link | None:
        if not self._available():
            return None
        try:
            raw = self._redis.get(self.key(code))
        except redis.RedisError:
            self._failed("read", code)
            return None
        if raw is None:
            return None
        try:
            return _parse(code, raw)
        except (ValueError, KeyError, TypeError):
            with self._lock:
                self.corrupt += 1
            logger.warning("cache entry for %s does not parse; reading the table", code)
            return None

    def put(self, link: Link, now: datetime) -> None:
        ttl = self._ttl
        if link.expires_at is not None:
            ttl = min(ttl, math.floor((link.expires_at - now).total_seconds()))
        if ttl < 1 or not self._available():
            return  # expires within the second, or Redis failed a moment ago
        try:
            self._redis.set(self.key(link.code), entry_value(link), ex=ttl)
        except redis.RedisError:
            self._failed("fill", link.code)

    def forget(self, code: str) -> None:
        self._redis.delete(self.key(code))  # raises: a stale entry must be known

    def _available(self) -> bool:
        """False while a recent failure keeps the breaker open."""
        with self._lock:
            if self._monotonic() < self._open_until:
                self.skipped += 1
                return False
            return True

    def _failed(self, what: str, code: str) -> None:
        with self._lock:
            self.errors += 1
            self._open_until = self._monotonic() + self._cooldown
        logger.warning("cache %s failed for %s; using PostgreSQL", what, code)


# --8<-- [end:cache]
