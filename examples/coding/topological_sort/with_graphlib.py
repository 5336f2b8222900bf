"""The standard library's topological sort (Python 3.9+) beside the hand-written one."""

from __future__ import annotations

from graphlib import CycleError, TopologicalSorter
from itertools import pairwise

from examples.coding.topological_sort.template import successors_of


# --8<-- [start:static_order]
def predecessors_of(n: int, edges: list[list[int]]) -> dict[int, list[int]]:
    """graphlib wants {node: its predecessors}, the reverse of an adjacency list."""
    successors_of(n, edges)  # validate like the hand-written versions
    predecessors: dict[int, list[int]] = {node: [] for node in range(n)}
    for before, after in edges:
        predecessors[after].append(before)
    return predecessors


def graphlib_order(n: int, edges: list[list[int]]) -> list[int] | None:
    """Like kahn_order, through graphlib; None on a cycle."""
    try:
        return list(TopologicalSorter(predecessors_of(n, edges)).static_order())
    except CycleError:
        return None


def graphlib_cycle(n: int, edges: list[list[int]]) -> list[int] | None:
    """The cycle graphlib reports in args[1], each node a predecessor of the next.

    The docs promise that shape, not which cycle or which node comes first.
    """
    try:
        TopologicalSorter(predecessors_of(n, edges)).prepare()  # looks for cycles
    except CycleError as error:
        return list(error.args[1])
    return None


# --8<-- [end:static_order]


# --8<-- [start:batches]
def ready_batches(predecessors: dict[str, list[str]]) -> list[list[str]]:
    """The prepare / get_ready / done protocol, one batch at a time.

    A scheduler would hand each ready node to a worker and call done() as
    each one finishes; here a whole batch finishes before the next starts,
    so each batch is one BFS level of Kahn's algorithm.
    """
    sorter = TopologicalSorter(predecessors)
    sorter.prepare()  # raises CycleError before any work starts
    batches = []
    while sorter.is_active():  # something is ready, or handed out and not done
        batch = sorted(sorter.get_ready())  # sorted only to print the same each run
        batches.append(batch)
        sorter.done(*batch)  # this unlocks the nodes whose last predecessor it was
    return batches


# --8<-- [end:batches]


if __name__ == "__main__":
    # --8<-- [start:demo]
    print(graphlib_order(4, [[0, 1], [1, 2], [2, 3]]))  # a chain: one order only
    #> [0, 1, 2, 3]
    loop = [[0, 1], [1, 2], [2, 0]]
    cycle = graphlib_cycle(3, loop) or []
    # Check the promise, not the list: another Python may start elsewhere.
    print(cycle[0] == cycle[-1], sorted(cycle[:-1]))
    #> True [0, 1, 2]
    print(all([u, v] in loop for u, v in pairwise(cycle)))  # u precedes v
    #> True
    build = {"app": ["lib", "config"], "lib": ["util"], "tests": ["app"]}
    print(ready_batches(build))  # nodes that appear only as predecessors count too
    #> [['config', 'util'], ['lib'], ['app'], ['tests']]
    # --8<-- [end:demo]
