"""Kill the etcd leader: a new one is elected and no acknowledged write is lost.

This example starts a three-member cluster of its own (local_cluster.py,
on free loopback ports) because it kills members; the shared one stays whole.
Times vary from run to run, so they are printed as bounds; the measured
numbers are in benchmarks/system_design/consensus.py.
"""

# requires-server: etcd

from __future__ import annotations

import time

from examples.system_design.consensus.etcd_client import EtcdClient
from examples.system_design.consensus.local_cluster import start

cluster = start()
try:
    etcd = EtcdClient(cluster.endpoints, timeout=2)
    # --8<-- [start:failover]
    revision = etcd.put("orders/1001", "paid")  # acknowledged: a majority has it
    old = cluster.leader()
    killed_at = time.monotonic()
    cluster.kill(old)  # SIGKILL: no goodbye, no handing over
    survivors = [m for m in cluster.members if m is not old]
    new = cluster.wait_for_leader(among=survivors)
    took = time.monotonic() - killed_at
    print("a new leader:", new is not old, "| within 5 s:", took < 5)
    #> a new leader: True | within 5 s: True
    order = etcd.get("orders/1001", endpoint=new.client_url)
    print("acknowledged write on it:", order.value, order.mod_revision == revision)
    #> acknowledged write on it: paid True
    # The client's first endpoint may be the dead member: it moves on.
    print("writes go on:", etcd.put("orders/1002", "paid") > revision)
    #> writes go on: True
    # --8<-- [end:failover]

    # --8<-- [start:rejoin]
    cluster.restart(old)  # same data directory: it returns with its log
    rejoined = etcd.get("orders/1002", endpoint=old.client_url, serializable=True)
    print("the old leader follows now:", cluster.leader() is new)
    #> the old leader follows now: True
    print("and caught up:", rejoined is not None and rejoined.value == "paid")
    #> and caught up: True
    # --8<-- [end:rejoin]
finally:
    cluster.stop()
