"""Invalidation on write: the delete-then-stale-fill race, and versioned cache writes that close it.

The race needs a reader and a writer interleaved in one exact order. Threads
would hit that order only sometimes, so the demo runs the steps in that order
by hand: each step is what one process does next.
"""

# requires-server: redis

from __future__ import annotations

import redis

from examples.data.redis.cache_patterns import SlowDatabase
from examples.data.redis.connection import redis_session

# --8<-- [start:versioned]
# Set the cached value only if its version is newer than the cached one.
# One script runs atomically on the server: no other command runs between
# the compare and the write.
SET_IF_NEWER = """
local cached = redis.call('HGET', KEYS[1], 'version')
if cached and tonumber(cached) >= tonumber(ARGV[1]) then
  return 0
end
redis.call('HSET', KEYS[1], 'version', ARGV[1], 'value', ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
return 1
"""


class VersionedCache:
    """A cache whose entries carry the database row's version; older fills lose."""

    def __init__(self, r: redis.Redis, prefix: str, ttl_seconds: int = 300) -> None:
        if ttl_seconds < 1:
            raise ValueError(f"ttl_seconds must be >= 1, got {ttl_seconds}")
        self._r, self._prefix, self._ttl = r, prefix, ttl_seconds
        self._set_if_newer = r.register_script(SET_IF_NEWER)

    def get(self, key: str) -> str | None:
        """Return the cached value, or None on a miss."""
        return self._r.hget(self._prefix + key, "value")

    def offer(self, key: str, value: str, version: int) -> bool:
        """Cache `value` at `version`; return False if a newer version is cached."""
        if version < 1:
            raise ValueError(f"version must be >= 1, got {version}")
        stored = self._set_if_newer(
            keys=[self._prefix + key], args=[version, value, self._ttl]
        )
        return stored == 1


# --8<-- [end:versioned]


def main() -> None:
    """Play the race twice: with delete-on-write, then with versioned writes."""
    with redis_session("invalidation") as (r, p):
        # --8<-- [start:race]
        db = SlowDatabase({"price:p1": "10"})
        key = f"{p}price:p1"
        # 1. Reader misses the cache and reads the database: it sees "10".
        seen_by_reader = db.read("price:p1")
        # 2. Writer commits "12", then deletes the cache entry (nothing there yet).
        db.write("price:p1", "12")
        r.delete(key)
        # 3. The reader, slowed by a GC pause, now fills the cache with what it read.
        r.set(key, seen_by_reader, ex=300)
        print("database:", db.read("price:p1"), "cache:", r.get(key))
        #> database: 12 cache: 10
        # --8<-- [end:race]

        # --8<-- [start:race_fixed]
        db = SlowDatabase({"price:p1": "10"})
        versioned = VersionedCache(r, f"{p}v:", ttl_seconds=300)
        # 1. Reader misses and reads the row together with its version.
        seen_by_reader, seen_version = db.read("price:p1"), 1
        # 2. Writer commits "12" as version 2 and writes it to the cache.
        db.write("price:p1", "12")
        print("writer cached:", versioned.offer("price:p1", "12", version=2))
        #> writer cached: True
        # 3. The late reader offers version 1: the script refuses it.
        print(
            "late reader cached:",
            versioned.offer("price:p1", seen_by_reader, seen_version),
        )
        #> late reader cached: False
        print("database:", db.read("price:p1"), "cache:", versioned.get("price:p1"))
        #> database: 12 cache: 12
        # --8<-- [end:race_fixed]


if __name__ == "__main__":
    main()
