"""A lease with a TTL, kept alive and then let go: how a service registers itself in etcd.

The sleeps are real (a lease runs on the leader's clock), about 4 s in all.
"""

# requires-server: etcd

from __future__ import annotations

import time

from examples.server_settings import etcd_endpoints
from examples.system_design.consensus.etcd_client import scratch

with scratch(etcd_endpoints(), "lease") as (etcd, prefix):
    # --8<-- [start:minimum]
    lease, ttl = etcd.grant_lease(1)
    print("asked for a 1 s lease, got:", ttl)
    #> asked for a 1 s lease, got: 2
    etcd.revoke(lease)
    # --8<-- [end:minimum]

    # --8<-- [start:keepalive]
    lease, ttl = etcd.grant_lease(2)
    key = prefix + "workers/worker-1"
    etcd.put(key, "10.0.0.7:8080", lease=lease)  # the key lives as long as the lease
    time.sleep(1.2)
    print("renewed, TTL back to:", etcd.keep_alive(lease))
    #> renewed, TTL back to: 2
    time.sleep(1.2)  # 2.4 s since the grant, longer than the TTL
    print("still registered:", etcd.get(key) is not None)
    #> still registered: True
    # The worker stops renewing (it crashed, or it is stuck): the lease expires
    # and etcd deletes the key, through Raft like any other write.
    last_renewal = time.monotonic() - 1.2
    while etcd.get(key) is not None and time.monotonic() - last_renewal < 6:
        time.sleep(0.1)
    print("gone within 6 s of the last renewal:", etcd.get(key) is None)
    #> gone within 6 s of the last renewal: True
    print("lease TTL now:", etcd.time_to_live(lease))
    #> lease TTL now: -1
    # --8<-- [end:keepalive]
