"""The expense book: users, groups, expenses, payments, balances, settle-up.

Thread safety: one lock guards all state. Each public call is atomic, so a
reader sees a whole expense applied or none of it, and balances always sum
to zero. Splits and simplify() are pure and need no lock.
"""

from __future__ import annotations

import itertools
import threading
from collections import defaultdict
from dataclasses import dataclass

from examples.machine_coding.splitwise.errors import (
    DuplicateIdError,
    InvalidAmountError,
    InvalidIdError,
    InvalidPaymentError,
    InvalidSplitError,
    UnknownGroupError,
    UnknownUserError,
)
from examples.machine_coding.splitwise.simplify import Transfer, simplify
from examples.machine_coding.splitwise.splits import Split


# --8<-- [start:expense]
@dataclass(frozen=True)
class Expense:
    """A recorded expense. `shares` pairs each participant with what they owe."""

    expense_id: int
    payer: str
    amount_cents: int
    shares: tuple[tuple[str, int], ...]
    group_id: str | None
    description: str


# --8<-- [end:expense]


def _is_cents(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_cents(amount_cents: object) -> int:
    if not _is_cents(amount_cents):
        raise InvalidAmountError(f"amount must be int cents, got {amount_cents!r}")
    if amount_cents <= 0:
        raise InvalidAmountError(f"amount must be positive, got {amount_cents}")
    return amount_cents


class ExpenseBook:
    """Who paid what, who owes whom. Balances: positive = is owed, negative = owes."""

    # --8<-- [start:init]
    def __init__(self) -> None:
        self._users: dict[str, str] = {}  # user_id -> display name
        self._groups: dict[str, frozenset[str]] = {}  # group_id -> members
        self._expenses: list[Expense] = []
        # Net balances, kept up to date on every write, so reads never replay history.
        self._balances: defaultdict[str, int] = defaultdict(int)
        self._group_balances: dict[str, defaultdict[str, int]] = {}
        self._ids = itertools.count(1)
        self._lock = threading.Lock()

    # --8<-- [end:init]

    # --8<-- [start:users_groups]
    def add_user(self, user_id: str, name: str) -> None:
        """Register a user; ids are unique."""
        if not isinstance(user_id, str) or not user_id.strip():
            raise InvalidIdError(f"user id must be a non-empty string, got {user_id!r}")
        with self._lock:
            if user_id in self._users:
                raise DuplicateIdError(f"user {user_id!r} already exists")
            self._users[user_id] = name

    def add_group(self, group_id: str, members: list[str]) -> None:
        """Create a group of existing users."""
        if not isinstance(group_id, str) or not group_id.strip():
            raise InvalidIdError(
                f"group id must be a non-empty string, got {group_id!r}"
            )
        with self._lock:
            if group_id in self._groups:
                raise DuplicateIdError(f"group {group_id!r} already exists")
            self._require_users(members)
            self._groups[group_id] = frozenset(members)
            self._group_balances[group_id] = defaultdict(int)

    def _require_users(
        self, user_ids: list[str] | tuple[str, ...], group_id: str | None = None
    ) -> None:
        unknown = [u for u in user_ids if u not in self._users]
        if unknown:
            raise UnknownUserError(f"unknown users: {', '.join(map(repr, unknown))}")
        if group_id is not None:
            if group_id not in self._groups:
                raise UnknownGroupError(f"unknown group {group_id!r}")
            outsiders = [u for u in user_ids if u not in self._groups[group_id]]
            if outsiders:
                raise UnknownUserError(
                    f"not in group {group_id!r}: {', '.join(map(repr, outsiders))}"
                )

    # --8<-- [end:users_groups]

    # --8<-- [start:add_expense]
    def add_expense(
        self,
        payer: str,
        amount_cents: int,
        split: Split,
        *,
        group_id: str | None = None,
        description: str = "",
    ) -> Expense:
        """Record that `payer` paid `amount_cents`, owed by the split's participants."""
        _check_cents(amount_cents)
        shares = split.shares(amount_cents)  # raises InvalidSplitError before any write
        # A custom Split may be wrong, and 50.0 would pass a check of the sum alone.
        whole = all(_is_cents(c) and c >= 0 for c in shares.values())
        if not whole or sum(shares.values()) != amount_cents:
            raise InvalidSplitError(
                f"split produced {shares}, not a split of {amount_cents}"
            )
        with self._lock:
            self._require_users([payer, *shares], group_id)
            expense = Expense(
                next(self._ids),
                payer,
                amount_cents,
                tuple(shares.items()),
                group_id,
                description,
            )
            self._expenses.append(expense)
            self._apply(payer, shares, group_id)
            return expense

    def _apply(self, payer: str, owed: dict[str, int], group_id: str | None) -> None:
        """Credit the payer with what others owe; every write sums to zero."""
        books = [self._balances]
        if group_id is not None:
            books.append(self._group_balances[group_id])
        for book in books:
            book[payer] += sum(owed.values())
            for user, cents in owed.items():
                book[user] -= cents

    # --8<-- [end:add_expense]

    # --8<-- [start:record_payment]
    def record_payment(
        self, payer: str, payee: str, amount_cents: int, *, group_id: str | None = None
    ) -> None:
        """`payer` paid `payee` back: the payer is owed more, the payee less."""
        _check_cents(amount_cents)
        if payer == payee:
            raise InvalidPaymentError("a user cannot pay themselves")
        with self._lock:
            self._require_users([payer, payee], group_id)
            self._apply(payer, {payee: amount_cents}, group_id)

    # --8<-- [end:record_payment]

    # --8<-- [start:reads]
    def balances(self, group_id: str | None = None) -> dict[str, int]:
        """Non-zero net balances, sorted by user id; overall or within one group."""
        with self._lock:
            if group_id is None:
                book = self._balances
            elif group_id in self._group_balances:
                book = self._group_balances[group_id]
            else:
                raise UnknownGroupError(f"unknown group {group_id!r}")
            return {user: cents for user, cents in sorted(book.items()) if cents}

    def balance(self, user_id: str) -> int:
        """One user's overall net balance."""
        with self._lock:
            self._require_users([user_id])
            return self._balances.get(user_id, 0)

    def expenses(self) -> list[Expense]:
        """Every expense, oldest first (a copy)."""
        with self._lock:
            return list(self._expenses)

    def settle_up(self, group_id: str | None = None) -> list[Transfer]:
        """Suggested transfers that would zero every balance (at most n - 1)."""
        return simplify(self.balances(group_id))

    # --8<-- [end:reads]
