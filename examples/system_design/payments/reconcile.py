"""Reconciliation: our ledger against the processor's settlement report.

Both sides become lines keyed by (kind, reference): a charge or a refund of
one payment. Every key lands in exactly one class, checked in this order:
missing on one side, listed more than once, a different amount or currency,
or matched. A real run covers one settlement day, with a margin for entries
booked near midnight; this one compares everything.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

import psycopg

from examples.system_design.payments.bookkeeping import PROCESSOR_ACCOUNT


class Mismatch(StrEnum):
    MISSING_IN_LEDGER = "missing in ledger"  # settled, but not in our books
    MISSING_IN_REPORT = "missing in report"  # booked, but never settled
    DUPLICATE = "duplicate"  # one side lists it twice or more
    AMOUNT_DIFFERS = "amount differs"  # amount or currency disagree


@dataclass(frozen=True, order=True)
class Line:
    kind: str  # charge or refund
    reference: str  # our payment id
    amount: int  # minor units, positive
    currency: str


@dataclass(frozen=True)
class Finding:
    mismatch: Mismatch
    kind: str
    reference: str
    ledger: tuple[Line, ...]
    report: tuple[Line, ...]


# --8<-- [start:reconcile]
def reconcile(ledger: Iterable[Line], report: Iterable[Line]) -> list[Finding]:
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
        if not mine:
            mismatch = Mismatch.MISSING_IN_LEDGER
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


def ledger_lines(conn: psycopg.Connection) -> list[Line]:
    """Charges and refunds from the journal: the gross amount the processor moved."""
    rows = conn.execute(
        "SELECT e.kind, e.reference, abs(p.amount), p.currency"
        " FROM journal_entries e JOIN postings p ON p.entry_id = e.id"
        " WHERE e.kind IN ('charge', 'refund') AND p.account_id LIKE %s"
        " ORDER BY e.id",
        (PROCESSOR_ACCOUNT.format(currency="%"),),
    ).fetchall()
    return [Line(kind, ref, int(amount), cur) for kind, ref, amount, cur in rows]


def report_lines(rows: Iterable[Mapping[str, str]]) -> list[Line]:
    """Parse settlement report rows; ValueError naming the first bad row."""
    lines = []
    for number, row in enumerate(rows, start=1):
        try:
            kind, reference = row["type"], row["reference"]
            amount, currency = int(row["amount"]), row["currency"]
        except (KeyError, ValueError) as error:
            raise ValueError(f"settlement row {number} is malformed: {error}") from None
        if kind not in ("charge", "refund") or amount <= 0 or len(currency) != 3:
            raise ValueError(f"settlement row {number} is malformed: {dict(row)}")
        lines.append(Line(kind, reference, amount, currency))
    return lines


def summary(findings: Iterable[Finding]) -> dict[str, int]:
    """How many findings of each kind, in the order of the classes."""
    counts = dict.fromkeys(Mismatch, 0)
    for finding in findings:
        counts[finding.mismatch] += 1
    return {str(m): n for m, n in counts.items()}
