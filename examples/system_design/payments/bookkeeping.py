"""What a payment's status change writes: the payment row and its journal entry.

`advance` is the one way a payment's status moves, used by the request path
(after the processor answered) and by the webhook handler alike. It locks the
payment row, so the two never race, and it writes each step's ledger entry in
the same transaction as the step. A success posts the charge; a refund posts
its exact reverse; a failure moves no money.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import psycopg

from examples.system_design.payments.ledger import open_account, post_entry
from examples.system_design.payments.states import PaymentStatus, path_to

# The service's fee, in basis points (1/100 of a percent) of the amount.
FEE_BASIS_POINTS = 290
PROCESSOR_ACCOUNT = "processor:{currency}"  # money the processor collects for us
FEES_ACCOUNT = "fees:{currency}"
MERCHANT_ACCOUNT = "merchant:{merchant}:{currency}"


_WITH_CODE = (
    PaymentStatus.FAILED,
    PaymentStatus.NEEDS_REVIEW,
)  # statuses with a reason


class UnknownPaymentError(LookupError):
    """No payment has this id."""


@dataclass(frozen=True)
class NewPayment:
    merchant_id: str
    amount: int  # minor units, validated at the edge (money.check_amount)
    currency: str
    payment_method: str  # the processor's token for the card


def fee_for(amount: int) -> int:
    """The fee in minor units, rounded half up: integers only, no floats."""
    if type(amount) is not int or amount <= 0:
        raise ValueError(f"amount must be a positive int, got {amount!r}")
    return (amount * FEE_BASIS_POINTS + 5_000) // 10_000


# --8<-- [start:charge_postings]
def charge_postings(merchant_id: str, amount: int, currency: str) -> dict[str, int]:
    """A captured charge: the processor owes us `amount`; merchant and fees share it."""
    fee = fee_for(amount)
    postings = {
        PROCESSOR_ACCOUNT.format(currency=currency): -amount,
        MERCHANT_ACCOUNT.format(merchant=merchant_id, currency=currency): amount - fee,
        FEES_ACCOUNT.format(currency=currency): fee,
    }
    return {account: value for account, value in postings.items() if value != 0}


# --8<-- [end:charge_postings]


def insert_payment(
    conn: psycopg.Connection, payment_id: uuid.UUID, new: NewPayment
) -> None:
    """A pending payment row, inside the caller's transaction."""
    conn.execute(
        "INSERT INTO payments (id, merchant_id, amount, currency, payment_method)"
        " VALUES (%s, %s, %s, %s, %s)",
        (payment_id, new.merchant_id, new.amount, new.currency, new.payment_method),
    )


# --8<-- [start:advance]
def advance(
    conn: psycopg.Connection,
    payment_id: uuid.UUID,
    target: PaymentStatus,
    decline_code: str | None = None,
) -> list[PaymentStatus]:
    """Move the payment to `target` along legal steps; the steps taken ([] if none).

    Call inside a transaction. Raises IllegalTransitionError before writing
    anything if no legal path leads to `target`.
    """
    row = conn.execute(
        "SELECT merchant_id, amount, currency, status FROM payments"
        " WHERE id = %s FOR UPDATE",
        (payment_id,),
    ).fetchone()
    if row is None:
        raise UnknownPaymentError(f"there is no payment {payment_id}")
    merchant_id, amount, currency, status = row
    steps = path_to(PaymentStatus(status), target)
    for step in steps:
        if step is PaymentStatus.SUCCEEDED:
            postings = charge_postings(merchant_id, amount, currency)
            _open_accounts(conn, postings, currency)
            post_entry(conn, "charge", str(payment_id), currency, postings)
        elif step is PaymentStatus.REFUNDED:
            reverse = {
                a: -v for a, v in charge_postings(merchant_id, amount, currency).items()
            }
            post_entry(conn, "refund", str(payment_id), currency, reverse)
        conn.execute(
            "UPDATE payments SET status = %s, decline_code = %s WHERE id = %s",
            (step, decline_code if step in _WITH_CODE else None, payment_id),
        )
    return steps


# --8<-- [end:advance]


def _open_accounts(
    conn: psycopg.Connection, postings: dict[str, int], currency: str
) -> None:
    for account in sorted(postings):  # the system's one lock order
        # Every account a webhook writes may go negative: the processor's
        # stands for money it will pay us, and a merchant refunded after a
        # payout owes us the difference. A balance CHECK here would fail the
        # refund's webhook on every redelivery, so the event would never land.
        open_account(conn, account, currency, allow_negative=True)


def payment_view(conn: psycopg.Connection, payment_id: uuid.UUID) -> dict[str, Any]:
    """The payment as the API shows it (no payment method: callers sent it)."""
    row = conn.execute(
        "SELECT id, amount, currency, status, decline_code FROM payments WHERE id = %s",
        (payment_id,),
    ).fetchone()
    if row is None:
        raise UnknownPaymentError(f"there is no payment {payment_id}")
    keys = ("id", "amount", "currency", "status", "decline_code")
    view = dict(zip(keys, row, strict=True))
    view["id"] = str(view["id"])
    return view
