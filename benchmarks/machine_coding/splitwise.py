"""Splitwise: add_expense and settle-up cost as the book grows 100x.

Claims on docs/machine-coding/splitwise.md backed here:
- add_expense costs O(k log k) for k participants (the split sorts remainders),
  whatever the number of users and past expenses, because balances are kept up
  to date on every write;
- greedy simplify costs O(n log n) for n non-zero balances, so its time per
  balance grows only by the log factor.
"""

from __future__ import annotations

import random

from benchmarks.timing import per_operation, quick_mode, report
from examples.machine_coding.splitwise.ledger import ExpenseBook
from examples.machine_coding.splitwise.simplify import simplify
from examples.machine_coding.splitwise.splits import EqualSplit

ADDS = 500 if quick_mode() else 5_000
PARTICIPANTS = 4


def book_with_history(size: int) -> tuple[ExpenseBook, list[str], random.Random]:
    """`size` users who already share `size` expenses."""
    rng = random.Random(size)  # noqa: S311 - seeded, repeatable workloads, not secrets
    users = [f"u{i}" for i in range(size)]
    book = ExpenseBook()
    for user in users:
        book.add_user(user, user)
    for _ in range(size):
        book.add_expense(rng.choice(users), rng.randint(100, 50_000), EqualSplit(rng.sample(users, PARTICIPANTS)))
    return book, users, rng


def add_expenses(size: int):
    book, users, rng = book_with_history(size)
    planned = [
        (rng.choice(users), rng.randint(100, 50_000), EqualSplit(rng.sample(users, PARTICIPANTS))) for _ in range(ADDS)
    ]

    def run() -> None:
        for payer, amount, split in planned:
            book.add_expense(payer, amount, split)

    return run, ADDS


def settle_up(size: int):
    """One simplify over `size` random balances; reported per balance."""
    rng = random.Random(size)  # noqa: S311 - seeded, repeatable workloads, not secrets
    amounts = [rng.randint(-100_000, 100_000) for _ in range(size - 1)]
    amounts.append(-sum(amounts))
    balances = {f"u{i}": cents for i, cents in enumerate(amounts)}

    def run() -> None:
        simplify(balances)

    return run, size


if __name__ == "__main__":
    report(f"add_expense ({PARTICIPANTS} participants)", per_operation(add_expenses))
    report("simplify (time per balance)", per_operation(settle_up))
