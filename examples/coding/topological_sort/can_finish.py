"""Can every course be finished? A cycle in the prerequisites is the only obstacle."""

from __future__ import annotations

from collections import deque


def check_courses(num_courses: int, prerequisites: list[list[int]]) -> None:
    if num_courses < 0:
        raise ValueError(f"num_courses must be >= 0, got {num_courses}")
    for pair in prerequisites:
        if len(pair) != 2 or not all(0 <= course < num_courses for course in pair):
            raise ValueError(f"{pair} must be two courses in 0..{num_courses - 1}")


# --8<-- [start:optimal]
def can_finish(num_courses: int, prerequisites: list[list[int]]) -> bool:
    """True if some order takes every course; [course, before] means before first.

    Kahn's algorithm counting courses instead of listing them. Time O(V + E),
    space O(V + E).
    """
    check_courses(num_courses, prerequisites)
    unlocks: list[list[int]] = [[] for _ in range(num_courses)]
    waiting_on = [0] * num_courses
    for course, before in prerequisites:
        unlocks[before].append(course)  # the edge is before -> course
        waiting_on[course] += 1
    ready = deque(c for c in range(num_courses) if waiting_on[c] == 0)
    taken = 0
    while ready:
        course = ready.popleft()
        taken += 1
        for later in unlocks[course]:
            waiting_on[later] -= 1
            if waiting_on[later] == 0:
                ready.append(later)
    return taken == num_courses  # fewer: the rest wait on a cycle


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def can_finish_brute_force(num_courses: int, prerequisites: list[list[int]]) -> bool:
    """Take any course none of whose prerequisites is pending, rescanning every pair.

    Up to V rounds, each scanning all E pairs: time O(V * (V + E)), space O(V).
    """
    check_courses(num_courses, prerequisites)
    pending = set(range(num_courses))
    while pending:
        blocked = {course for course, before in prerequisites if before in pending}
        free = pending - blocked
        if not free:
            return False  # every pending course waits on another pending one
        pending.remove(min(free))
    return True


# --8<-- [end:brute_force]


if __name__ == "__main__":
    # --8<-- [start:demo]
    print(can_finish(3, [[1, 0], [2, 1]]))  # 0, then 1, then 2
    #> True
    print(can_finish(3, [[1, 0], [0, 2], [2, 1]]))  # 0 -> 1 -> 2 -> 0
    #> False
    print(can_finish(1, [[0, 0]]))  # a course that requires itself
    #> False
    # --8<-- [end:demo]
