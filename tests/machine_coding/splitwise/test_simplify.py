"""Greedy simplification settles every balance in at most n - 1 transfers, never below the true minimum."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.machine_coding.splitwise.exact import min_transfers
from examples.machine_coding.splitwise.simplify import Transfer, simplify


def apply(balances: dict[str, int], transfers: list[Transfer]) -> dict[str, int]:
    after = Counter(balances)
    for t in transfers:
        after[t.payer] += t.amount_cents  # paying off debt raises your balance
        after[t.payee] -= t.amount_cents
    return {user: cents for user, cents in after.items() if cents}


def test_a_simple_chain_becomes_one_transfer() -> None:
    # a lent b 10, b lent c 10: b is even, c pays a directly.
    assert simplify({"a": 1_000, "b": 0, "c": -1_000}) == [Transfer("c", "a", 1_000)]


def test_largest_debtor_pays_largest_creditor_first() -> None:
    balances = {"ann": 4_000, "bo": 3_000, "cy": 3_000, "dee": -6_000, "eve": -4_000}
    assert simplify(balances) == [
        Transfer("dee", "ann", 4_000),
        Transfer("eve", "bo", 3_000),
        Transfer("dee", "cy", 2_000),
        Transfer("eve", "cy", 1_000),
    ]


def test_nothing_to_settle() -> None:
    assert simplify({}) == []
    assert simplify({"a": 0, "b": 0}) == []


def test_balances_must_sum_to_zero() -> None:
    with pytest.raises(ValueError, match="sum to zero, got 1"):
        simplify({"a": 500, "b": -499})


@pytest.mark.parametrize("bad", [1.5, "3", True, None])
def test_balances_must_be_int_cents(bad: object) -> None:
    with pytest.raises(TypeError, match="int cents"):
        simplify({"a": bad, "b": 0})


def test_the_input_is_not_modified() -> None:
    balances = {"a": 300, "b": -100, "c": -200}
    simplify(balances)
    assert balances == {"a": 300, "b": -100, "c": -200}


@st.composite
def zero_sum_balances(draw: st.DrawFn, max_users: int = 12) -> dict[str, int]:
    amounts = draw(st.lists(st.integers(-50_000, 50_000), min_size=1, max_size=max_users - 1))
    amounts.append(-sum(amounts))  # the last user absorbs the difference
    return {f"u{i:02d}": cents for i, cents in enumerate(amounts)}


@settings(max_examples=300, deadline=None)
@given(balances=zero_sum_balances())
def test_simplify_settles_everything_in_at_most_n_minus_1_positive_transfers(balances: dict[str, int]) -> None:
    transfers = simplify(balances)
    nonzero = sum(1 for cents in balances.values() if cents)
    assert apply(balances, transfers) == {}  # every net balance is exactly settled
    assert len(transfers) <= max(nonzero - 1, 0)
    assert all(t.amount_cents > 0 for t in transfers)
    assert all(t.payer != t.payee for t in transfers)
    payers = {t.payer for t in transfers}
    payees = {t.payee for t in transfers}
    assert not payers & payees  # nobody both pays and receives
    assert all(balances[p] < 0 for p in payers)
    assert all(balances[p] > 0 for p in payees)
    # Money moved is the least possible: exactly what creditors are owed.
    assert sum(t.amount_cents for t in transfers) == sum(c for c in balances.values() if c > 0)


@settings(max_examples=150, deadline=None)
@given(balances=zero_sum_balances(max_users=8))
def test_greedy_is_never_better_than_the_exact_minimum(balances: dict[str, int]) -> None:
    nonzero = sum(1 for cents in balances.values() if cents)
    best = min_transfers(balances)
    assert best <= len(simplify(balances)) <= max(nonzero - 1, 0)


def test_greedy_finds_a_zero_sum_pair_only_when_the_heaps_line_it_up() -> None:
    # Equal amounts at the top of both heaps pair off: here the greedy is optimal.
    pairs = {"a": 5, "b": -5, "c": 7, "d": -7, "e": 2, "f": -2}
    assert len(simplify(pairs)) == min_transfers(pairs) == 3
    # ann and eve (40.00 each) could pair too, but dee (60.00) is the largest debtor.
    balances = {"ann": 4_000, "bo": 3_000, "cy": 3_000, "dee": -6_000, "eve": -4_000}
    assert (len(simplify(balances)), min_transfers(balances)) == (4, 3)
