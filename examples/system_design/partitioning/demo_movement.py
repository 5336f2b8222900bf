"""What share of 20,000 keys moves when a cluster grows from n to n + 1 nodes."""

from collections.abc import Callable

from examples.system_design.partitioning.hashing import Partitioner
from examples.system_design.partitioning.measure import movement, owners, sample_keys
from examples.system_design.partitioning.modulo import ModuloPartitioner
from examples.system_design.partitioning.rendezvous import RendezvousHash
from examples.system_design.partitioning.ring import HashRing
from examples.system_design.partitioning.slots import SlotMap

# --8<-- [start:movement]
KEYS = sample_keys(20_000, seed=7)
SCHEMES: dict[str, Callable[[list[str]], Partitioner]] = {
    "hash mod n": ModuloPartitioner,
    "ring, 100 vnodes": lambda nodes: HashRing(nodes, vnodes=100),
    "rendezvous": RendezvousHash,
    "1,024 slots": lambda nodes: SlotMap(nodes, slots=1024),
}

# Share of keys that moved; the last column counts only moves from one old
# node to another (at 10 -> 11): data copied for no reason.
print(f"{'scheme':<18}{'4 -> 5':>8}{'10 -> 11':>10}{'old -> old':>12}")
#> scheme              4 -> 5  10 -> 11  old -> old
print(f"{'ideal 1/(n+1)':<18}{1 / 5:>8.3f}{1 / 11:>10.3f}{0:>12.3f}")
#> ideal 1/(n+1)        0.200     0.091       0.000
for name, build in SCHEMES.items():
    changes = []
    for n in (4, 10):
        partitioner = build([f"node-{i}" for i in range(n)])
        before = owners(partitioner.node_for, KEYS)
        partitioner.add_node(f"node-{n}")
        after = owners(partitioner.node_for, KEYS)
        changes.append(movement(before, after, new_nodes={f"node-{n}"}))
    small, large = changes
    stray = large.between_old_nodes / large.keys
    print(f"{name:<18}{small.fraction:>8.3f}{large.fraction:>10.3f}{stray:>12.3f}")
    #> hash mod n           0.799     0.911       0.820
    #> ring, 100 vnodes     0.167     0.089       0.000
    #> rendezvous           0.197     0.090       0.000
    #> 1,024 slots          0.197     0.090       0.000
# --8<-- [end:movement]
