"""etcd revisions as fencing tokens: the stale holder's write is refused.

The resource is the FencedStore of docs/data/redis-locks.md; only the source
of the fence changes, from Redis INCR to etcd's revision.
"""

# requires-server: etcd

from __future__ import annotations

from examples.data.redis.lock import FencedStore
from examples.server_settings import etcd_endpoints
from examples.system_design.consensus.etcd_client import scratch
from examples.system_design.consensus.etcd_lock import EtcdLock

with scratch(etcd_endpoints(), "fencing") as (etcd, prefix):
    # --8<-- [start:fencing]
    key = prefix + "locks/payout"
    worker_a = EtcdLock(etcd, key, holder="worker-a", ttl_seconds=2)
    worker_b = EtcdLock(etcd, key, holder="worker-b", ttl_seconds=2)
    a = worker_a.try_acquire()
    assert a is not None
    print("B while A holds it:", worker_b.try_acquire())
    #> B while A holds it: None
    # A stalls and its lease ends. Revoking it stands in for the expiry here
    # (etcd_lease.py waits for a real one).
    etcd.revoke(a.lease)
    b = worker_b.try_acquire()
    assert b is not None
    print("B's fence is larger:", b.fence > a.fence)
    #> B's fence is larger: True
    print(
        "fence = the key's create_revision:", etcd.get(key).create_revision == b.fence
    )
    #> fence = the key's create_revision: True
    print("A's refresh, had it checked:", worker_a.refresh(a))
    #> A's refresh, had it checked: False
    store = FencedStore()
    print("B writes:", store.write("payout by B", b.fence))
    #> B writes: True
    print("A wakes up and writes:", store.write("payout by A", a.fence))
    #> A wakes up and writes: False
    print("A's release:", worker_a.release(a))
    #> A's release: False
    print("B's release:", worker_b.release(b))
    #> B's release: True
    # --8<-- [end:fencing]

    # --8<-- [start:monotonic]
    fences = []
    for n in range(5):
        lock = EtcdLock(etcd, key, holder=f"worker-{n}")
        grant = lock.try_acquire()
        assert grant is not None
        fences.append(grant.fence)
        lock.release(grant)
    print("five holders, fences strictly increasing:", fences == sorted(set(fences)))
    #> five holders, fences strictly increasing: True
    # --8<-- [end:monotonic]
