"""The true minimum number of transfers, by brute force over subsets.

It exists to show what the greedy gives up, on small groups only: the work
doubles with every extra person (O(2^n * n)).
"""

from __future__ import annotations

from collections.abc import Mapping

MAX_USERS = 16


# --8<-- [start:min_transfers]
def min_transfers(balances: Mapping[str, int]) -> int:
    """Fewest transfers that settle `balances` (which must sum to zero).

    A group of k people whose balances sum to zero settles alone in k - 1
    transfers. So the minimum is n - (most disjoint zero-sum groups the
    people can be split into): a partition problem, NP-hard in general.
    """
    amounts = [cents for cents in balances.values() if cents != 0]
    if sum(amounts) != 0:
        raise ValueError(f"balances must sum to zero, got {sum(amounts)}")
    n = len(amounts)
    if n > MAX_USERS:
        raise ValueError(
            f"exact search is exponential; refusing {n} > {MAX_USERS} users"
        )
    subset_sum = [0] * (1 << n)
    most_groups = [0] * (1 << n)  # zero-sum groups that fit inside each subset
    for mask in range(1, 1 << n):
        low = mask & -mask
        subset_sum[mask] = subset_sum[mask ^ low] + amounts[low.bit_length() - 1]
        best = max(most_groups[mask ^ (1 << i)] for i in range(n) if mask >> i & 1)
        most_groups[mask] = best + (subset_sum[mask] == 0)
    return n - most_groups[(1 << n) - 1]


# --8<-- [end:min_transfers]
