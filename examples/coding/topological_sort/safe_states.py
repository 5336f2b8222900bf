"""Eventually safe nodes: those from which every walk ends at a node with no way out."""

from __future__ import annotations

from collections import deque


def _check(graph: list[list[int]]) -> None:
    for node, successors in enumerate(graph):
        if not all(0 <= after < len(graph) for after in successors):
            raise ValueError(f"node {node} points outside 0..{len(graph) - 1}")


# --8<-- [start:optimal]
def safe_nodes(graph: list[list[int]]) -> list[int]:
    """Sorted nodes that cannot reach a cycle; graph[u] lists u's successors.

    Kahn on the reversed graph: peel off nodes whose every successor is
    already safe, starting from the dead ends. Time O(V + E), space O(V + E).
    """
    _check(graph)
    predecessors: list[list[int]] = [[] for _ in graph]
    unsafe_exits = [len(successors) for successors in graph]
    for node, successors in enumerate(graph):
        for after in successors:
            predecessors[after].append(node)
    ready = deque(node for node, exits in enumerate(unsafe_exits) if exits == 0)
    safe = [False] * len(graph)
    while ready:
        node = ready.popleft()
        safe[node] = True
        for before in predecessors[node]:
            unsafe_exits[before] -= 1
            if unsafe_exits[before] == 0:
                ready.append(before)
    return [node for node, is_safe in enumerate(safe) if is_safe]


# --8<-- [end:optimal]


def safe_nodes_brute_force(graph: list[list[int]]) -> list[int]:
    """A node is unsafe if something it reaches reaches itself: O(V * V * (V + E))."""
    _check(graph)

    def reachable(start: int) -> set[int]:
        seen: set[int] = set()
        stack = list(graph[start])  # one step at least: start is in it only via a cycle
        while stack:
            node = stack.pop()
            if node not in seen:
                seen.add(node)
                stack.extend(graph[node])
        return seen

    def on_cycle(node: int) -> bool:
        return node in reachable(node)

    return [
        node
        for node in range(len(graph))
        if not on_cycle(node) and not any(map(on_cycle, reachable(node)))
    ]


if __name__ == "__main__":
    # --8<-- [start:demo]
    # 0 -> 1 -> 2 -> 1 loops; 3 -> 4 ends at a dead end; 5 can go either way.
    print(safe_nodes([[1], [2], [1], [4], [], [3, 1]]))
    #> [3, 4]
    # --8<-- [end:demo]
