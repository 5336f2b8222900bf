"""The topological-sort bugs on the page, each running and failing as described."""

from __future__ import annotations

from collections import deque

from examples.coding.topological_sort.template import kahn_order, successors_of


# --8<-- [start:wrong_direction]
def course_order_unflipped(
    num_courses: int, prerequisites: list[list[int]]
) -> list[int]:
    """BUG: uses [course, before] as the edge course -> before."""
    return kahn_order(num_courses, prerequisites) or []


# --8<-- [end:wrong_direction]


# --8<-- [start:isolated]
def kahn_order_edges_only(edges: list[list[int]]) -> list[int]:
    """BUG: finds the nodes by reading the edges, so a node with none is lost."""
    nodes = sorted({node for edge in edges for node in edge})
    index = {node: position for position, node in enumerate(nodes)}
    order = kahn_order(len(nodes), [[index[u], index[v]] for u, v in edges])
    return [nodes[position] for position in order or []]


# --8<-- [end:isolated]


# --8<-- [start:recursive]
def recursive_dfs_order(n: int, edges: list[list[int]]) -> list[int]:
    """Correct on small graphs, but one Python frame per node on the path."""
    graph = successors_of(n, edges)
    seen = [False] * n
    finished: list[int] = []

    def visit(node: int) -> None:
        seen[node] = True
        for after in graph[node]:
            if not seen[after]:
                visit(after)
        finished.append(node)

    for node in range(n):
        if not seen[node]:
            visit(node)
    return finished[::-1]  # BUG too: no GRAY, so a cycle goes unnoticed


# --8<-- [end:recursive]


# --8<-- [start:two_colors]
def has_cycle_visited_means_cycle(n: int, edges: list[list[int]]) -> bool:
    """BUG: any visited node counts as a cycle, as if BLACK were GRAY."""
    graph = successors_of(n, edges)
    visited = [False] * n

    def visit(node: int) -> bool:
        visited[node] = True
        return any(visited[after] or visit(after) for after in graph[node])

    return any(not visited[node] and visit(node) for node in range(n))


# --8<-- [end:two_colors]


# --8<-- [start:duplicates]
def kahn_order_set_adjacency(n: int, edges: list[list[int]]) -> list[int] | None:
    """BUG: successors are a set, but the in-degree counts every copy of an edge."""
    successors: list[set[int]] = [set() for _ in range(n)]
    in_degree = [0] * n
    for before, after in edges:
        successors[before].add(after)  # a second copy adds nothing here...
        in_degree[after] += 1  # ...but counts here
    ready = deque(node for node in range(n) if in_degree[node] == 0)
    order = []
    while ready:
        node = ready.popleft()
        order.append(node)
        for after in successors[node]:
            in_degree[after] -= 1
            if in_degree[after] == 0:
                ready.append(after)
    return order if len(order) == n else None


# --8<-- [end:duplicates]


# --8<-- [start:leftovers]
def leftovers(n: int, edges: list[list[int]]) -> list[int]:
    """The nodes Kahn's algorithm never outputs: cycles and everything after them."""
    order = kahn_order_partial(n, edges)
    return sorted(set(range(n)) - set(order))


# --8<-- [end:leftovers]


def kahn_order_partial(n: int, edges: list[list[int]]) -> list[int]:
    """Kahn's output, however short."""
    graph = successors_of(n, edges)
    in_degree = [0] * n
    for successors in graph:
        for after in successors:
            in_degree[after] += 1
    ready = deque(node for node in range(n) if in_degree[node] == 0)
    order = []
    while ready:
        node = ready.popleft()
        order.append(node)
        for after in graph[node]:
            in_degree[after] -= 1
            if in_degree[after] == 0:
                ready.append(after)
    return order


if __name__ == "__main__":
    # --8<-- [start:demo_direction]
    print(course_order_unflipped(2, [[1, 0]]))  # course 1 needs 0: 1 comes first?
    #> [1, 0]
    # --8<-- [end:demo_direction]
    # --8<-- [start:demo_isolated]
    print(kahn_order_edges_only([[0, 1]]))  # with 3 nodes, 2 has no edges
    #> [0, 1]
    # --8<-- [end:demo_isolated]
    # --8<-- [start:demo_recursive]
    chain = [[node, node + 1] for node in range(1_499)]  # 0 -> 1 -> ... -> 1,499
    try:
        recursive_dfs_order(1_500, chain)
    except RecursionError as error:
        print("RecursionError:", error)
        #> RecursionError: maximum recursion depth exceeded
    # --8<-- [end:demo_recursive]
    # --8<-- [start:demo_colors]
    diamond = [[0, 1], [0, 2], [1, 3], [2, 3]]  # 3 is reached twice, no cycle
    print(has_cycle_visited_means_cycle(4, diamond))
    #> True
    print(recursive_dfs_order(2, [[0, 1], [1, 0]]))  # GRAY skipped like BLACK
    #> [0, 1]
    # --8<-- [end:demo_colors]
    # --8<-- [start:demo_duplicates]
    print(kahn_order_set_adjacency(2, [[0, 1], [0, 1]]))  # the same edge twice
    #> None
    # --8<-- [end:demo_duplicates]
    # --8<-- [start:demo_leftovers]
    print(leftovers(4, [[0, 1], [1, 0], [1, 2], [2, 3]]))  # the cycle is 0 <-> 1
    #> [0, 1, 2, 3]
    # --8<-- [end:demo_leftovers]
