"""Smallest string reachable by swapping allowed pairs of positions, any number of times."""

from __future__ import annotations

from collections import deque

from examples.coding.union_find.template import DisjointSet


def _check(text: str, pairs: list[list[int]]) -> None:
    for i, j in pairs:
        if not (0 <= i < len(text) and 0 <= j < len(text)):
            raise ValueError(f"pair {[i, j]} is outside 0..{len(text) - 1}")


# --8<-- [start:optimal]
def smallest_string_with_swaps(text: str, pairs: list[list[int]]) -> str:
    """Positions linked by pairs form groups; any order within a group is reachable.

    So sort each group's letters into its sorted positions. Time
    O(n log n + p alpha(n)) for p pairs, space O(n).
    """
    _check(text, pairs)
    sets = DisjointSet(len(text))
    for i, j in pairs:
        sets.union(i, j)
    groups: dict[int, list[int]] = {}
    for position in range(len(text)):  # ascending, so each group's list is sorted
        groups.setdefault(sets.find(position), []).append(position)
    result = list(text)
    for positions in groups.values():
        for position, letter in zip(
            positions, sorted(text[p] for p in positions), strict=True
        ):
            result[position] = letter
    return "".join(result)


# --8<-- [end:optimal]


def smallest_string_with_swaps_brute_force(text: str, pairs: list[list[int]]) -> str:
    """Breadth-first search over every reachable string; the smallest wins."""
    _check(text, pairs)
    seen, queue = {text}, deque([text])
    while queue:
        current = queue.popleft()
        for i, j in pairs:
            chars = list(current)
            chars[i], chars[j] = chars[j], chars[i]
            swapped = "".join(chars)
            if swapped not in seen:
                seen.add(swapped)
                queue.append(swapped)
    return min(seen)


if __name__ == "__main__":
    print(smallest_string_with_swaps("dcab", [[0, 3], [1, 2]]))
    #> bacd
    print(smallest_string_with_swaps("dcab", [[0, 3], [1, 2], [0, 2]]))
    #> abcd
