"""What one capped home timeline costs in Redis memory, by encoding.

A sorted set of up to zset-max-listpack-entries members (128 by default) is
one compact listpack; past that Redis converts it to a skiplist plus a hash
table, and every member pays for its own nodes. MEMORY USAGE ... SAMPLES 0
counts every member, so the figure is exact for this server and allocator.
"""

# requires-server: redis

from __future__ import annotations

import redis

from examples.data.redis.connection import redis_session
from examples.system_design.news_feed.redis_feed import member


def timeline_bytes(client: redis.Redis, key: str, entries: int) -> tuple[str, int]:
    """Fill `key` with `entries` post ids; return its encoding and its bytes."""
    if entries < 1:
        raise ValueError(f"entries must be at least 1, got {entries}")
    base = 1_800_000_000_000_000_000  # a Snowflake id of the 2020s
    client.delete(key)
    client.zadd(key, {member(base + i * 4_096): 0 for i in range(entries)})
    encoding = client.object("ENCODING", key)
    used = client.memory_usage(key, samples=0)
    if used is None:
        raise RuntimeError(f"{key} vanished while measuring it")
    return encoding, used


if __name__ == "__main__":
    with redis_session("news_feed_memory") as (client, prefix):
        limit = client.config_get("zset-max-listpack-entries")
        print("zset-max-listpack-entries", limit["zset-max-listpack-entries"])
        #> zset-max-listpack-entries 128
        # --8<-- [start:measure]
        for entries in (100, 128, 129, 800):
            encoding, used = timeline_bytes(client, f"{prefix}tl", entries)
            if encoding == "listpack":
                print(f"{entries:>4} ids: listpack, {used / entries:.1f} B per id")
                #>  100 ids: listpack, 26.6 B per id
                #>  128 ids: listpack, 28.8 B per id
            else:  # skiplist node heights are random: round to the nearest 10
                about = round(used / entries, -1)
                print(f"{entries:>4} ids: skiplist, about {about:.0f} B per id")
                #>  129 ids: skiplist, about 140 B per id
                #>  800 ids: skiplist, about 120 B per id
        # --8<-- [end:measure]
