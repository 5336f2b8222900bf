"""How even a 10-node ring is as the number of virtual nodes per node grows."""

import math

from examples.system_design.partitioning.measure import (
    load_by_node,
    sample_keys,
    spread,
)
from examples.system_design.partitioning.rendezvous import RendezvousHash
from examples.system_design.partitioning.ring import HashRing
from examples.system_design.partitioning.slots import SlotMap

NODES = [f"node-{i}" for i in range(10)]

# --8<-- [start:vnodes]
# Each node's exact share of the hash space, which is its load under uniform keys.
# "expected" is the CV that n nodes with v random tokens each give on average:
# sqrt((n - 1) / (n * v + 1)), about 0.95 / sqrt(v) for n = 10.
n = len(NODES)
print(f"{'vnodes':>6}{'max/mean':>10}{'CV':>7}{'expected':>10}{'smallest':>10}")
#> vnodes  max/mean     CV  expected  smallest
for vnodes in (1, 10, 100, 1000):
    shares = HashRing(NODES, vnodes=vnodes).ownership()
    even = spread(shares.values())
    smallest = min(shares.values()) * n  # 1.0 would be a fair share
    expected = math.sqrt((n - 1) / (n * vnodes + 1))
    row = f"{vnodes:>6}{even.max_over_mean:>10.2f}{even.cv:>7.2f}{expected:>10.2f}"
    print(f"{row}{smallest:>10.2f}")
    #>      1      3.69   1.00      0.90      0.21
    #>     10      1.50   0.26      0.30      0.65
    #>    100      1.15   0.11      0.09      0.81
    #>   1000      1.04   0.03      0.03      0.96
# --8<-- [end:vnodes]

# --8<-- [start:keys]
# Real keys add sampling noise on top: 20,000 keys is 2,000 a node.
keys = sample_keys(20_000, seed=11)
for name, partitioner in {
    "ring, 1000 vnodes": HashRing(NODES, vnodes=1000),
    "rendezvous": RendezvousHash(NODES),
    "1,024 slots": SlotMap(NODES, slots=1024),
}.items():
    loads = load_by_node(partitioner.node_for, keys, NODES)
    print(f"{name:<18} max/mean {spread(loads.values()).max_over_mean:.2f}")
    #> ring, 1000 vnodes  max/mean 1.04
    #> rendezvous         max/mean 1.02
    #> 1,024 slots        max/mean 1.01
# --8<-- [end:keys]
