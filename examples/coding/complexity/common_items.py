"""Practice: the items of `a` that also appear in `b`, in a's order, repeats of a kept."""

from __future__ import annotations

from collections.abc import Hashable, Sequence


# --8<-- [start:given]
def common_items_slow(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[Hashable]:
    """The version to analyze."""
    return [item for item in a if item in b]


# --8<-- [end:given]


# --8<-- [start:solution]
def common_items(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[Hashable]:
    """O(n + m) expected time for len(a) = n, len(b) = m; O(m) extra space.

    Build the set once (m inserts), then each of a's n items costs one lookup.
    """
    in_b = set(b)
    return [item for item in a if item in in_b]


# --8<-- [end:solution]


if __name__ == "__main__":
    print(
        common_items([4, 1, 4, 7], [7, 4, 9]),
        common_items_slow([4, 1, 4, 7], [7, 4, 9]),
    )
    #> [4, 4, 7] [4, 4, 7]
