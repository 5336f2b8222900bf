"""Bugs union-find code ships, each wrong on purpose; the page shows each failing."""

from __future__ import annotations


def find(parent: list[int], x: int) -> int:
    while parent[x] != x:
        x = parent[x]
    return x


# --8<-- [start:compare_elements]
def connected_by_parent(parent: list[int], a: int, b: int) -> bool:
    """BUG: compares parents, which agree only for depth-1 trees."""
    return parent[a] == parent[b]  # fix: find(parent, a) == find(parent, b)


# --8<-- [end:compare_elements]


# --8<-- [start:no_find]
def union_without_find(parent: list[int], a: int, b: int) -> None:
    """BUG: relinks a itself, not a's root; a's old set loses a."""
    parent[a] = b  # fix: parent[find(parent, a)] = find(parent, b)


# --8<-- [end:no_find]


# --8<-- [start:always_decrement]
def count_components_always_decrement(n: int, edges: list[list[int]]) -> int:
    """BUG: every edge lowers the count, even one inside a component."""
    parent = list(range(n))
    count = n
    for u, v in edges:
        parent[find(parent, u)] = find(parent, v)
        count -= 1  # fix: only when find(u) != find(v)
    return count


# --8<-- [end:always_decrement]


# --8<-- [start:rank_wrong_root]
def union_rank_wrong_root(parent: list[int], rank: list[int], a: int, b: int) -> None:
    """BUG: on a tie, the root that goes under gets the +1, not the one above."""
    root_a, root_b = find(parent, a), find(parent, b)
    if root_a == root_b:
        return
    if rank[root_a] < rank[root_b]:
        root_a, root_b = root_b, root_a
    parent[root_b] = root_a
    if rank[root_a] == rank[root_b]:
        rank[root_b] += 1  # fix: rank[root_a] += 1


# --8<-- [end:rank_wrong_root]


def height(parent: list[int]) -> int:
    def depth(x: int) -> int:
        hops = 0
        while parent[x] != x:
            x, hops = parent[x], hops + 1
        return hops

    return max((depth(x) for x in range(len(parent))), default=0)


# --8<-- [start:dict_only_edges]
def count_components_dict_from_edges(n: int, edges: list[list[int]]) -> int:
    """BUG: a dict filled from the edges never sees nodes without edges."""
    parent: dict[int, int] = {}

    def find_key(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            x = parent[x]
        return x

    for u, v in edges:
        parent[find_key(u)] = find_key(v)
    return sum(1 for key, up in parent.items() if key == up)  # fix: add 0..n-1 first


# --8<-- [end:dict_only_edges]


if __name__ == "__main__":
    from examples.coding.union_find.template import DisjointSet

    # --8<-- [start:demo_compare]
    parent = [1, 2, 2]  # 0 -> 1 -> 2: all three in one set
    print(connected_by_parent(parent, 0, 2), find(parent, 0) == find(parent, 2))
    #> False True
    # --8<-- [end:demo_compare]
    # --8<-- [start:demo_no_find]
    parent = list(range(3))
    union_without_find(parent, 0, 1)  # {0, 1}
    union_without_find(parent, 0, 2)  # meant {0, 1, 2}; 0 now leaves 1 behind
    print(parent, find(parent, 1) == find(parent, 2))
    #> [2, 1, 2] False
    # --8<-- [end:demo_no_find]
    # --8<-- [start:demo_decrement]
    edges = [[0, 1], [1, 2], [2, 0]]  # a triangle plus the lone node 3
    print(count_components_always_decrement(4, edges))
    #> 1
    sets = DisjointSet(4)
    for u, v in edges:
        sets.union(u, v)
    print(sets.count)
    #> 2
    # --8<-- [end:demo_decrement]
    # --8<-- [start:demo_rank]
    n = 1_000
    parent, rank = list(range(n)), [0] * n
    for newcomer in range(1, n):
        union_rank_wrong_root(parent, rank, newcomer, 0)
    print(height(parent), rank[find(parent, 0)])
    #> 999 0
    # --8<-- [end:demo_rank]
    # --8<-- [start:demo_dict]
    print(count_components_dict_from_edges(4, [[0, 1]]))  # nodes 2, 3 vanish
    #> 1
    # --8<-- [end:demo_dict]
