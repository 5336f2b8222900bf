"""An event-sourced bank account: commands decide, events are facts, state is a fold.

The current state is never stored. It is computed by applying the account's
events in order, starting from nothing. A command is checked against that
state and, if the rules allow it, produces one new event; it never edits
anything. The functions here are pure: no clock, no I/O, no randomness.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from functools import reduce

MAX_CENTS = 2**63 - 1  # the largest SQLite INTEGER, so every store can hold a balance


class DomainError(ValueError):
    """A command that the account's rules refuse (overdraft, unknown account...)."""


# --8<-- [start:events]
@dataclass(frozen=True)
class Opened:
    account_id: str
    owner: str


@dataclass(frozen=True)
class Deposited:
    account_id: str
    cents: int


@dataclass(frozen=True)
class Withdrawn:
    account_id: str
    cents: int


Event = Opened | Deposited | Withdrawn


@dataclass(frozen=True)
class Account:
    account_id: str
    owner: str
    balance: int


def apply(state: Account | None, event: Event) -> Account:
    """The state after `event`. Events are facts: no business rule is checked here."""
    if state is not None and event.account_id != state.account_id:
        raise ValueError(f"event for {event.account_id} applied to {state.account_id}")
    match event:
        case Opened(account_id, owner):
            if state is not None:
                raise ValueError(f"{account_id} is opened twice in its history")
            return Account(account_id, owner, balance=0)
        case Deposited(cents=cents) if state is not None:
            return replace(state, balance=state.balance + cents)
        case Withdrawn(cents=cents) if state is not None:
            return replace(state, balance=state.balance - cents)
    raise ValueError(f"{event!r} before the account was opened")


def fold(events: Iterable[Event]) -> Account | None:
    """Rebuild the state from the full history; None for an account with no events."""
    return reduce(apply, events, None)


# --8<-- [end:events]


# --8<-- [start:decide]
@dataclass(frozen=True)
class Open:
    account_id: str
    owner: str


@dataclass(frozen=True)
class Deposit:
    account_id: str
    cents: int


@dataclass(frozen=True)
class Withdraw:
    account_id: str
    cents: int


Command = Open | Deposit | Withdraw


def decide(state: Account | None, command: Command) -> Event:
    """The event `command` produces from `state`, or DomainError if the rules refuse it."""
    match command:
        case Open(account_id, owner):
            _check_name("account id", account_id)
            _check_name("owner", owner)
            if state is not None:
                raise DomainError(f"account {account_id} is already open")
            return Opened(account_id, owner)
        case Deposit(account_id, cents) | Withdraw(account_id, cents):
            _check_name("account id", account_id)
            _check_cents(cents)
            if state is None:
                raise DomainError(f"no account {account_id}")
            if isinstance(command, Deposit):
                if state.balance + cents > MAX_CENTS:
                    raise DomainError(f"a deposit of {cents} overflows {account_id}")
                return Deposited(account_id, cents)
            if cents > state.balance:
                raise DomainError(
                    f"insufficient funds in {account_id}:"
                    f" balance {state.balance}, withdrawal {cents}"
                )
            return Withdrawn(account_id, cents)
    raise TypeError(f"not a command: {command!r}")


# --8<-- [end:decide]


def _check_name(what: str, value: object) -> None:
    # Ids become NATS subject tokens too, so no dots, wildcards or whitespace.
    if not isinstance(value, str) or not value or any(c in value for c in ".*> \t\r\n"):
        raise ValueError(f"{what} must be a non-empty str without . * > or whitespace")


def _check_cents(cents: object) -> None:
    # `type(...) is int`: bool is an int, and True would move one cent.
    if type(cents) is not int or not 0 < cents <= MAX_CENTS:
        raise ValueError(f"cents must be an int from 1 to {MAX_CENTS}, not {cents!r}")


_EVENT_TYPES: dict[str, type[Event]] = {
    cls.__name__: cls for cls in (Opened, Deposited, Withdrawn)
}


def encode(event: Event) -> tuple[str, str]:
    """`(type name, JSON body)` for storage."""
    return type(event).__name__, json.dumps(asdict(event), sort_keys=True)


def decode(type_name: str, body: str | bytes) -> Event:
    """The event stored as `(type_name, body)`; ValueError for anything unknown."""
    cls = _EVENT_TYPES.get(type_name)
    if cls is None:
        raise ValueError(f"unknown event type {type_name!r}")
    fields = json.loads(body)
    if not isinstance(fields, dict):
        raise ValueError(f"an event body is a JSON object, not {fields!r}")
    for name, value in fields.items():
        expected = int if name == "cents" else str
        if type(value) is not expected:
            raise ValueError(f"bad {type_name}.{name}: {value!r}")
    try:
        return cls(**fields)
    except TypeError as error:
        raise ValueError(f"bad {type_name} body {fields!r}") from error
