"""Write, read and find the leader on a real three-member etcd cluster.

The cluster is the one examples/server_settings.py etcd_endpoints() names
(the tests start it with local_cluster.py; by hand:
`python3 -m tests.support.provisioned etcd`). Other examples share it,
so revisions are compared, never printed: their values depend on what else ran.
"""

# requires-server: etcd

from __future__ import annotations

from examples.server_settings import etcd_endpoints
from examples.system_design.consensus.etcd_client import scratch

with scratch(etcd_endpoints(), "basics") as (etcd, prefix):
    # --8<-- [start:write_read]
    key = prefix + "config/db-url"
    first = etcd.put(key, "postgres://db-1")  # returns once a majority has it
    second = etcd.put(key, "postgres://db-2")
    kv = etcd.get(key)  # linearizable: sees every write acknowledged before it
    assert kv is not None
    print(kv.value, "| version", kv.version)
    #> postgres://db-2 | version 2
    print(
        "revisions grow:",
        first < second,
        "| created at the first:",
        kv.create_revision == first,
    )
    #> revisions grow: True | created at the first: True
    # --8<-- [end:write_read]

    # --8<-- [start:leader]
    members = etcd.statuses()  # Maintenance.Status from each member
    print("members answering:", len(members))
    #> members answering: 3
    print("they name one leader:", len({m.leader_id for m in members}) == 1)
    #> they name one leader: True
    print("one term:", len({m.raft_term for m in members}) == 1)
    #> one term: True
    leader = etcd.leader()
    followers = [m.endpoint for m in members if not m.is_leader]
    print("followers:", len(followers))
    #> followers: 2
    # A follower serves a linearizable read too: it asks the leader how far
    # the log is committed, waits until it has applied that much, then reads.
    via_follower = etcd.get(key, endpoint=followers[0])
    assert via_follower is not None
    print("read through a follower:", via_follower.value)
    #> read through a follower: postgres://db-2
    # --8<-- [end:leader]
