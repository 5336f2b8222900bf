"""A network partition on a real etcd cluster: stale serializable reads, a leader that cannot write.

This example starts a cluster of its own whose members reach each other
through small TCP proxies (local_cluster.py, partitionable=True), so it can
cut one member off, both ways, with every process still running, and join it
again. Every wait is bounded: the client timeouts here are ours (etcd would
answer a stuck request after 7 s), and each poll has a deadline.
"""

# requires-server: etcd

from __future__ import annotations

import time

from examples.system_design.consensus.etcd_client import (
    EtcdClient,
    EtcdTimeout,
    EtcdUnavailable,
)
from examples.system_design.consensus.local_cluster import (
    Member,
    member_status,
    start,
)


def still_leads(member: Member) -> bool:
    """Does `member` say it is the leader? (A member that does not answer: no.)"""
    status = member_status(member)
    return status is not None and status.get("leader") == status["header"]["member_id"]


cluster = start(partitionable=True)
try:
    etcd = EtcdClient(cluster.endpoints, timeout=2)
    # --8<-- [start:follower]
    etcd.put("config/mode", "v1")
    leader = cluster.leader()
    cut_off = next(m for m in cluster.members if m is not leader)
    cluster.isolate(cut_off)
    EtcdClient([leader.client_url]).put("config/mode", "v2")  # 2 of 3 have it
    alone = EtcdClient([cut_off.client_url], timeout=0.5)
    print("serializable read:", alone.get("config/mode", serializable=True).value)
    #> serializable read: v1
    try:
        alone.get("config/mode")  # linearizable: the leader must confirm the index
        print("linearizable read answered")
    except EtcdUnavailable as error:
        print("linearizable read timed out:", "timed out" in str(error))
        #> linearizable read timed out: True
    cluster.heal()
    cluster.wait_for_leader()
    print("after healing:", EtcdClient([cut_off.client_url]).get("config/mode").value)
    #> after healing: v2
    # --8<-- [end:follower]

    # --8<-- [start:leader]
    old = cluster.leader()
    cluster.isolate(old)
    try:  # sent at once: the old leader still leads, appends it, cannot commit it
        EtcdClient([old.client_url], timeout=1).put("config/mode", "from-old")
        print("write to the old leader: acknowledged")
    except EtcdTimeout as error:
        print("write to the old leader:", type(error).__name__)
        #> write to the old leader: EtcdTimeout
    new = cluster.wait_for_leader(among=[m for m in cluster.members if m is not old])
    deadline = time.monotonic() + 5  # etcd's leader checks its quorum every 1 s
    while still_leads(old) and time.monotonic() < deadline:
        time.sleep(0.05)
    print("the old leader stepped down by itself:", not still_leads(old))
    #> the old leader stepped down by itself: True
    EtcdClient([new.client_url]).put("config/mode", "from-new")
    cluster.heal()
    cluster.wait_for_leader()
    print("after healing:", etcd.get("config/mode").value)
    #> after healing: from-new
    print(
        "the old leader agrees:", etcd.get("config/mode", endpoint=old.client_url).value
    )
    #> the old leader agrees: from-new
    # --8<-- [end:leader]
finally:
    cluster.stop()
