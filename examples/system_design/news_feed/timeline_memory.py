"""What one capped home timeline costs in Redis memory, filled the way the fan-out fills it.

A sorted set of up to zset-max-listpack-entries members (128 by default) is
one compact listpack; once it passes that, even for one command, Redis
converts it to a skiplist plus a hash table and never converts it back. So the
timeline is measured after many posts through RedisFeed.fan_out, not filled in
one ZADD. MEMORY USAGE ... SAMPLES 0 counts every member, so the figure is exact
for this server and allocator.
"""

# requires-server: redis

from __future__ import annotations

import redis

from examples.data.redis.connection import redis_session
from examples.system_design.news_feed.graph import SocialGraph
from examples.system_design.news_feed.redis_feed import RedisFeed, member

BASE = 1_800_000_000_000_000_000  # a Snowflake id of the 2020s
ONE_FOLLOWER = SocialGraph.from_edges(2, [(1, 0)])  # user 1 follows author 0


def _measure(client: redis.Redis, key: str) -> tuple[str, int]:
    used = client.memory_usage(key, samples=0)
    if used is None:
        raise RuntimeError(f"{key} vanished while measuring it")
    return client.object("ENCODING", key), used


def timeline_bytes(
    client: redis.Redis, prefix: str, cap: int, posts: int
) -> tuple[str, int]:
    """Fan `posts` ids out to one follower, timelines capped at `cap`: encoding, bytes."""
    if posts < cap:
        raise ValueError(f"posts must be at least the cap ({cap}), got {posts}")
    feed = RedisFeed(client, prefix, ONE_FOLLOWER, threshold=2, cap=cap)
    client.delete(feed.timeline_key(1))
    for i in range(posts):
        feed.fan_out(0, BASE + i * 4_096)
    return _measure(client, feed.timeline_key(1))


def add_then_trim_bytes(
    client: redis.Redis, key: str, cap: int, posts: int
) -> tuple[str, int]:
    """The naive fan-out, ZADD then ZREMRANGEBYRANK, for comparison."""
    if posts < cap:
        raise ValueError(f"posts must be at least the cap ({cap}), got {posts}")
    client.delete(key)
    for i in range(posts):
        client.zadd(key, {member(BASE + i * 4_096): 0})
        client.zremrangebyrank(key, 0, -cap - 1)
    return _measure(client, key)


def describe(encoding: str, used: int, ids: int) -> str:
    """Bytes per id; a skiplist's node heights are random, so only its floor."""
    if encoding == "listpack":
        return f"listpack, {used / ids:.1f} B per id"
    return f"{encoding}, over {used / ids // 100 * 100:.0f} B per id"


if __name__ == "__main__":
    with redis_session("news_feed_memory") as (client, prefix):
        limit = client.config_get("zset-max-listpack-entries")
        print("zset-max-listpack-entries", limit["zset-max-listpack-entries"])
        #> zset-max-listpack-entries 128
        # --8<-- [start:measure]
        naive = add_then_trim_bytes(client, f"{prefix}naive", cap=128, posts=300)
        print("add then trim, cap 128:", describe(*naive, ids=128))
        #> add then trim, cap 128: skiplist, over 100 B per id
        for cap in (127, 800):  # 127 ids + the marker = 128 members
            encoding, used = timeline_bytes(client, prefix, cap, posts=cap + 200)
            print(f"fan_out,       cap {cap}:", describe(encoding, used, ids=cap))
            #> fan_out,       cap 127: listpack, 29.0 B per id
            #> fan_out,       cap 800: skiplist, over 100 B per id
        # --8<-- [end:measure]
