"""Random expenses and payments against a model that replays history from scratch."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from examples.machine_coding.splitwise.ledger import ExpenseBook
from examples.machine_coding.splitwise.simplify import simplify
from examples.machine_coding.splitwise.splits import EqualSplit, ExactSplit, PercentSplit

USERS = ["u0", "u1", "u2", "u3", "u4", "u5"]
GROUP = ["u0", "u1", "u2", "u3"]


@st.composite
def actions(draw: st.DrawFn) -> tuple:
    in_group = draw(st.booleans())
    pool = GROUP if in_group else USERS
    payer = draw(st.sampled_from(pool))
    amount = draw(st.integers(min_value=1, max_value=100_000))
    names = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=len(pool), unique=True))
    kind = draw(st.sampled_from(["equal", "exact", "percent", "payment"]))
    if kind == "equal":
        split = EqualSplit(names)
    elif kind == "exact":
        cuts = sorted(draw(st.lists(st.integers(0, amount), min_size=len(names) - 1, max_size=len(names) - 1)))
        split = ExactSplit({n: b - a for n, a, b in zip(names, [0, *cuts], [*cuts, amount], strict=True)})
    elif kind == "percent":
        cuts = sorted(draw(st.lists(st.integers(0, 10_000), min_size=len(names) - 1, max_size=len(names) - 1)))
        points = [b - a for a, b in zip([0, *cuts], [*cuts, 10_000], strict=True)]
        split = PercentSplit({n: Decimal(p) / 100 for n, p in zip(names, points, strict=True)})
    else:
        payee = draw(st.sampled_from([u for u in pool if u != payer]))
        return ("payment", payer, payee, amount, "g" if in_group else None)
    return ("expense", payer, amount, split, "g" if in_group else None)


@settings(max_examples=120, deadline=None)
@given(steps=st.lists(actions(), max_size=30))
def test_balances_match_a_replayed_model_and_always_sum_to_zero(steps: list[tuple]) -> None:
    book = ExpenseBook()
    for user in USERS:
        book.add_user(user, user)
    book.add_group("g", GROUP)
    overall: Counter[str] = Counter()
    in_group: Counter[str] = Counter()
    for step in steps:
        if step[0] == "expense":
            _, payer, amount, split, group = step
            expense = book.add_expense(payer, amount, split, group_id=group)
            assert sum(cents for _, cents in expense.shares) == amount  # every split is exact
            changes = Counter({payer: amount})
            changes.subtract(dict(expense.shares))
        else:
            _, payer, payee, amount, group = step
            book.record_payment(payer, payee, amount, group_id=group)
            changes = Counter({payer: amount, payee: -amount})
        for model in (overall, in_group) if group else (overall,):
            model.update(changes)
        assert sum(book.balances().values()) == 0
        assert sum(book.balances("g").values()) == 0
    assert book.balances() == {u: c for u, c in sorted(overall.items()) if c}
    assert book.balances("g") == {u: c for u, c in sorted(in_group.items()) if c}
    assert len(book.expenses()) == sum(1 for s in steps if s[0] == "expense")
    for group in (None, "g"):
        transfers = book.settle_up(group)
        nonzero = len(book.balances(group))
        assert len(transfers) <= max(nonzero - 1, 0)
        assert all(t.amount_cents > 0 for t in transfers)
    assert simplify(book.balances()) == book.settle_up()
