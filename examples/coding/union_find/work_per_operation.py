"""Parent hops per operation on the benchmark's random workload, counted, not timed;
and the bytes the structure's lists and int objects take.
"""

from __future__ import annotations

import random
import sys

from examples.coding.union_find.heuristics import CountingForest
from examples.coding.union_find.template import DisjointSet


# --8<-- [start:count]
def hops_per_operation(n: int, link: str, compress: bool) -> float:
    """n random unions, then n random finds, as the benchmark runs them."""
    r = random.Random(n)
    pairs = [(r.randrange(n), r.randrange(n)) for _ in range(n)]
    probes = [r.randrange(n) for _ in range(n)]
    forest = CountingForest(n, link, compress)
    for a, b in pairs:
        forest.union(a, b)
    for x in probes:
        forest.find(x)
    return forest.hops / (2 * n)


# --8<-- [end:count]


def structure_bytes(n: int) -> int:
    """sys.getsizeof of DisjointSet(n)'s two lists and the int objects they hold.

    Ints from -5 to 256 are shared, cached objects in CPython: not counted.
    """
    sets = DisjointSet(n)
    held = [value for value in sets.parent + sets.size if value > 256]
    return (
        sys.getsizeof(sets.parent)
        + sys.getsizeof(sets.size)
        + sum(map(sys.getsizeof, held))
    )


if __name__ == "__main__":
    # --8<-- [start:demo]
    for n in (1_000, 100_000):
        print(n, round(hops_per_operation(n, "size", compress=True), 3))
        #> 1000 1.161
        #> 100000 1.177
    for n in (10_000, 100_000):
        print(n, f"{structure_bytes(n) / 1e6:.1f} MB")
        #> 10000 0.4 MB
        #> 100000 4.4 MB
    # --8<-- [end:demo]
