"""Count the comparisons behind each growth class instead of timing them.

A `Key` reports every `<` and `==` to a shared tally, so the same values can be
looked up in a dict, bisected, sorted and compared pairwise, and the counts
show O(1), O(log n), O(n log n) and O(n^2) directly.
"""

from __future__ import annotations

import math
import random
from bisect import bisect_left
from dataclasses import dataclass
from itertools import combinations


@dataclass
class Tally:
    comparisons: int = 0


class Key:
    """An int that counts how often it is compared."""

    __slots__ = ("tally", "value")

    def __init__(self, value: int, tally: Tally) -> None:
        self.value = value
        self.tally = tally

    def __lt__(self, other: Key) -> bool:
        self.tally.comparisons += 1
        return self.value < other.value

    def __eq__(self, other: object) -> bool:
        self.tally.comparisons += 1
        return isinstance(other, Key) and self.value == other.value

    def __hash__(self) -> int:
        return hash(self.value)


# --8<-- [start:count]
def comparisons_for(n: int, seed: int = 1) -> dict[str, int]:
    """Comparisons each operation makes on n distinct keys (a key found in the middle)."""
    tally = Tally()
    keys = [Key(value, tally) for value in range(n)]
    random.Random(seed).shuffle(keys)
    probe = Key(n // 2, tally)  # equal to a stored key, but not the same object
    table = {key: True for key in keys}
    ordered = sorted(keys, key=lambda key: key.value)  # built without counting
    counts = {}
    for name, operation in [
        ("dict get", lambda: table[probe]),
        ("bisect", lambda: bisect_left(ordered, probe)),
        ("sort", lambda: sorted(keys)),
        ("all pairs", lambda: [a == b for a, b in combinations(keys, 2)]),
    ]:
        tally.comparisons = 0
        operation()
        counts[name] = tally.comparisons
    return counts


def subsets_visited(n: int) -> int:
    """Generate every subset of n items, as a brute-force search would, and count them."""
    items = range(n)
    return sum(1 for size in range(n + 1) for _ in combinations(items, size))


# --8<-- [end:count]


def main() -> None:
    # --8<-- [start:demo]
    print("    n  dict get  bisect    sort  log2(n!)  all pairs")
    #>     n  dict get  bisect    sort  log2(n!)  all pairs
    for n in (10, 100, 1_000):
        c = comparisons_for(n)
        floor = math.lgamma(n + 1) / math.log(2)  # fewest comparisons any sort can need
        row = f"{n:>5} {c['dict get']:>9} {c['bisect']:>7} {c['sort']:>7} {floor:>9.0f}"
        print(row, f"{c['all pairs']:>10}")
        #>    10         1       3      24        22         45
        #>   100         1       6     529       525       4950
        #>  1000         1       9    8625      8529     499500
    print([subsets_visited(n) for n in (5, 10, 15, 20)])
    #> [32, 1024, 32768, 1048576]
    # --8<-- [end:demo]


if __name__ == "__main__":
    main()
