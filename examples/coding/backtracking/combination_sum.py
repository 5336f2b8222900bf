"""Combination sum: every multiset of candidates, each usable again, that adds up to a target."""

from __future__ import annotations

from itertools import product


# --8<-- [start:optimal]
def combination_sum(candidates: list[int], target: int) -> list[list[int]]:
    """Every combination of candidates (reuse allowed) that sums to `target`.

    Each combination is sorted ascending and appears once; repeated
    candidates count once. Passing `i`, not `i + 1`, to the recursive call is
    what allows reuse; starting at `i` is what prevents [2, 3] and [3, 2].
    Sorting lets the loop stop at the first candidate that overshoots: every
    later one overshoots too. Time: exponential in target / min(candidates);
    extra space O(target / min(candidates)) for the path.
    Raises ValueError on a candidate below 1 (a 0 allows endless answers).
    """
    if any(c < 1 for c in candidates):
        raise ValueError("candidates must be positive integers")
    values = sorted(set(candidates))
    result: list[list[int]] = []
    path: list[int] = []

    def explore(start: int, remaining: int) -> None:
        if remaining == 0:
            result.append(path.copy())
            return
        for i in range(start, len(values)):
            if values[i] > remaining:
                break  # sorted: every later candidate is too big as well
            path.append(values[i])
            explore(i, remaining - values[i])  # i again: reuse allowed
            path.pop()

    explore(0, target)
    return result


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def combination_sum_brute_force(candidates: list[int], target: int) -> list[list[int]]:
    """Try every vector of counts, 0 to target // c of each candidate c.

    Time: the product of (target // c + 1) over the candidates, times n.
    """
    if any(c < 1 for c in candidates):
        raise ValueError("candidates must be positive integers")
    if target < 0:
        return []
    values = sorted(set(candidates))
    ranges = [range(target // c + 1) for c in values]
    return [
        [c for c, k in zip(values, counts, strict=True) for _ in range(k)]
        for counts in product(*ranges)
        if sum(c * k for c, k in zip(values, counts, strict=True)) == target
    ]


# --8<-- [end:brute_force]


if __name__ == "__main__":
    # --8<-- [start:demo]
    print(combination_sum([2, 3, 6, 7], 7))
    #> [[2, 2, 3], [7]]
    print(combination_sum([5, 3, 2], 8))
    #> [[2, 2, 2, 2], [2, 3, 3], [3, 5]]
    print(combination_sum([4], 3))
    #> []
    # --8<-- [end:demo]
