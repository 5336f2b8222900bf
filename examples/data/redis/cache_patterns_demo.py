"""Hits and misses of each caching pattern, counted at the slow database."""

# requires-server: redis

from __future__ import annotations

import random

from examples.data.redis.cache_patterns import (
    ReadThroughCache,
    SlowDatabase,
    WriteBackCache,
    WriteThroughCache,
    get_product,
    jittered_ttl,
)
from examples.data.redis.connection import redis_session

with redis_session("patterns") as (r, p):
    # --8<-- [start:cache_aside_demo]
    db = SlowDatabase({"p1": "Desk", "p2": "Lamp"})
    for product_id in ["p1", "p1", "p2", "p1", "nope"]:
        get_product(r, db, p, product_id)
    print("database reads:", db.reads)  # p1 miss, p1 hit, p2 miss, p1 hit, nope miss
    #> database reads: 3
    # --8<-- [end:cache_aside_demo]

    # --8<-- [start:read_through_demo]
    db = SlowDatabase({"u1": "Ada"})
    users = ReadThroughCache(r, f"{p}rt:", db.read, ttl_seconds=60)
    print([users.get("u1") for _ in range(4)], "database reads:", db.reads)
    #> ['Ada', 'Ada', 'Ada', 'Ada'] database reads: 1
    # --8<-- [end:read_through_demo]

    # --8<-- [start:write_through_demo]
    db = SlowDatabase()
    prices = WriteThroughCache(r, f"{p}wt:", db)
    prices.put("p1", "19.99")
    print(prices.get("p1"), "reads:", db.reads, "writes:", db.writes)
    #> 19.99 reads: 0 writes: 1
    # --8<-- [end:write_through_demo]

    # --8<-- [start:write_back_demo]
    db = SlowDatabase()
    counters = WriteBackCache(r, f"{p}wb:", db)
    for n in range(1, 6):
        counters.put("likes:post1", str(n))
    counters.put("likes:post2", "1")
    print("before flush, database writes:", db.writes)
    #> before flush, database writes: 0
    print("flushed keys:", counters.flush(), "database writes:", db.writes)
    #> flushed keys: 2 database writes: 2
    print("latest value persisted:", db.read("likes:post1"))
    #> latest value persisted: 5
    # --8<-- [end:write_back_demo]

    # --8<-- [start:jitter_demo]
    rng = random.Random(7)
    plain = {300 for _ in range(1000)}
    spread = {jittered_ttl(300, 0.1, rng) for _ in range(1000)}
    print("distinct expiry seconds without jitter:", len(plain), "with:", len(spread))
    #> distinct expiry seconds without jitter: 1 with: 61
    print("range:", min(spread), "to", max(spread))
    #> range: 270 to 330
    # --8<-- [end:jitter_demo]
