"""A weekend trip: three ways to split, balances, and a settle-up plan."""

from __future__ import annotations

from decimal import Decimal

from examples.machine_coding.splitwise.errors import SplitwiseError
from examples.machine_coding.splitwise.ledger import ExpenseBook
from examples.machine_coding.splitwise.money import format_cents
from examples.machine_coding.splitwise.splits import (
    EqualSplit,
    ExactSplit,
    PercentSplit,
)


def main() -> None:
    """Record a trip's expenses and print who pays whom."""
    # --8<-- [start:splits]
    print(EqualSplit(["asha", "ben", "chen"]).shares(1_000))
    #> {'asha': 334, 'ben': 333, 'chen': 333}
    by_percent = PercentSplit(
        {"asha": 50, "ben": Decimal("33.33"), "chen": Decimal("16.67")}
    )
    print(by_percent.shares(999))  # exact: 499.5, 332.9667, 166.5333
    #> {'asha': 499, 'ben': 333, 'chen': 167}
    # --8<-- [end:splits]

    # --8<-- [start:trip]
    book = ExpenseBook()
    for user_id, name in [
        ("asha", "Asha"),
        ("ben", "Ben"),
        ("chen", "Chen"),
        ("dev", "Dev"),
    ]:
        book.add_user(user_id, name)
    book.add_group("trip", ["asha", "ben", "chen", "dev"])
    everyone = EqualSplit(["asha", "ben", "chen", "dev"])
    book.add_expense("asha", 12_000, everyone, group_id="trip", description="cabin")
    book.add_expense(
        "ben",
        4_510,
        ExactSplit({"ben": 1_010, "chen": 1_500, "dev": 2_000}),
        group_id="trip",
    )
    book.add_expense(
        "chen", 3_000, PercentSplit({"asha": 25, "dev": 75}), group_id="trip"
    )
    balances = book.balances("trip")
    print({user: format_cents(cents) for user, cents in balances.items()})
    #> {'asha': '82.50', 'ben': '5.00', 'chen': '-15.00', 'dev': '-72.50'}
    print("sum:", sum(balances.values()))
    #> sum: 0
    for t in book.settle_up("trip"):
        print(f"{t.payer} pays {t.payee} {format_cents(t.amount_cents)}")
        #> dev pays asha 72.50
        #> chen pays asha 10.00
        #> chen pays ben 5.00
    # --8<-- [end:trip]

    # --8<-- [start:errors]
    before = (book.balances(), book.balances("trip"), len(book.expenses()))
    bad_calls = [
        lambda: book.add_expense("asha", 1_000, EqualSplit(["asha", "zoe"])),
        lambda: book.add_expense("asha", -500, everyone),
        lambda: book.add_expense("asha", 1_000, ExactSplit({"ben": 600, "chen": 300})),
        lambda: PercentSplit({"ben": 60, "chen": 30}),
        lambda: PercentSplit({"ben": 0.5, "chen": 99.5}),
    ]
    for call in bad_calls:
        try:
            call()
        except SplitwiseError as error:
            print(f"{type(error).__name__}: {error}")
            #> UnknownUserError: unknown users: 'zoe'
            #> InvalidAmountError: amount must be positive, got -500
            #> InvalidSplitError: shares add up to 900 cents, the expense is 1000
            #> InvalidSplitError: percentages sum to 90, not 100
            #> InvalidSplitError: ben's percentage must be an int or Decimal, got 0.5
    after = (book.balances(), book.balances("trip"), len(book.expenses()))
    print("nothing changed:", after == before)
    #> nothing changed: True
    # --8<-- [end:errors]


if __name__ == "__main__":
    main()
