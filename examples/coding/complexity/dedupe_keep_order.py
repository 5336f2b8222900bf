"""Practice: drop repeated values, keeping each value's first occurrence in order."""

from __future__ import annotations

from collections.abc import Hashable, Iterable


# --8<-- [start:given]
def dedupe_slow(values: Iterable[Hashable]) -> list[Hashable]:
    """The version to analyze: looks right, reads well."""
    kept: list[Hashable] = []
    for value in values:
        if value not in kept:
            kept.append(value)
    return kept


# --8<-- [end:given]


# --8<-- [start:solution]
def dedupe(values: Iterable[Hashable]) -> list[Hashable]:
    """O(n) expected time, O(u) extra space for u distinct values.

    Membership moves from the list (a scan of up to u items) to a set (one hash).
    The list still gives the order; dict.fromkeys(values) would do both in one step.
    """
    seen: set[Hashable] = set()
    kept: list[Hashable] = []
    for value in values:
        if value not in seen:
            seen.add(value)
            kept.append(value)
    return kept


# --8<-- [end:solution]


if __name__ == "__main__":
    print(dedupe([3, 1, 3, 2, 1]), dedupe_slow([3, 1, 3, 2, 1]))
    #> [3, 1, 2] [3, 1, 2]
