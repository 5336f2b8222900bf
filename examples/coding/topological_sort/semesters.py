"""Fewest semesters when any number of courses fit in one: Kahn, a level at a time."""

from __future__ import annotations

from examples.coding.topological_sort.can_finish import check_courses


# --8<-- [start:optimal]
def minimum_semesters(num_courses: int, prerequisites: list[list[int]]) -> int:
    """Semesters needed to take every course, or -1 on a cycle.

    [course, before]: before must be taken in an earlier semester. Each BFS
    level is one semester, so the answer is the number of courses on the
    longest prerequisite chain. Time O(V + E), space O(V + E).
    """
    check_courses(num_courses, prerequisites)
    unlocks: list[list[int]] = [[] for _ in range(num_courses)]
    waiting_on = [0] * num_courses
    for course, before in prerequisites:
        unlocks[before].append(course)
        waiting_on[course] += 1
    semester = [c for c in range(num_courses) if waiting_on[c] == 0]
    semesters = taken = 0
    while semester:
        # Invariant: `semester` holds every course whose last prerequisite
        # was taken in the previous semester, and nothing else.
        semesters += 1
        taken += len(semester)
        following = []
        for course in semester:
            for later in unlocks[course]:
                waiting_on[later] -= 1
                if waiting_on[later] == 0:
                    following.append(later)
        semester = following
    return semesters if taken == num_courses else -1


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def minimum_semesters_brute_force(
    num_courses: int, prerequisites: list[list[int]]
) -> int:
    """Each semester, rescan every pair for the courses that are free to take.

    Up to V semesters of O(V + E) scans: O(V * (V + E)) time.
    """
    check_courses(num_courses, prerequisites)
    pending = set(range(num_courses))
    semesters = 0
    while pending:
        blocked = {course for course, before in prerequisites if before in pending}
        free = pending - blocked
        if not free:
            return -1
        pending -= free  # all of them at once: parallel courses
        semesters += 1
    return semesters


# --8<-- [end:brute_force]


if __name__ == "__main__":
    # --8<-- [start:demo]
    # 0 -> 1 -> 3 is the longest chain; 2 fits beside 1.
    print(minimum_semesters(4, [[1, 0], [2, 0], [3, 1]]))
    #> 3
    print(minimum_semesters(3, []))  # no prerequisites: all at once
    #> 1
    print(minimum_semesters(2, [[0, 1], [1, 0]]))
    #> -1
    # --8<-- [end:demo]
