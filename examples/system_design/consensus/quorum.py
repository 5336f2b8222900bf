"""Why a majority: any two majorities share a member, and what each cluster size tolerates.

The overlap is checked by brute force over every pair of node sets, so the
table is computed, not asserted.
"""

from __future__ import annotations

from itertools import combinations


# --8<-- [start:quorum]
def majority(n: int) -> int:
    """The smallest number of members that is more than half of `n`."""
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(f"a cluster has at least one member, got {n!r}")
    return n // 2 + 1


def always_overlap(n: int, quorum: int) -> bool:
    """Do every two sets of `quorum` members out of `n` share at least one member?"""
    if not 1 <= quorum <= n:
        raise ValueError(f"quorum must be between 1 and {n}, got {quorum!r}")
    groups = [set(g) for g in combinations(range(n), quorum)]
    return all(a & b for a, b in combinations(groups, 2)) if len(groups) > 1 else True


print("members  majority  tolerates  majorities overlap")
#> members  majority  tolerates  majorities overlap
for n in range(1, 8):
    q = majority(n)
    print(f"{n:>7} {q:>9} {n - q:>10}  {always_overlap(n, q)}")
    #>       1         1          0  True
    #>       2         2          0  True
    #>       3         2          1  True
    #>       4         3          1  True
    #>       5         3          2  True
    #>       6         4          2  True
    #>       7         4          3  True
# --8<-- [end:quorum]

# --8<-- [start:half]
# Half is not enough: with 4 members, two groups of 2 can each "win".
print("4 members, quorum 2, overlap:", always_overlap(4, 2))
#> 4 members, quorum 2, overlap: False
# --8<-- [end:half]
