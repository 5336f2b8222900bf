"""A valid course order, or [] when the prerequisites contain a cycle."""

from __future__ import annotations

from itertools import permutations

from examples.coding.topological_sort.can_finish import check_courses
from examples.coding.topological_sort.template import kahn_order

BRUTE_FORCE_LIMIT = 8  # 8! = 40,320 orders; more is too slow to try them all


# --8<-- [start:optimal]
def course_order(num_courses: int, prerequisites: list[list[int]]) -> list[int]:
    """Every course once, each after its prerequisites; [] if impossible.

    [course, before] is the edge before -> course: flip it, then Kahn.
    Time O(V + E), space O(V + E).
    """
    check_courses(num_courses, prerequisites)
    edges = [[before, course] for course, before in prerequisites]
    return kahn_order(num_courses, edges) or []


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def course_order_brute_force(
    num_courses: int, prerequisites: list[list[int]]
) -> list[int]:
    """Try every permutation until one respects every pair: O(V! * E) time."""
    check_courses(num_courses, prerequisites)
    if num_courses > BRUTE_FORCE_LIMIT:
        raise ValueError(f"brute force tries every order: {num_courses} is too many")
    for order in permutations(range(num_courses)):
        position = {course: index for index, course in enumerate(order)}
        if all(position[before] < position[c] for c, before in prerequisites):
            return list(order)
    return []


# --8<-- [end:brute_force]


if __name__ == "__main__":
    # --8<-- [start:demo]
    prerequisites = [[1, 0], [2, 0], [3, 1], [3, 2]]
    print(course_order(4, prerequisites))
    #> [0, 1, 2, 3]
    print(course_order_brute_force(4, prerequisites))  # valid too; it need not match
    #> [0, 1, 2, 3]
    print(course_order(3, [[0, 1], [1, 0]]))  # 0 and 1 wait on each other
    #> []
    # --8<-- [end:demo]
