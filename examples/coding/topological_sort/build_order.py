"""Build order: the alphabetically smallest order, and the cycle named when none exists."""

from __future__ import annotations

import heapq
from itertools import permutations

from examples.coding.topological_sort.template import find_cycle

BRUTE_FORCE_LIMIT = 8


class DependencyCycle(ValueError):
    """No build order exists; `cycle` is one loop, such as ["a", "b", "a"]."""

    def __init__(self, cycle: list[str]) -> None:
        super().__init__("dependency cycle: " + " -> ".join(cycle))
        self.cycle = cycle


def _indexed(
    projects: list[str], dependencies: list[list[str]]
) -> tuple[dict[str, int], list[list[int]]]:
    index = {name: number for number, name in enumerate(projects)}
    if len(index) != len(projects):
        raise ValueError("each project must be listed once")
    edges = []
    for pair in dependencies:
        unknown = [name for name in pair if name not in index]
        if len(pair) != 2 or unknown:
            raise ValueError(f"dependency {pair} must name two listed projects")
        edges.append([index[pair[0]], index[pair[1]]])
    return index, edges


def _raise_cycle(projects: list[str], edges: list[list[int]]) -> None:
    cycle = find_cycle(len(projects), edges)
    if cycle is not None:
        raise DependencyCycle([projects[number] for number in cycle])


# --8<-- [start:optimal]
def build_order(projects: list[str], dependencies: list[list[str]]) -> list[str]:
    """The alphabetically smallest valid order; [first, then] builds first earlier.

    Kahn with a min-heap: always build the smallest ready name. Time
    O(V log V + E), space O(V + E). DependencyCycle (a ValueError) on a cycle.
    """
    _, edges = _indexed(projects, dependencies)
    unlocks: dict[str, list[str]] = {name: [] for name in projects}
    waiting_on = dict.fromkeys(projects, 0)
    for first, then in dependencies:
        unlocks[first].append(then)
        waiting_on[then] += 1
    ready = [name for name in projects if waiting_on[name] == 0]
    heapq.heapify(ready)
    order: list[str] = []
    while ready:
        name = heapq.heappop(ready)  # smallest ready: nothing smaller can go here
        order.append(name)
        for then in unlocks[name]:
            waiting_on[then] -= 1
            if waiting_on[then] == 0:
                heapq.heappush(ready, then)
    if len(order) < len(projects):
        _raise_cycle(projects, edges)  # a DFS names the loop for the message
    return order


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def build_order_brute_force(
    projects: list[str], dependencies: list[list[str]]
) -> list[str]:
    """Permutations of the sorted names come in alphabetical order: take the first valid.

    Time O(V! * E) at worst.
    """
    _, edges = _indexed(projects, dependencies)
    if len(projects) > BRUTE_FORCE_LIMIT:
        raise ValueError(f"brute force tries every order: {len(projects)} is too many")
    for order in permutations(sorted(projects)):
        position = {name: number for number, name in enumerate(order)}
        if all(position[first] < position[then] for first, then in dependencies):
            return list(order)
    _raise_cycle(projects, edges)
    return []  # unreachable: no valid order means a cycle


# --8<-- [end:brute_force]


if __name__ == "__main__":
    # --8<-- [start:demo]
    projects = ["web", "api", "db", "auth", "cli"]
    needs = [["db", "api"], ["auth", "api"], ["api", "web"], ["api", "cli"]]
    print(build_order(projects, needs))
    #> ['auth', 'db', 'api', 'cli', 'web']
    try:
        build_order(projects, [*needs, ["web", "db"]])
    except ValueError as error:
        print(error)
        #> dependency cycle: web -> db -> api -> web
    # --8<-- [end:demo]
