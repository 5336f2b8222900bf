"""Is the topological order unique? (the idea behind "Sequence Reconstruction")."""

from __future__ import annotations

from itertools import permutations

from examples.coding.topological_sort.template import successors_of

BRUTE_FORCE_LIMIT = 7


# --8<-- [start:optimal]
def unique_order(n: int, edges: list[list[int]]) -> list[int] | None:
    """The only topological order of 0..n-1, or None if there are several or none.

    Kahn's queue must hold exactly one node at every step: two ready nodes
    could go in either order. Time O(V + E), space O(V + E).
    """
    graph = successors_of(n, edges)
    in_degree = [0] * n
    for successors in graph:
        for after in successors:
            in_degree[after] += 1
    ready = [node for node in range(n) if in_degree[node] == 0]
    order: list[int] = []
    while len(ready) == 1:
        node = ready.pop()
        order.append(node)
        for after in graph[node]:
            in_degree[after] -= 1
            if in_degree[after] == 0:
                ready.append(after)
    # Several ready: not unique. None ready before the end: a cycle.
    return order if len(order) == n else None


# --8<-- [end:optimal]


def unique_order_brute_force(n: int, edges: list[list[int]]) -> list[int] | None:
    """Count the valid permutations; keep the answer only if there is exactly one."""
    successors_of(n, edges)  # the same validation
    if n > BRUTE_FORCE_LIMIT:
        raise ValueError(f"brute force tries every order: {n} is too many")
    valid = []
    for order in permutations(range(n)):
        position = {node: index for index, node in enumerate(order)}
        if all(position[u] < position[v] for u, v in edges):
            valid.append(list(order))
    return valid[0] if len(valid) == 1 else None


if __name__ == "__main__":
    # --8<-- [start:demo]
    print(unique_order(3, [[0, 1], [1, 2]]))  # a chain: one way only
    #> [0, 1, 2]
    print(unique_order(3, [[0, 1], [0, 2]]))  # 1 and 2 could swap
    #> None
    print(unique_order(3, [[0, 1], [0, 2], [1, 2]]))  # 1 -> 2 settles it
    #> [0, 1, 2]
    # --8<-- [end:demo]
