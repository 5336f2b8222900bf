"""Stampede protection: many concurrent misses on one key cause exactly one load.

The first caller to miss takes a short per-key lock (SET NX PX) and loads; the
others wait for the value to appear instead of all hitting the database.
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import redis

_log = logging.getLogger(__name__)

# Delete the lock only if it still holds our token (see the locks page).
RELEASE_IF_OWNER = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
"""


@dataclass
class StampedeStats:
    """What the cache did; export these as metrics in production."""

    hits: int = 0
    loads: int = 0
    waits: int = 0  # calls that found another caller loading and waited


# --8<-- [start:single_flight]
class SingleFlightCache:
    """A read-through cache where only one caller at a time loads a missing key.

    The lock only saves load: if it expires early, is evicted or is lost in a
    failover, the worst case is a second load, as if there were no lock.
    """

    def __init__(
        self,
        r: redis.Redis,
        prefix: str,
        loader: Callable[[str], str],
        ttl_ms: int = 300_000,
        lock_ttl_ms: int = 10_000,
        wait_seconds: float = 5.0,
    ) -> None:
        if min(ttl_ms, lock_ttl_ms) < 1 or wait_seconds <= 0:
            raise ValueError("ttl_ms, lock_ttl_ms and wait_seconds must be positive")
        self._r, self._prefix, self._loader = r, prefix, loader
        self._ttl_ms, self._lock_ttl_ms, self._wait = ttl_ms, lock_ttl_ms, wait_seconds
        self._release = r.register_script(RELEASE_IF_OWNER)
        self._stats_lock = threading.Lock()
        self.stats = StampedeStats()

    def _count(self, field: str) -> None:
        with self._stats_lock:
            setattr(self.stats, field, getattr(self.stats, field) + 1)

    def get(self, key: str) -> str:
        """Return the value for `key`; while the lock holds, one caller loads it."""
        value_key, lock_key = self._prefix + key, self._prefix + key + ":loading"
        deadline = time.monotonic() + self._wait
        waited = False
        while True:
            value = self._r.get(value_key)
            if value is not None:
                self._count("hits")
                return value
            token = secrets.token_hex(16)
            # NX: only if nobody holds it. PX: a crashed loader's lock still expires.
            if self._r.set(lock_key, token, nx=True, px=self._lock_ttl_ms):
                try:
                    return self._load(key, value_key)
                finally:
                    self._release_quietly(lock_key, token)
            if time.monotonic() >= deadline:
                raise TimeoutError(
                    f"gave up waiting for another caller to load {key!r}"
                )
            if not waited:
                waited = True
                self._count("waits")
            time.sleep(0.01)  # someone else is loading; poll until the value lands

    def _release_quietly(self, lock_key: str, token: str) -> None:
        # A failed release must not replace the load's value or its error:
        # the lock's TTL frees it anyway.
        try:
            self._release(keys=[lock_key], args=[token])
        except redis.RedisError as error:
            _log.warning("could not release %s (%s); its TTL frees it", lock_key, error)

    def _load(self, key: str, value_key: str) -> str:
        # Another caller may have finished between our GET and our SET NX.
        value = self._r.get(value_key)
        if value is not None:
            self._count("hits")
            return value
        self._count("loads")
        value = self._loader(key)
        self._r.set(value_key, value, px=self._ttl_ms)
        return value


# --8<-- [end:single_flight]
