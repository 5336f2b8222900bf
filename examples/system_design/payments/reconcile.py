"""Reconciliation: our ledger against the processor's settlement report.

Both sides become lines keyed by (kind, reference): a charge or a refund of
one payment. Every key lands in exactly one class, checked in this order:
missing on one side, listed more than once, a different amount or currency,
or matched. A run covers one settlement day up to its cutoff: a line we
booked just before the cutoff that the report lacks is usually a timing
difference (the processor settles it the next day), so it is classed as
awaiting settlement and checked again tomorrow, not paged on. Lines booked
after the cutoff belong to the next day unless the report already has them.
Processor fees and the net amount paid out are not compared here.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

import psycopg

from examples.system_design.payments.bookkeeping import PROCESSOR_ACCOUNT


class Mismatch(StrEnum):
    MISSING_IN_LEDGER = "missing in ledger"  # settled, but not in our books
    MISSING_IN_REPORT = "missing in report"  # booked, but never settled
    DUPLICATE = "duplicate"  # one side lists it twice or more
    AMOUNT_DIFFERS = "amount differs"  # amount or currency disagree
    AWAITING_SETTLEMENT = "awaiting settlement"  # booked near the cutoff: recheck


@dataclass(frozen=True, order=True)
class Line:
    kind: str  # charge or refund
    reference: str  # our payment id
    amount: int  # minor units, positive
    currency: str
    booked_at: datetime | None = field(default=None, compare=False)  # ledger only


@dataclass(frozen=True)
class Finding:
    mismatch: Mismatch
    kind: str
    reference: str
    ledger: tuple[Line, ...]
    report: tuple[Line, ...]


# --8<-- [start:reconcile]
def reconcile(
    ledger: Iterable[Line],
    report: Iterable[Line],
    *,
    cutoff: datetime | None = None,
    window: timedelta = timedelta(hours=2),
) -> list[Finding]:
    """Every key that does not match exactly once on both sides, classified."""
    ours: dict[tuple[str, str], list[Line]] = defaultdict(list)
    theirs: dict[tuple[str, str], list[Line]] = defaultdict(list)
    for line in ledger:
        ours[line.kind, line.reference].append(line)
    for line in report:
        theirs[line.kind, line.reference].append(line)
    findings = []
    for key in sorted(ours.keys() | theirs.keys()):
        mine, yours = ours.get(key, []), theirs.get(key, [])
        booked = [line.booked_at for line in mine if line.booked_at is not None]
        if not mine:
            mismatch = Mismatch.MISSING_IN_LEDGER
        elif not yours and cutoff and booked and min(booked) >= cutoff:
            continue  # booked after the cutoff: tomorrow's report
        elif not yours and cutoff and booked and min(booked) >= cutoff - window:
            mismatch = Mismatch.AWAITING_SETTLEMENT
        elif not yours:
            mismatch = Mismatch.MISSING_IN_REPORT
        elif len(mine) > 1 or len(yours) > 1:
            mismatch = Mismatch.DUPLICATE
        elif (mine[0].amount, mine[0].currency) != (yours[0].amount, yours[0].currency):
            mismatch = Mismatch.AMOUNT_DIFFERS
        else:
            continue  # matched
        findings.append(Finding(mismatch, *key, tuple(mine), tuple(yours)))
    return findings


# --8<-- [end:reconcile]


def ledger_lines(conn: psycopg.Connection, until: datetime | None = None) -> list[Line]:
    """Charges and refunds from the journal: the gross amount the processor moved."""
    rows = conn.execute(
        "SELECT e.kind, e.reference, abs(p.amount), p.currency, e.created_at"
        " FROM journal_entries e JOIN postings p ON p.entry_id = e.id"
        " WHERE e.kind IN ('charge', 'refund') AND p.account_id LIKE %s"
        " AND (%s::timestamptz IS NULL OR e.created_at < %s) ORDER BY e.id",
        (PROCESSOR_ACCOUNT.format(currency="%"), until, until),
    ).fetchall()
    return [Line(k, ref, int(amount), cur, at) for k, ref, amount, cur, at in rows]


AMOUNT = re.compile(r"[1-9][0-9]{0,17}")  # ASCII digits only: no "1_000", " 5", "+5"
CURRENCY = re.compile(r"[A-Z]{3}")


def report_lines(rows: Iterable[Mapping[str, str]]) -> list[Line]:
    """Parse settlement report rows; ValueError naming the first bad row."""
    lines = []
    for number, row in enumerate(rows, start=1):
        try:
            kind, reference = row["type"], row["reference"]
            amount, currency = row["amount"], row["currency"]
        except KeyError as error:
            raise ValueError(f"settlement row {number} is malformed: {error}") from None
        # int() accepts "1_000", " 5" and other scripts' digits; a report is
        # data from outside, so each field must be exactly what it says it is.
        if (
            kind not in ("charge", "refund")
            or not reference
            or not AMOUNT.fullmatch(amount)
            or not CURRENCY.fullmatch(currency)
        ):
            raise ValueError(f"settlement row {number} is malformed: {dict(row)}")
        lines.append(Line(kind, reference, int(amount), currency))
    return lines


def summary(findings: Iterable[Finding]) -> dict[str, int]:
    """How many findings of each kind, in the order of the classes."""
    counts = dict.fromkeys(Mismatch, 0)
    for finding in findings:
        counts[finding.mismatch] += 1
    return {str(m): n for m, n in counts.items()}
