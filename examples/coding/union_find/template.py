"""Union-find (disjoint set union): a parent array, find with path compression,
union by size. Two flavors: integer elements 0..n-1 in lists, and any hashable
keys in dicts.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)


# --8<-- [start:disjoint_set]
class DisjointSet:
    """Elements 0..n-1, each starting in a set of its own.

    Invariant: following parent[] from any element ends at its set's root,
    the one element with parent[root] == root; two elements are in the same
    set exactly when they reach the same root. size[r] is right for roots only.
    Amortized O(alpha(n)) per find or union; space O(n).
    """

    def __init__(self, n: int) -> None:
        if n < 0:
            raise ValueError(f"n must be >= 0, got {n}")
        self.parent = list(range(n))
        self.size = [1] * n
        self.count = n  # number of disjoint sets

    def find(self, x: int) -> int:
        """The root of x's set; every node on the way ends up pointing at it."""
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:  # second pass: path compression
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: int, b: int) -> bool:
        """Merge the sets of a and b; False if they were already one set."""
        root_a, root_b = self.find(a), self.find(b)
        if root_a == root_b:
            return False
        if self.size[root_a] < self.size[root_b]:
            root_a, root_b = root_b, root_a
        self.parent[root_b] = root_a  # the smaller tree goes under the larger
        self.size[root_a] += self.size[root_b]
        self.count -= 1  # only here: two different roots became one
        return True

    def connected(self, a: int, b: int) -> bool:
        return self.find(a) == self.find(b)


# --8<-- [end:disjoint_set]


# --8<-- [start:keyed]
class KeyedDisjointSet(Generic[K]):
    """The same structure over any hashable keys (emails, coordinates).

    A key joins as a set of its own the first time add(), find() or union()
    sees it, so count includes keys that never met another one.
    """

    def __init__(self) -> None:
        self.parent: dict[K, K] = {}
        self.size: dict[K, int] = {}
        self.count = 0

    def add(self, key: K) -> None:
        if key not in self.parent:
            self.parent[key] = key
            self.size[key] = 1
            self.count += 1

    def find(self, key: K) -> K:
        self.add(key)
        root = key
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[key] != root:
            self.parent[key], key = root, self.parent[key]
        return root

    def union(self, a: K, b: K) -> bool:
        root_a, root_b = self.find(a), self.find(b)
        if root_a == root_b:
            return False
        if self.size[root_a] < self.size[root_b]:
            root_a, root_b = root_b, root_a
        self.parent[root_b] = root_a
        self.size[root_a] += self.size[root_b]
        self.count -= 1
        return True


# --8<-- [end:keyed]


if __name__ == "__main__":
    # --8<-- [start:demo]
    sets = DisjointSet(6)
    print(sets.union(0, 1), sets.union(1, 2), sets.union(3, 4))
    #> True True True
    print(sets.union(2, 0))  # already one set: nothing changes
    #> False
    print(sets.count, sets.connected(0, 2), sets.connected(0, 3))
    #> 3 True False
    print(sets.parent, sets.size[sets.find(0)])
    #> [0, 0, 0, 3, 3, 5] 3

    emails: KeyedDisjointSet[str] = KeyedDisjointSet()
    emails.union("ann@x.io", "ann@y.io")
    emails.add("bob@x.io")
    print(emails.count, emails.find("ann@y.io"))
    #> 2 ann@x.io
    # --8<-- [end:demo]
