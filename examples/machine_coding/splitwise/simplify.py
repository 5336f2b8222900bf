"""Debt simplification: settle every net balance in at most n - 1 transfers."""

from __future__ import annotations

import heapq
from collections.abc import Mapping
from dataclasses import dataclass


# --8<-- [start:transfer]
@dataclass(frozen=True)
class Transfer:
    """One payment that settles debt: `payer` sends `amount_cents` to `payee`."""

    payer: str
    payee: str
    amount_cents: int


# --8<-- [end:transfer]


# --8<-- [start:simplify]
def simplify(balances: Mapping[str, int]) -> list[Transfer]:
    """Greedy settle-up: the largest debtor pays the largest creditor, repeatedly.

    A balance is what a user is owed (positive) or owes (negative); they must
    sum to zero. Each transfer zeroes at least one of the two sides, and the
    last one zeroes both, so n users with a non-zero balance need at most
    n - 1 transfers. Ties break by user id, so the output is deterministic.
    """
    for user, cents in balances.items():
        if not isinstance(cents, int) or isinstance(cents, bool):
            raise TypeError(f"balance of {user} must be int cents, got {cents!r}")
    if sum(balances.values()) != 0:
        raise ValueError(f"balances must sum to zero, got {sum(balances.values())}")
    # Max-heaps by amount, stored negated because heapq is a min-heap.
    creditors = [(-cents, user) for user, cents in balances.items() if cents > 0]
    debtors = [(cents, user) for user, cents in balances.items() if cents < 0]
    heapq.heapify(creditors)
    heapq.heapify(debtors)
    transfers: list[Transfer] = []
    while creditors:  # debtors empty out at the same step: the sums match
        owed, payee = heapq.heappop(creditors)
        owes, payer = heapq.heappop(debtors)
        amount = min(-owed, -owes)
        transfers.append(Transfer(payer, payee, amount))
        if -owed > amount:
            heapq.heappush(creditors, (owed + amount, payee))
        if -owes > amount:
            heapq.heappush(debtors, (owes + amount, payer))
    return transfers


# --8<-- [end:simplify]
