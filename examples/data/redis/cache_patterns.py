"""Four caching patterns over Redis, in front of a slow "database" that counts its calls.

cache-aside:   the application checks the cache, loads on a miss, fills the cache.
read-through:  the cache object owns the loader; callers only ever ask the cache.
write-through: every write goes to the database, then to the cache, before returning.
write-back:    writes land in the cache only; a flush copies dirty keys to the database.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Mapping

import redis


# --8<-- [start:database]
class SlowDatabase:
    """A dict standing in for the database; it counts calls so demos can show hits and misses."""

    def __init__(self, rows: Mapping[str, str] | None = None) -> None:
        self._rows = dict(rows or {})
        self._lock = threading.Lock()
        self.reads = 0
        self.writes = 0

    def read(self, key: str) -> str | None:
        """Return the row for `key`, or None. Counts as one (expensive) read."""
        with self._lock:
            self.reads += 1
            return self._rows.get(key)

    def write(self, key: str, value: str) -> None:
        """Store `value` under `key`. Counts as one (expensive) write."""
        with self._lock:
            self.writes += 1
            self._rows[key] = value


# --8<-- [end:database]


# --8<-- [start:jitter]
def jittered_ttl(base_seconds: int, spread: float, rng: random.Random) -> int:
    """Return `base_seconds` moved at random by up to +/- `spread` of itself.

    Keys filled together (a deploy, a cold start) would otherwise all expire in
    the same second and send every miss to the database at once.
    """
    if base_seconds < 1:
        raise ValueError(f"base_seconds must be >= 1, got {base_seconds}")
    if not 0 <= spread < 1:
        raise ValueError(f"spread must be in [0, 1), got {spread}")
    delta = round(base_seconds * spread)
    return max(1, base_seconds + rng.randint(-delta, delta))


# --8<-- [end:jitter]


# --8<-- [start:cache_aside]
def get_product(
    r: redis.Redis, db: SlowDatabase, prefix: str, product_id: str
) -> str | None:
    """Cache-aside: look in Redis first; on a miss read the database and fill the cache."""
    key = f"{prefix}product:{product_id}"
    cached = r.get(key)
    if cached is not None:
        return cached
    value = db.read(product_id)
    if value is not None:  # a missing row is not cached: see "negative caching"
        r.set(key, value, ex=300)
    return value


# --8<-- [end:cache_aside]


# --8<-- [start:read_through]
class ReadThroughCache:
    """Read-through: the cache is built with a loader, so no caller can forget to fill it."""

    def __init__(
        self,
        r: redis.Redis,
        prefix: str,
        loader: Callable[[str], str | None],
        ttl_seconds: int = 300,
    ) -> None:
        if ttl_seconds < 1:
            raise ValueError(f"ttl_seconds must be >= 1, got {ttl_seconds}")
        self._r, self._prefix, self._loader, self._ttl = r, prefix, loader, ttl_seconds

    def get(self, key: str) -> str | None:
        """Return the cached value, loading and caching it on a miss."""
        cached = self._r.get(self._prefix + key)
        if cached is not None:
            return cached
        value = self._loader(key)
        if value is None:
            return None
        # NX: a write that reached the cache while we were loading is newer
        # than the row we read, so it wins; a plain SET would bury it.
        if self._r.set(self._prefix + key, value, ex=self._ttl, nx=True):
            return value
        newer = self._r.get(self._prefix + key)
        return value if newer is None else newer


# --8<-- [end:read_through]


# --8<-- [start:write_through]
class WriteThroughCache(ReadThroughCache):
    """Write-through: a write updates the database, then the cache, before returning."""

    def __init__(
        self, r: redis.Redis, prefix: str, db: SlowDatabase, ttl_seconds: int = 300
    ):
        super().__init__(r, prefix, db.read, ttl_seconds)
        self._db = db

    def put(self, key: str, value: str) -> None:
        """Write to the database first: if that fails, the cache never shows the new value."""
        self._db.write(key, value)
        self._r.set(self._prefix + key, value, ex=self._ttl)


# --8<-- [end:write_through]


# --8<-- [start:write_back]
# Runs after the database has the value flush() read. If the key still holds
# that value, it is clean: leave the dirty set and get a TTL. If a put()
# changed it meanwhile, it stays dirty for the next flush.
MARK_CLEAN = """
local current = redis.call('GET', KEYS[1])
if current ~= (ARGV[3] or false) then
  return 0
end
redis.call('SREM', KEYS[2], ARGV[1])
if current then
  redis.call('EXPIRE', KEYS[1], ARGV[2])
end
return 1
"""


class WriteBackCache(ReadThroughCache):
    """Write-back: writes go to Redis and a set of dirty keys; flush() persists them.

    Run one flusher at a time: two could persist an older value after a newer one.
    """

    def __init__(
        self, r: redis.Redis, prefix: str, db: SlowDatabase, ttl_seconds: int = 300
    ):
        super().__init__(r, prefix, db.read, ttl_seconds)
        self._db = db
        self._dirty = f"{prefix}__dirty__"
        self._mark_clean = r.register_script(MARK_CLEAN)

    def put(self, key: str, value: str) -> None:
        """Store in Redis only; the database sees it at the next flush."""
        if self._prefix + key == self._dirty:
            raise ValueError(f"{key!r} is the name of the dirty set")
        # MULTI/EXEC: no client ever sees the value without its dirty mark.
        pipe = self._r.pipeline(transaction=True)
        # No TTL on a dirty value: it must not expire before it is persisted.
        pipe.set(self._prefix + key, value)
        pipe.sadd(self._dirty, key)
        pipe.execute()

    def flush(self) -> int:
        """Write every dirty key to the database once; return how many were written.

        A key leaves the dirty set only after the database has its value, so a
        failed write (or a flusher that dies) leaves it dirty for the next flush.
        """
        written = 0
        for key in set(self._r.sscan_iter(self._dirty)):
            value = self._r.get(self._prefix + key)
            if value is not None:  # None: evicted or lost before it was persisted
                self._db.write(key, value)  # if this raises, the key stays dirty
                written += 1
            persisted = [] if value is None else [value]
            self._mark_clean(
                keys=[self._prefix + key, self._dirty],
                args=[key, self._ttl, *persisted],
            )
        return written


# --8<-- [end:write_back]
