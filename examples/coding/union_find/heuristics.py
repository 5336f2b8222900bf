"""What union by rank, union by size and path compression each buy, counted in
parent hops on adversarial sequences of unions and finds.
"""

from __future__ import annotations

import sys


# --8<-- [start:forest]
class CountingForest:
    """A parent array whose linking rule and path compression can be switched.

    link: "naive" puts a's root under b's root, whatever the trees look like;
    "rank" puts the root of lower rank under the other (rank: an upper bound
    on the tree's height); "size" puts the root of the smaller set under the
    other. hops counts every parent pointer followed by every find.
    """

    def __init__(self, n: int, link: str = "naive", compress: bool = False) -> None:
        if link not in ("naive", "rank", "size"):
            raise ValueError(f"link must be naive, rank or size, not {link!r}")
        self.parent = list(range(n))
        self.rank = [0] * n
        self.size = [1] * n
        self.link, self.compress, self.hops = link, compress, 0

    def find(self, x: int) -> int:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
            self.hops += 1
        if self.compress:
            while self.parent[x] != root:
                self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: int, b: int) -> None:
        child, root = self.find(a), self.find(b)
        if child == root:
            return
        if self.link == "rank":
            if self.rank[child] > self.rank[root]:
                child, root = root, child
            if self.rank[child] == self.rank[root]:
                self.rank[root] += 1  # the root that stays a root grows
        elif self.link == "size" and self.size[child] > self.size[root]:
            child, root = root, child
        self.parent[child] = root
        self.size[root] += self.size[child]


# --8<-- [end:forest]


# --8<-- [start:sequences]
def chain(n: int) -> list[tuple[int, int]]:
    """union(0, 1), union(1, 2), ...: naive linking builds the path 0 -> 1 -> ... -> n-1."""
    return [(i, i + 1) for i in range(n - 1)]


def doubling(n: int) -> list[tuple[int, int]]:
    """Merge blocks of equal size, 1+1, 2+2, 4+4, ...: the worst case for rank and size.

    Each merge of two equal trees puts one a level deeper, so for n a power of
    two, element 0 ends log2(n) levels deep even with union by rank or size.
    """
    unions, width = [], 1
    while width < n:
        unions += [(start, start + width) for start in range(0, n - width, 2 * width)]
        width *= 2
    return unions


def hops(n: int, unions: list[tuple[int, int]], link: str, compress: bool) -> int:
    """Parent hops for the unions, then n finds of element 0 (the deepest one)."""
    forest = CountingForest(n, link, compress)
    for a, b in unions:
        forest.union(a, b)
    for _ in range(n):
        forest.find(0)
    return forest.hops


# --8<-- [end:sequences]


# --8<-- [start:recursive]
def find_recursive(parent: list[int], x: int) -> int:
    """Path compression in three lines, but one stack frame per level."""
    if parent[x] != x:
        parent[x] = find_recursive(parent, parent[x])  # compresses on the way back
    return parent[x]


# --8<-- [end:recursive]


if __name__ == "__main__":
    # --8<-- [start:demo]
    n = 1024  # a power of two, so doubling ends in one tree 10 levels deep
    print(f"{'hops, n = 1,024':<20}{'chain':>11}{'doubling':>10}")
    #> hops, n = 1,024           chain  doubling
    for link, compress, label in [
        ("naive", False, "naive"),
        ("rank", False, "rank only"),
        ("size", False, "size only"),
        ("naive", True, "compression only"),
        ("rank", True, "rank + compression"),
        ("size", True, "size + compression"),
    ]:
        row = [hops(n, sequence(n), link, compress) for sequence in (chain, doubling)]
        print(f"{label:<20}{row[0]:>11,}{row[1]:>10,}")
        #> naive                 1,047,552    12,266
        #> rank only                 2,045    12,266
        #> size only                 2,045    12,266
        #> compression only          2,046     2,557
        #> rank + compression        2,045     2,557
        #> size + compression        2,045     2,557
    # --8<-- [end:demo]

    # --8<-- [start:demo_recursion]
    print(sys.getrecursionlimit())
    #> 1000
    forest = CountingForest(5_000)  # naive linking, no compression
    for a, b in chain(5_000):
        forest.union(a, b)
    try:
        find_recursive(forest.parent, 0)
    except RecursionError as error:
        print("RecursionError:", error)
        #> RecursionError: maximum recursion depth exceeded
        print("compressed?", forest.parent[0] == 4_999)
        #> compressed? False
    # --8<-- [end:demo_recursion]
