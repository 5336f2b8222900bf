"""BFS and DFS over any graph you can describe with a neighbors function."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Hashable, Iterable
from typing import TypeVar

Node = TypeVar("Node", bound=Hashable)


# --8<-- [start:bfs]
def bfs(
    starts: Iterable[Node], neighbors: Callable[[Node], Iterable[Node]]
) -> dict[Node, int]:
    """Fewest edges from the nearest start to every node reachable from one.

    Several starts make it multi-source BFS. O(V + E) time, O(V) space.
    """
    distance = {start: 0 for start in starts}
    queue = deque(distance)
    # Invariant: a node is in `distance` from the moment it is queued, with its
    # final value; the queue holds distances d then d + 1, never more spread.
    while queue:
        node = queue.popleft()
        for nxt in neighbors(node):
            if nxt not in distance:  # mark on enqueue: each node queued once
                distance[nxt] = distance[node] + 1
                queue.append(nxt)
    return distance


# --8<-- [end:bfs]


# --8<-- [start:dfs]
def dfs_recursive(
    start: Node, neighbors: Callable[[Node], Iterable[Node]]
) -> list[Node]:
    """Nodes in the order depth-first search first reaches them.

    One stack frame per node on the current path: a path longer than about
    1,000 nodes raises RecursionError in CPython.
    """
    order: list[Node] = []
    seen: set[Node] = set()

    def visit(node: Node) -> None:
        seen.add(node)
        order.append(node)
        for nxt in neighbors(node):
            if nxt not in seen:
                visit(nxt)

    visit(start)
    return order


def dfs_iterative(
    start: Node, neighbors: Callable[[Node], Iterable[Node]]
) -> list[Node]:
    """The same order as dfs_recursive, with the call stack replaced by a list.

    Each stack entry is the neighbor iterator a recursive call would be
    looping over, so the walk resumes exactly where the recursion would.
    """
    order, seen = [start], {start}
    stack = [iter(neighbors(start))]
    # Invariant: stack[i] is the unfinished neighbor loop of the i-th node on the path.
    while stack:
        for nxt in stack[-1]:
            if nxt not in seen:
                seen.add(nxt)
                order.append(nxt)
                stack.append(iter(neighbors(nxt)))
                break  # go deeper before finishing this node's loop
        else:
            stack.pop()  # every neighbor done: this call would return
    return order


# --8<-- [end:dfs]


if __name__ == "__main__":
    from examples.coding.graphs.representation import adjacency_list

    # --8<-- [start:demo]
    graph = adjacency_list(6, [[0, 1], [0, 2], [1, 3], [2, 3], [3, 4]])
    print(bfs([0], graph.__getitem__))  # node 5 is unreachable: absent
    #> {0: 0, 1: 1, 2: 1, 3: 2, 4: 3}
    print(dfs_recursive(0, graph.__getitem__))
    #> [0, 1, 3, 2, 4]
    print(dfs_iterative(0, graph.__getitem__))
    #> [0, 1, 3, 2, 4]
    # --8<-- [end:demo]
