"""The same double grant as in lock_demo.py, with fences from PostgreSQL: the stale write is refused."""

# requires-server: redis, postgres

from __future__ import annotations

from examples.data.redis.connection import redis_session
from examples.data.redis.lock import RedisLock
from examples.data.redis.pg_fence import (
    connect,
    fence_schema,
    next_fence,
    write_report,
)

with (
    redis_session("pg_fence_demo") as (r, p),
    fence_schema() as schema,
    connect(schema) as db_a,  # worker A's database connection
    connect(schema) as db_b,  # worker B's
):
    # --8<-- [start:demo]
    worker_a = RedisLock(r, p, "nightly-report", ttl_ms=10_000)
    worker_b = RedisLock(r, p, "nightly-report", ttl_ms=10_000)
    lease_a = worker_a.try_acquire()
    fence_a = next_fence(db_a, "nightly-report")  # drawn after taking the lock
    # The failover stand-in from lock_demo.py: the lock is gone, B gets it.
    r.delete(worker_a.key)
    r.decr(worker_a.fence_key)
    lease_b = worker_b.try_acquire()
    fence_b = next_fence(db_b, "nightly-report")
    print("Redis granted A and B:", lease_a is not None, lease_b is not None)
    #> Redis granted A and B: True True
    print("PostgreSQL fences A, B:", fence_a, fence_b)
    #> PostgreSQL fences A, B: 1 2
    # A is refused as soon as B has drawn a newer fence, before B writes.
    print("A writes:", write_report(db_a, "nightly-report", fence_a, "r1", "by A"))
    #> A writes: False
    print("B writes:", write_report(db_b, "nightly-report", fence_b, "r1", "by B"))
    #> B writes: True
    stored = db_a.execute("SELECT body, fence FROM reports WHERE id = 'r1'")
    print("stored:", stored.fetchone())
    #> stored: ('by B', 2)
    # --8<-- [end:demo]
