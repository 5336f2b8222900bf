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
# Store a value (or, with no value, a tombstone) only if its version is newer
# than the cached one. A tombstone at version N still takes a value at N: the
# reader that saw N read the current row. One script runs atomically: no other
# command runs between the compare and the write.
SET_IF_NEWER = """
local cached = tonumber(redis.call('HGET', KEYS[1], 'version'))
local offered = tonumber(ARGV[1])
if cached and cached > offered then
  return 0
end
if cached == offered and redis.call('HEXISTS', KEYS[1], 'value') == 1 then
  return 0
end
redis.call('DEL', KEYS[1])
if ARGV[3] then
  redis.call('HSET', KEYS[1], 'version', ARGV[1], 'value', ARGV[3])
else
  redis.call('HSET', KEYS[1], 'version', ARGV[1])
end
redis.call('EXPIRE', KEYS[1], ARGV[2])
return 1
"""

# Lua compares numbers as doubles, exact for integers up to 2**53 - 1 only.
MAX_VERSION = 2**53 - 1


class VersionedCache:
    """A cache whose entries carry the database row's version; older fills lose."""

    def __init__(self, r: redis.Redis, prefix: str, ttl_seconds: int = 300) -> None:
        if ttl_seconds < 1:
            raise ValueError(f"ttl_seconds must be >= 1, got {ttl_seconds}")
        self._r, self._prefix, self._ttl = r, prefix, ttl_seconds
        self._set_if_newer = r.register_script(SET_IF_NEWER)

    def get(self, key: str) -> str | None:
        """Return the cached value, or None on a miss (or a tombstone)."""
        return self._r.hget(self._prefix + key, "value")

    def offer(self, key: str, value: str, version: int) -> bool:
        """Cache `value` at `version`; return False if a newer version is cached."""
        return self._store(key, version, value)

    def invalidate(self, key: str, version: int) -> bool:
        """Delete on write, leaving a tombstone so fills older than `version` lose."""
        return self._store(key, version)

    def _store(self, key: str, version: int, *value: str) -> bool:
        if not 1 <= version <= MAX_VERSION:
            raise ValueError(f"version must be in [1, 2**53 - 1], got {version}")
        args = [version, self._ttl, *value]
        return self._set_if_newer(keys=[self._prefix + key], args=args) == 1


# --8<-- [end:versioned]


def main() -> None:
    """Play the race three times: plain delete, versioned writes, versioned delete."""
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

        # --8<-- [start:tombstone]
        db = SlowDatabase({"price:p1": "10"})
        deleting = VersionedCache(r, f"{p}t:", ttl_seconds=300)
        seen_by_reader, seen_version = db.read("price:p1"), 1
        # The writer commits version 2 and deletes, leaving a tombstone at 2.
        db.write("price:p1", "12")
        print("writer deleted:", deleting.invalidate("price:p1", version=2))
        #> writer deleted: True
        late = deleting.offer("price:p1", seen_by_reader, seen_version)
        print("late reader cached:", late, "cache:", deleting.get("price:p1"))
        #> late reader cached: False cache: None
        # The next reader misses, reads version 2, and may fill it.
        fresh = deleting.offer("price:p1", db.read("price:p1"), version=2)
        print("next reader cached:", fresh, "cache:", deleting.get("price:p1"))
        #> next reader cached: True cache: 12
        # --8<-- [end:tombstone]


if __name__ == "__main__":
    main()
