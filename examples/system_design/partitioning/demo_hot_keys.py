"""One hot key overloads one node whatever the hashing; splitting or caching fixes it."""

from collections import Counter

from examples.system_design.partitioning.hot_keys import (
    hottest_share,
    split_writes,
    sub_keys,
    through_cache,
    top_keys,
    zipf_requests,
)
from examples.system_design.partitioning.measure import load_by_node, sample_keys
from examples.system_design.partitioning.modulo import ModuloPartitioner
from examples.system_design.partitioning.rendezvous import RendezvousHash
from examples.system_design.partitioning.ring import HashRing

NODES = [f"node-{i}" for i in range(10)]
ring = HashRing(NODES, vnodes=1000)

# --8<-- [start:skew]
requests = zipf_requests(keys=10_000, requests=100_000, exponent=1.1, seed=3)
hot_key, hits = Counter(requests).most_common(1)[0]
print(f"{hot_key} alone gets {hits / len(requests):.1%} of 100,000 requests")
#> post:00000 alone gets 15.2% of 100,000 requests
uniform = load_by_node(ring.node_for, sample_keys(100_000, seed=5), NODES)
print(f"{'uniform keys, ring':<19} hottest node {hottest_share(uniform):.1%}")
#> uniform keys, ring  hottest node 10.4%
for name, partitioner in {
    "hash mod n": ModuloPartitioner(NODES),
    "ring, 1000 vnodes": ring,
    "rendezvous": RendezvousHash(NODES),
}.items():
    loads = load_by_node(partitioner.node_for, requests, NODES)
    print(f"{name:<19} hottest node {hottest_share(loads):.1%}")
    #> hash mod n          hottest node 24.8%
    #> ring, 1000 vnodes   hottest node 21.8%
    #> rendezvous          hottest node 22.3%
# --8<-- [end:skew]

# --8<-- [start:fixes]
sample = requests[:10_000]  # find the hot keys in the first 10% of traffic

# Writes: each write of a top-10 key goes to one of `ways` sub-keys at random.
for ways in (16, 64):
    split = split_writes(requests, top_keys(sample, count=10), ways=ways, seed=4)
    loads = load_by_node(ring.node_for, split, NODES)
    print(f"writes, top 10 split {ways} ways: hottest node {hottest_share(loads):.1%}")
    #> writes, top 10 split 16 ways: hottest node 14.3%
    #> writes, top 10 split 64 ways: hottest node 11.4%
# Why 16 is not enough: 16 sub-keys land on 10 nodes as unevenly as any 16 keys.
per_node = Counter(ring.node_for(sub) for sub in sub_keys(hot_key, 16))
print(f"{hot_key}'s 16 sub-keys per node:", sorted(per_node.values(), reverse=True))
#> post:00000's 16 sub-keys per node: [6, 3, 2, 2, 2, 1]

# Reads: the top 100 keys are cached for 1,000 requests after each fetch.
reaching = through_cache(requests, top_keys(sample, count=100), ttl=1_000)
loads = load_by_node(ring.node_for, reaching, NODES)
print(f"reads, top 100 cached: the store gets {len(reaching) / len(requests):.0%}")
#> reads, top 100 cached: the store gets 42%
print(f"  and its hottest node {hottest_share(loads):.1%} of that")
#>   and its hottest node 11.4% of that
# --8<-- [end:fixes]
