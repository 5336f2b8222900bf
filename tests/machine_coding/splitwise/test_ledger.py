"""ExpenseBook behaviour: users, groups, expenses, payments, and refusals that change nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from examples.machine_coding.splitwise.errors import (
    DuplicateIdError,
    InvalidAmountError,
    InvalidIdError,
    InvalidPaymentError,
    InvalidSplitError,
    SplitwiseError,
    UnknownGroupError,
    UnknownUserError,
)
from examples.machine_coding.splitwise.ledger import Expense, ExpenseBook
from examples.machine_coding.splitwise.simplify import Transfer
from examples.machine_coding.splitwise.splits import EqualSplit, ExactSplit, PercentSplit


class LyingSplit:
    """A custom split whose shares do not add up; the book must not trust it."""

    participants = ("a", "b")

    def shares(self, total_cents: int) -> dict[str, int]:
        return {"a": total_cents, "b": 1}


class FloatSplit:
    """A custom split that returns float cents; their sum still equals the total."""

    participants = ("a", "b")

    def shares(self, total_cents: int) -> dict[str, float]:
        return {"a": total_cents / 2, "b": total_cents / 2}


class BoolSplit:
    """A custom split whose shares are bools: True + True == 2, yet they are not cents."""

    participants = ("a", "b")

    def shares(self, total_cents: int) -> dict[str, bool]:
        return {"a": True, "b": True}


@pytest.fixture
def book() -> ExpenseBook:
    book = ExpenseBook()
    for user in "abcd":
        book.add_user(user, user.upper())
    book.add_group("trip", ["a", "b", "c"])
    return book


def state(book: ExpenseBook) -> tuple:
    return book.balances(), book.balances("trip"), book.expenses()


def test_an_equal_expense_credits_the_payer_and_debits_everyone(book: ExpenseBook) -> None:
    expense = book.add_expense("a", 1_000, EqualSplit(["a", "b", "c"]), description="dinner")
    assert expense == Expense(1, "a", 1_000, (("a", 334), ("b", 333), ("c", 333)), None, "dinner")
    assert book.balances() == {"a": 666, "b": -333, "c": -333}
    assert [book.balance(u) for u in "abcd"] == [666, -333, -333, 0]
    assert book.balances("trip") == {}  # not a group expense


def test_group_expenses_count_in_the_group_and_overall(book: ExpenseBook) -> None:
    book.add_expense("b", 900, ExactSplit({"a": 400, "c": 500}), group_id="trip")
    book.add_expense("d", 200, PercentSplit({"a": 50, "d": Decimal(50)}))
    assert book.balances("trip") == {"a": -400, "b": 900, "c": -500}
    assert book.balances() == {"a": -500, "b": 900, "c": -500, "d": 100}
    assert [e.expense_id for e in book.expenses()] == [1, 2]


def test_a_payment_moves_both_balances_toward_zero(book: ExpenseBook) -> None:
    book.add_expense("a", 600, EqualSplit(["a", "b", "c"]), group_id="trip")
    book.record_payment("b", "a", 200, group_id="trip")
    assert book.balances("trip") == {"a": 200, "c": -200}
    assert book.balances() == {"a": 200, "c": -200}


def test_settle_up_suggests_transfers_that_zero_everything(book: ExpenseBook) -> None:
    book.add_expense("a", 900, EqualSplit(["a", "b", "c"]), group_id="trip")
    book.add_expense("b", 300, EqualSplit(["b", "c", "d"]))
    assert book.settle_up("trip") == [Transfer("b", "a", 300), Transfer("c", "a", 300)]
    assert book.balances() == {"a": 600, "b": -100, "c": -400, "d": -100}
    assert book.settle_up() == [Transfer("c", "a", 400), Transfer("b", "a", 100), Transfer("d", "a", 100)]
    for t in book.settle_up():
        book.record_payment(t.payer, t.payee, t.amount_cents)
    assert book.balances() == {}


@pytest.mark.parametrize("amount", [0, -100, 10.5, "100", True, None])
def test_amounts_must_be_positive_int_cents(book: ExpenseBook, amount: object) -> None:
    before = state(book)
    with pytest.raises(InvalidAmountError):
        book.add_expense("a", amount, EqualSplit(["a", "b"]))  # type: ignore[arg-type]
    with pytest.raises(InvalidAmountError):
        book.record_payment("a", "b", amount)  # type: ignore[arg-type]
    assert state(book) == before


def test_unknown_users_are_refused_and_nothing_is_recorded(book: ExpenseBook) -> None:
    before = state(book)
    with pytest.raises(UnknownUserError, match="'zoe'"):
        book.add_expense("a", 100, EqualSplit(["a", "zoe"]))
    with pytest.raises(UnknownUserError, match="'zoe'"):
        book.add_expense("zoe", 100, EqualSplit(["a", "b"]))
    with pytest.raises(UnknownUserError, match="'zoe'"):
        book.record_payment("a", "zoe", 100)
    with pytest.raises(UnknownUserError, match="'zoe'"):
        book.balance("zoe")
    assert state(book) == before


def test_group_expenses_must_stay_inside_the_group(book: ExpenseBook) -> None:
    before = state(book)
    with pytest.raises(UnknownUserError, match="not in group 'trip': 'd'"):
        book.add_expense("a", 100, EqualSplit(["a", "d"]), group_id="trip")
    with pytest.raises(UnknownGroupError, match="'ski'"):
        book.add_expense("a", 100, EqualSplit(["a", "b"]), group_id="ski")
    with pytest.raises(UnknownGroupError, match="'ski'"):
        book.balances("ski")
    assert state(book) == before


def test_shares_that_do_not_add_up_are_refused(book: ExpenseBook) -> None:
    before = state(book)
    with pytest.raises(InvalidSplitError, match="add up to 900"):
        book.add_expense("a", 1_000, ExactSplit({"b": 600, "c": 300}))
    with pytest.raises(InvalidSplitError, match="not a split of 100"):
        book.add_expense("a", 100, LyingSplit())
    assert state(book) == before


@pytest.mark.parametrize(("split", "amount"), [(FloatSplit(), 100), (BoolSplit(), 2)])
def test_shares_must_be_int_cents_even_when_they_add_up(book: ExpenseBook, split, amount: int) -> None:
    before = state(book)
    with pytest.raises(InvalidSplitError, match=f"not a split of {amount}"):
        book.add_expense("a", amount, split)
    assert state(book) == before
    assert all(type(cents) is int for cents in book.balances().values())


def test_ids_must_be_unique_and_real(book: ExpenseBook) -> None:
    with pytest.raises(DuplicateIdError, match="user 'a'"):
        book.add_user("a", "Another A")
    with pytest.raises(DuplicateIdError, match="group 'trip'"):
        book.add_group("trip", ["a"])
    with pytest.raises(UnknownUserError, match="'x'"):
        book.add_group("new", ["a", "x"])
    for bad in ("", "  ", None):
        with pytest.raises(InvalidIdError, match="non-empty"):
            book.add_user(bad, "X")  # type: ignore[arg-type]
        with pytest.raises(InvalidIdError, match="non-empty"):
            book.add_group(bad, ["a"])  # type: ignore[arg-type]
    with pytest.raises(UnknownGroupError):
        book.balances("new")  # the failed group was not half-created


def test_you_cannot_pay_yourself(book: ExpenseBook) -> None:
    with pytest.raises(InvalidPaymentError, match="themselves"):
        book.record_payment("a", "a", 100)


def test_every_refusal_is_a_splitwise_error() -> None:
    errors = (
        DuplicateIdError,
        InvalidAmountError,
        InvalidIdError,
        InvalidPaymentError,
        InvalidSplitError,
        UnknownGroupError,
        UnknownUserError,
    )
    for error in errors:
        assert issubclass(error, SplitwiseError)
        assert issubclass(error, ValueError | LookupError)  # `except ValueError` still works


def test_bad_calls_raise_only_splitwise_errors(book: ExpenseBook) -> None:
    # What an API layer relies on when it maps SplitwiseError to a 4xx response.
    bad_calls = [
        lambda: book.add_user("", "Nobody"),
        lambda: book.add_group(" ", ["a"]),
        lambda: book.record_payment("a", "a", 100),
        lambda: book.record_payment("a", "b", 0),
        lambda: book.add_expense("a", 100, EqualSplit(["a", "zoe"])),
        lambda: book.add_expense("a", 100, EqualSplit(["a"]), group_id="ski"),
        lambda: book.add_expense("a", 100, FloatSplit()),
    ]
    for call in bad_calls:
        with pytest.raises(SplitwiseError):
            call()


def test_a_payment_settles_only_the_balances_it_is_recorded_in(book: ExpenseBook) -> None:
    book.add_expense("a", 600, EqualSplit(["a", "b", "c"]), group_id="trip")
    book.record_payment("b", "a", 200)  # no group id: the overall books only
    assert book.balances() == {"a": 200, "c": -200}
    assert book.balances("trip") == {"a": 400, "b": -200, "c": -200}  # the trip still shows b's debt
    book.record_payment("c", "a", 200, group_id="trip")  # with it: both books
    assert book.balances() == {}
    assert book.balances("trip") == {"a": 200, "b": -200}


def test_expenses_returns_a_copy(book: ExpenseBook) -> None:
    book.add_expense("a", 100, EqualSplit(["b"]))
    book.expenses().clear()
    assert len(book.expenses()) == 1
