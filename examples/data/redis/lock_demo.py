"""Two workers and one lock: exclusion, a release that is refused, expiry, and fencing."""

# requires-server: redis

from __future__ import annotations

import time

from examples.data.redis.connection import redis_session
from examples.data.redis.lock import FencedStore, Lease, RedisLock

with redis_session("lock_demo") as (r, p):
    # --8<-- [start:exclusion]
    worker_a = RedisLock(r, p, "nightly-report", ttl_ms=200)
    worker_b = RedisLock(r, p, "nightly-report", ttl_ms=200)  # another process
    lease_a = worker_a.try_acquire()
    print("A holds it:", lease_a is not None, "B gets it:", worker_b.try_acquire())
    #> A holds it: True B gets it: None
    # B guesses a token: compare-and-delete refuses, A keeps the lock.
    print("B releases A's lock:", worker_b.release(Lease("not-a-token", 0)))
    #> B releases A's lock: False
    # --8<-- [end:exclusion]

    # --8<-- [start:expiry]
    # A stalls (a long GC pause, a swapped-out VM) past its 200 ms lease.
    deadline = time.monotonic() + 5
    while r.exists(worker_a.key) and time.monotonic() < deadline:
        time.sleep(0.02)
    lease_b = worker_b.try_acquire()
    assert lease_a is not None and lease_b is not None
    print("after expiry B holds it; fences A, B:", lease_a.fence, lease_b.fence)
    #> after expiry B holds it; fences A, B: 1 2
    print("A, waking up, releases:", worker_a.release(lease_a))
    #> A, waking up, releases: False
    # --8<-- [end:expiry]

    # --8<-- [start:fencing]
    store = FencedStore()
    print("B writes with fence 2:", store.write("report from B", lease_b.fence))
    #> B writes with fence 2: True
    print("A's late write, fence 1:", store.write("report from A", lease_a.fence))
    #> A's late write, fence 1: False
    print("stored:", store.value)
    #> stored: report from B
    # --8<-- [end:fencing]

    # --8<-- [start:failover]
    # Redis here is one server, so this stands in for a failover: the primary
    # ran A's acquire script (SET and INCR) and died before replicating it. The
    # promoted replica has neither effect: no lock key, the counter one lower.
    worker_a = RedisLock(r, p, "payout", ttl_ms=10_000)
    worker_b = RedisLock(r, p, "payout", ttl_ms=10_000)
    lease_a = worker_a.try_acquire()
    assert lease_a is not None
    r.delete(worker_a.key)
    r.decr(worker_a.fence_key)
    lease_b = worker_b.try_acquire()  # the promoted replica grants it again
    assert lease_b is not None
    print("two holders; fences A, B:", lease_a.fence, lease_b.fence)
    #> two holders; fences A, B: 1 1
    store = FencedStore()
    print("B writes:", store.write("payout by B", lease_b.fence))
    #> B writes: True
    print("A writes:", store.write("payout by A", lease_a.fence))
    #> A writes: True
    # --8<-- [end:failover]
