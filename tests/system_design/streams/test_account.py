"""The event-sourced account: pure functions, checked against a dict model."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.system_design.streams.account import (
    MAX_CENTS,
    Account,
    Command,
    Deposit,
    Deposited,
    DomainError,
    Open,
    Opened,
    Withdraw,
    Withdrawn,
    apply,
    decide,
    decode,
    encode,
    fold,
)
from tests.system_design.streams.commands import Model, commands


def run(history: list[Command]) -> dict[str, list]:
    """Decide every command against the fold of its account's events so far."""
    streams: dict[str, list] = {}
    for command in history:
        events = streams.setdefault(command.account_id, [])
        with contextlib.suppress(DomainError):  # a refused command adds nothing
            events.append(decide(fold(events), command))
    return streams


@given(commands())
def test_fold_matches_the_model(history: list[Command]) -> None:
    model = Model()
    accepted = [model.accepts(command) for command in history]
    streams = run(history)
    assert sum(len(events) for events in streams.values()) == sum(accepted)
    for account_id, balance in model.balances.items():
        assert fold(streams[account_id]) == Account(
            account_id, model.owners[account_id], balance
        )


@given(commands())
def test_fold_is_deterministic_and_never_negative(history: list[Command]) -> None:
    for events in run(history).values():
        state = fold(events)
        assert state == fold(list(events)) == fold(tuple(events))
        assert state is None if not events else state.balance >= 0


@given(commands())
def test_events_round_trip_through_their_encoding(history: list[Command]) -> None:
    for events in run(history).values():
        assert [decode(*encode(event)) for event in events] == events


def test_the_rules_refuse_with_a_clear_message() -> None:
    opened = fold([Opened("a-1", "ana"), Deposited("a-1", 50)])
    with pytest.raises(DomainError, match="already open"):
        decide(opened, Open("a-1", "ana"))
    with pytest.raises(DomainError, match="no account a-9"):
        decide(None, Deposit("a-9", 1))
    with pytest.raises(DomainError, match="balance 50, withdrawal 51"):
        decide(opened, Withdraw("a-1", 51))
    assert decide(opened, Withdraw("a-1", 50)) == Withdrawn("a-1", 50)
    full = Account("a-1", "ana", MAX_CENTS)
    with pytest.raises(DomainError, match="overflows"):
        decide(full, Deposit("a-1", 1))


@pytest.mark.parametrize("cents", [0, -5, True, 1.5, "10", MAX_CENTS + 1, None])
def test_bad_amounts_are_refused(cents: object) -> None:
    state = Account("a-1", "ana", 100)
    for command in (Deposit("a-1", cents), Withdraw("a-1", cents)):  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="cents must be an int"):
            decide(state, command)


@pytest.mark.parametrize("account_id", ["", "a.1", "a*", "a>", "a 1", "a\t1", "a\n1", 7])
def test_bad_ids_are_refused(account_id: object) -> None:
    with pytest.raises(ValueError, match="account id must be"):
        decide(None, Open(account_id, "ana"))  # type: ignore[arg-type]


def test_a_non_command_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="not a command"):
        decide(None, "open a-1")  # type: ignore[arg-type]


def test_apply_refuses_a_history_that_cannot_be() -> None:
    with pytest.raises(ValueError, match="before the account was opened"):
        fold([Deposited("a-1", 5)])
    with pytest.raises(ValueError, match="opened twice"):
        fold([Opened("a-1", "ana"), Opened("a-1", "bo")])
    with pytest.raises(ValueError, match="applied to a-1"):
        apply(Account("a-1", "ana", 0), Deposited("a-2", 5))
    assert fold([]) is None


@pytest.mark.parametrize(
    ("kind", "body", "match"),
    [
        ("Closed", "{}", "unknown event type"),
        ("Deposited", "[1, 2]", "JSON object"),
        ("Deposited", '{"account_id": "a-1"}', "bad Deposited body"),
        ("Deposited", '{"account_id": "a-1", "cents": "5"}', "bad Deposited.cents"),
        ("Opened", '{"account_id": 1, "owner": "ana"}', "bad Opened.account_id"),
        ("Opened", "not json", "Expecting value"),
    ],
)
def test_decode_refuses_bad_records(kind: str, body: str, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        decode(kind, body)


@given(st.integers(min_value=1, max_value=MAX_CENTS))
def test_any_valid_amount_can_be_deposited_once(cents: int) -> None:
    state = fold([Opened("a-1", "ana")])
    assert fold([Opened("a-1", "ana"), decide(state, Deposit("a-1", cents))]) == Account(
        "a-1", "ana", cents
    )


@pytest.mark.parametrize("command", [Deposit("a*", 5), Withdraw("a.1", 5), Deposit("", 5)])
def test_money_commands_check_the_account_id_too(command: Command) -> None:
    with pytest.raises(ValueError, match="account id must be"):
        decide(Account("a-1", "ana", 100), command)
