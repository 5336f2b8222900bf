"""Meeting rooms: can one person attend every meeting?"""

from __future__ import annotations

from itertools import combinations, pairwise

from examples.coding.intervals_greedy.checks import require_intervals


# --8<-- [start:optimal]
def can_attend_all(meetings: list[list[int]]) -> bool:
    """True if no two half-open meetings [start, end) overlap.

    A meeting that ends at 10 and one that starts at 10 do not clash.
    Time O(n log n), space O(n).
    """
    require_intervals(meetings, closed=False)
    ordered = sorted(meetings)
    # If any two clash, two neighbors in start order clash: check only those.
    return all(earlier[1] <= later[0] for earlier, later in pairwise(ordered))


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def can_attend_all_brute_force(meetings: list[list[int]]) -> bool:
    """Compare every pair of meetings. Time O(n^2), space O(1)."""
    require_intervals(meetings, closed=False)
    return not any(
        a_start < b_end and b_start < a_end
        for (a_start, a_end), (b_start, b_end) in combinations(meetings, 2)
    )


# --8<-- [end:brute_force]


if __name__ == "__main__":
    # --8<-- [start:demo]
    print(can_attend_all([[0, 30], [5, 10], [15, 20]]))
    #> False
    print(can_attend_all([[9, 10], [10, 11]]))  # half-open: back to back is fine
    #> True
    # --8<-- [end:demo]
