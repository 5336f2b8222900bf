"""Reconciliation against a model: perturb a clean report, and each change is found and classified."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime, timedelta

import psycopg
import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.system_design.payments.bookkeeping import NewPayment, advance, insert_payment
from examples.system_design.payments.reconcile import (
    Line,
    Mismatch,
    ledger_lines,
    reconcile,
    report_lines,
    summary,
)
from examples.system_design.payments.states import PaymentStatus

clean_books = st.lists(
    st.builds(
        Line,
        kind=st.sampled_from(["charge", "refund"]),
        reference=st.uuids().map(str),
        amount=st.integers(1, 10**6),
        currency=st.sampled_from(["USD", "EUR"]),
    ),
    max_size=30,
    unique_by=lambda line: (line.kind, line.reference),
)
CHANGES = ["drop_report", "drop_ledger", "amount", "currency", "repeat_report", "repeat_ledger", "extra"]


@given(books=clean_books, changes=st.lists(st.sampled_from(CHANGES), max_size=8), seed=st.integers(0, 10**6))
def test_every_change_is_found_once_with_its_class(books: list[Line], changes: list[str], seed: int) -> None:
    rng = random.Random(seed)  # noqa: S311 -- repeatable test data, not secrets
    ledger, report = list(books), list(books)
    expected: dict[tuple[str, str], Mismatch] = {}
    untouched = [(line.kind, line.reference) for line in books]
    rng.shuffle(untouched)
    for change in changes:
        if change == "extra":
            line = Line("charge", f"x-{len(expected)}", 7, "USD")
            report.append(line)
            expected[line.kind, line.reference] = Mismatch.MISSING_IN_LEDGER
            continue
        if not untouched:
            break
        key = untouched.pop()  # each key gets at most one change: the model stays simple
        line = next(x for x in books if (x.kind, x.reference) == key)
        if change == "drop_report":
            report.remove(line)
            expected[key] = Mismatch.MISSING_IN_REPORT
        elif change == "drop_ledger":
            ledger.remove(line)
            expected[key] = Mismatch.MISSING_IN_LEDGER
        elif change in ("amount", "currency"):
            report.remove(line)
            other = "JPY" if change == "currency" else line.currency
            report.append(Line(line.kind, line.reference, line.amount + (change == "amount"), other))
            expected[key] = Mismatch.AMOUNT_DIFFERS
        else:
            (report if change == "repeat_report" else ledger).append(line)
            expected[key] = Mismatch.DUPLICATE
    rng.shuffle(report)
    findings = reconcile(ledger, report)
    assert {(f.kind, f.reference): f.mismatch for f in findings} == expected
    assert len(findings) == len(expected)
    assert sum(summary(findings).values()) == len(findings)


def test_matching_books_have_no_findings() -> None:
    lines = [Line("charge", "p1", 100, "USD"), Line("refund", "p1", 100, "USD")]
    assert reconcile(lines, list(reversed(lines))) == []
    assert summary([]) == dict.fromkeys(
        ["missing in ledger", "missing in report", "duplicate", "amount differs", "awaiting settlement"], 0
    )


def test_a_missing_side_wins_over_a_duplicate() -> None:
    twice = [Line("charge", "p1", 100, "USD")] * 2
    [finding] = reconcile([], twice)
    assert finding.mismatch is Mismatch.MISSING_IN_LEDGER and len(finding.report) == 2


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"type": "charge", "reference": "p", "amount": "1.50", "currency": "USD"}, "row 1 is malformed"),
        ({"type": "charge", "reference": "p", "currency": "USD"}, "row 1 is malformed"),
        ({"type": "payout", "reference": "p", "amount": "5", "currency": "USD"}, "row 1 is malformed"),
        ({"type": "charge", "reference": "p", "amount": "-5", "currency": "USD"}, "row 1 is malformed"),
        ({"type": "charge", "reference": "p", "amount": "5", "currency": "DOLLAR"}, "row 1 is malformed"),
        ({"type": "charge", "reference": "p", "amount": "1_000", "currency": "USD"}, "row 1 is malformed"),
        ({"type": "charge", "reference": "p", "amount": " 5", "currency": "USD"}, "row 1 is malformed"),
        ({"type": "charge", "reference": "p", "amount": "+5", "currency": "USD"}, "row 1 is malformed"),
        ({"type": "charge", "reference": "p", "amount": "\u0665", "currency": "USD"}, "row 1 is malformed"),
        ({"type": "charge", "reference": "p", "amount": "05", "currency": "USD"}, "row 1 is malformed"),
        ({"type": "charge", "reference": "p", "amount": "5", "currency": "usd"}, "row 1 is malformed"),
        ({"type": "charge", "reference": "", "amount": "5", "currency": "USD"}, "row 1 is malformed"),
    ],
)
def test_malformed_report_rows_are_refused(row: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        report_lines([row])


def test_ledger_lines_are_the_gross_amounts_of_charges_and_refunds(db: psycopg.Connection) -> None:
    ids = [uuid.uuid4() for _ in range(3)]
    for payment_id, amount in zip(ids, [1000, 2000, 3000], strict=True):
        with db.transaction():
            insert_payment(db, payment_id, NewPayment("shop-1", amount, "USD", "tok_visa"))
    with db.transaction():
        advance(db, ids[0], PaymentStatus.SUCCEEDED)
        advance(db, ids[1], PaymentStatus.REFUNDED)
        advance(db, ids[2], PaymentStatus.FAILED)
    assert sorted(ledger_lines(db)) == sorted(
        [
            Line("charge", str(ids[0]), 1000, "USD"),
            Line("charge", str(ids[1]), 2000, "USD"),
            Line("refund", str(ids[1]), 2000, "USD"),
        ]
    )


def test_a_line_booked_near_the_cutoff_is_awaiting_settlement_not_missing() -> None:
    cutoff = datetime(2026, 3, 2, tzinfo=UTC)
    early = Line("charge", "p1", 100, "USD", cutoff - timedelta(hours=5))
    late = Line("charge", "p2", 100, "USD", cutoff - timedelta(minutes=10))
    after = Line("charge", "p3", 100, "USD", cutoff + timedelta(minutes=5))
    settled_after = Line("charge", "p4", 100, "USD", cutoff + timedelta(minutes=1))
    found = reconcile([early, late, after, settled_after], [Line("charge", "p4", 100, "USD")], cutoff=cutoff)
    assert {f.reference: f.mismatch for f in found} == {
        "p1": Mismatch.MISSING_IN_REPORT,  # hours old: really missing
        "p2": Mismatch.AWAITING_SETTLEMENT,  # minutes before the cutoff: tomorrow
    }  # p3 is tomorrow's; p4 settled although booked just after the cutoff


def test_ledger_lines_stop_at_the_cutoff(db: psycopg.Connection) -> None:
    payment_id = uuid.uuid4()
    with db.transaction():
        insert_payment(db, payment_id, NewPayment("shop-1", 1000, "USD", "tok_visa"))
        advance(db, payment_id, PaymentStatus.SUCCEEDED)
    assert ledger_lines(db, until=datetime(2000, 1, 1, tzinfo=UTC)) == []
    [line] = ledger_lines(db, until=datetime.now(UTC) + timedelta(minutes=1))
    assert line.booked_at is not None and line.reference == str(payment_id)
