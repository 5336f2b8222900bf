"""Number of islands after each new land cell (Number of Islands II)."""

from __future__ import annotations

from examples.coding.union_find.template import DisjointSet

STEPS = ((1, 0), (-1, 0), (0, 1), (0, -1))


def _check(rows: int, cols: int, positions: list[list[int]]) -> None:
    if rows < 0 or cols < 0:
        raise ValueError(f"the grid must be at least 0 x 0, got {rows} x {cols}")
    for r, c in positions:
        if not (0 <= r < rows and 0 <= c < cols):
            raise ValueError(f"cell {[r, c]} is outside the {rows} x {cols} grid")


# --8<-- [start:optimal]
def islands_after_each(rows: int, cols: int, positions: list[list[int]]) -> list[int]:
    """Water everywhere at first; turn each [row, col] to land, report the islands.

    A new cell is an island of its own (+1); each union with a land neighbor
    from a different island merges two (-1). Adding a cell that is already
    land changes nothing. Time O(rows * cols + k alpha(rows * cols)) for k
    positions, space O(rows * cols).
    """
    _check(rows, cols, positions)
    sets = DisjointSet(rows * cols)  # cell (r, c) is element r * cols + c
    land = [False] * (rows * cols)
    islands, counts = 0, []
    for r, c in positions:
        cell = r * cols + c
        if not land[cell]:
            land[cell] = True
            islands += 1
            for dr, dc in STEPS:
                nr, nc = r + dr, c + dc
                if not (0 <= nr < rows and 0 <= nc < cols and land[nr * cols + nc]):
                    continue
                if sets.union(cell, nr * cols + nc):  # two islands become one
                    islands -= 1
        counts.append(islands)
    return counts


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def islands_after_each_brute_force(
    rows: int, cols: int, positions: list[list[int]]
) -> list[int]:
    """After each new cell, recount every island with a flood fill.

    Time O(k * rows * cols), space O(rows * cols).
    """
    _check(rows, cols, positions)
    land: set[tuple[int, int]] = set()
    counts = []
    for r, c in positions:
        land.add((r, c))
        seen: set[tuple[int, int]] = set()
        islands = 0
        for start in land:
            if start in seen:
                continue
            islands += 1
            seen.add(start)
            stack = [start]
            while stack:
                y, x = stack.pop()
                for dy, dx in STEPS:
                    other = (y + dy, x + dx)
                    if other in land and other not in seen:
                        seen.add(other)
                        stack.append(other)
        counts.append(islands)
    return counts


# --8<-- [end:brute_force]


if __name__ == "__main__":
    # --8<-- [start:demo]
    # 3 x 3: two corners, then the middle of the top row joins them.
    print(islands_after_each(3, 3, [[0, 0], [0, 2], [1, 1], [0, 1], [0, 1]]))
    #> [1, 2, 3, 1, 1]
    # --8<-- [end:demo]
