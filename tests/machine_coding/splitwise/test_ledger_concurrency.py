"""Eight threads add expenses and payments at once: no cent is lost or counted twice."""

from __future__ import annotations

import sys
import threading
from collections import Counter
from collections.abc import Iterator

import pytest

from examples.machine_coding.splitwise.ledger import ExpenseBook
from examples.machine_coding.splitwise.splits import EqualSplit

THREADS = 8
OPS = 2_000
USERS = [f"u{i}" for i in range(10)]


@pytest.fixture(autouse=True)
def switch_threads_often() -> Iterator[None]:
    """Make the interpreter switch threads far more often, so a missing lock shows."""
    previous = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(previous)


def test_concurrent_writes_add_up_exactly() -> None:
    book = ExpenseBook()
    for user in USERS:
        book.add_user(user, user)
    book.add_group("all", USERS)
    start = threading.Barrier(THREADS, timeout=10)
    expected = [Counter() for _ in range(THREADS)]

    def writer(n: int) -> None:
        start.wait()
        for i in range(OPS):
            payer = USERS[(n + i) % len(USERS)]
            if i % 4 == 3:
                payee = USERS[(n + i + 1) % len(USERS)]
                book.record_payment(payer, payee, 7, group_id="all")
                expected[n].update({payer: 7, payee: -7})
                continue
            names = [USERS[(n + i + k) % len(USERS)] for k in range(1, 4)]
            expense = book.add_expense(payer, 1_000 + i, EqualSplit(names), group_id="all")
            expected[n][payer] += expense.amount_cents
            expected[n].subtract(dict(expense.shares))

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
        assert not thread.is_alive()

    total: Counter[str] = Counter()
    for per_thread in expected:
        total.update(per_thread)  # not `+`: Counter addition drops negative counts
    want = {u: c for u, c in sorted(total.items()) if c}
    assert book.balances() == want
    assert book.balances("all") == want
    assert sum(book.balances().values()) == 0
    expenses = book.expenses()
    assert len(expenses) == THREADS * OPS * 3 // 4
    assert sorted(e.expense_id for e in expenses) == list(range(1, len(expenses) + 1))  # no id reused
