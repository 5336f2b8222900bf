"""Number of provinces: connected groups in an adjacency matrix."""

from __future__ import annotations

from examples.coding.union_find.template import DisjointSet


def _check(linked: list[list[int]]) -> None:
    n = len(linked)
    for i, row in enumerate(linked):
        if len(row) != n:
            raise ValueError(f"row {i} has {len(row)} entries; the matrix is {n} x {n}")
        for j, value in enumerate(row):
            if value not in (0, 1) or value != linked[j][i]:
                raise ValueError("the matrix must be symmetric, of 0s and 1s")


# --8<-- [start:optimal]
def count_provinces(linked: list[list[int]]) -> int:
    """linked[i][j] == 1 when cities i and j are directly connected.

    Only the upper triangle is read: the matrix is symmetric. Time
    O(n^2 alpha(n)), space O(n) beyond the input.
    """
    _check(linked)
    sets = DisjointSet(len(linked))
    for i, row in enumerate(linked):
        for j in range(i + 1, len(row)):
            if row[j]:
                sets.union(i, j)
    return sets.count


# --8<-- [end:optimal]


def count_provinces_brute_force(linked: list[list[int]]) -> int:
    """Depth-first search from every unvisited city, with an explicit stack."""
    _check(linked)
    seen = [False] * len(linked)
    provinces = 0
    for start in range(len(linked)):
        if not seen[start]:
            provinces += 1
            seen[start] = True
            stack = [start]
            while stack:
                city = stack.pop()
                for other, edge in enumerate(linked[city]):
                    if edge and not seen[other]:
                        seen[other] = True
                        stack.append(other)
    return provinces


if __name__ == "__main__":
    print(count_provinces([[1, 1, 0], [1, 1, 0], [0, 0, 1]]))
    #> 2
