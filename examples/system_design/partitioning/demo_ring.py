"""A hash ring in use: lookups, a node joining, replicas, and why hash() will not do."""

import os
import subprocess
import sys

from examples.system_design.partitioning.ring import HashRing

# --8<-- [start:salted]
# Python salts str hashes per process. Two app servers, two answers:
probe = "print(hash('user:42') % 10)"
for seed in ("1", "2"):
    env = {**os.environ, "PYTHONHASHSEED": seed}
    result = subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-c", probe],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    print(f"process with PYTHONHASHSEED={seed}: node {result.stdout.strip()}")
    #> process with PYTHONHASHSEED=1: node 9
    #> process with PYTHONHASHSEED=2: node 0
# --8<-- [end:salted]

# --8<-- [start:join]
ring = HashRing(["cache-a", "cache-b", "cache-c"], vnodes=100)
keys = [f"user:{i}" for i in range(1, 9)]
before = {key: ring.node_for(key) for key in keys}
ring.add_node("cache-d")
for key in keys:
    after = ring.node_for(key)
    print(
        f"{key}: {before[key]} -> {after}" if after != before[key] else f"{key}: stays"
    )
    #> user:1: stays
    #> user:2: stays
    #> user:3: stays
    #> user:4: cache-c -> cache-d
    #> user:5: stays
    #> user:6: cache-a -> cache-d
    #> user:7: stays
    #> user:8: cache-a -> cache-d
# --8<-- [end:join]

# --8<-- [start:replicas]
print(ring.nodes_for("user:1", 3))  # the owner first, then the next distinct nodes
#> ['cache-b', 'cache-c', 'cache-d']
# --8<-- [end:replicas]
