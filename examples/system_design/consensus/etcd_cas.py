"""Compare-and-swap with an etcd transaction: two clients, one stock count, no lost update."""

# requires-server: etcd

from __future__ import annotations

from examples.server_settings import etcd_endpoints
from examples.system_design.consensus.etcd_client import scratch

with scratch(etcd_endpoints(), "cas") as (etcd, prefix):
    # --8<-- [start:cas]
    key = prefix + "stock/sku-42"
    etcd.put(key, "5")
    # Both clients read 5 and want to take one. The transaction compares and
    # writes in one step, committed through Raft, so only one of them wins.
    a_took, _ = etcd.compare_and_swap(key, expected="5", new="4")
    b_took, _ = etcd.compare_and_swap(key, expected="5", new="4")
    print("A took one:", a_took, "| B took one:", b_took)
    #> A took one: True | B took one: False
    # B lost the race: read again, compare against what it read, try again.
    while True:
        current = etcd.get(key)
        assert current is not None
        took, _ = etcd.compare_and_swap(key, current.value, str(int(current.value) - 1))
        if took:
            break
    print("stock now:", etcd.get(key).value)
    #> stock now: 3
    # expected=None: write only if the key does not exist yet
    print("first claim:", etcd.compare_and_swap(prefix + "owner", None, "node-a")[0])
    #> first claim: True
    print("second claim:", etcd.compare_and_swap(prefix + "owner", None, "node-b")[0])
    #> second claim: False
    # --8<-- [end:cas]
