"""Create a payment exactly once: claim the key, call the processor, record the result.

    1. claim (one transaction): the key row, its fingerprint, a pending payment
    2. charge (no connection held): the processor, with OUR key for this
       payment, a timeout on every call, retries with the same key, then a
       search by our reference
    3. finish (one transaction): the status, its ledger entry, the stored response

A crash between the steps leaves a key whose lease runs out; the client's
retry with the same key resumes the same payment at step 2, which first asks
the processor what it holds for our reference. It sends the charge again only
while the processor still remembers our key; after that, a person decides.
"""

from __future__ import annotations

import random
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

import psycopg

from examples.system_design.payments.bookkeeping import (
    NewPayment,
    advance,
    insert_payment,
    payment_view,
)
from examples.system_design.payments.idempotency import (
    StoredResponse,
    claim,
    complete,
    fingerprint,
    release,
)
from examples.system_design.payments.processor import (
    KEY_WINDOW_SECONDS,
    Charge,
    Event,
    FakeProcessor,
    ProcessorRequestError,
    ProcessorTimeoutError,
)
from examples.system_design.payments.states import PaymentStatus
from examples.system_design.payments.webhooks import Outcome, handle_event


class OutcomeUnknownError(Exception):
    """The processor did not answer: the charge may or may not exist yet."""

    def __init__(self, payment_id: uuid.UUID) -> None:
        super().__init__(f"the processor did not answer for payment {payment_id}")
        self.payment_id = payment_id


def processor_key(payment_id: uuid.UUID) -> str:
    """The idempotency key we send downstream: one per payment, stable across retries.

    Not the client's key: keys are scoped per merchant here, and two merchants
    may both send "order-1".
    """
    return f"pay_{payment_id}"


# Our keys are replayed for 7 days after their response, then forgotten: a
# retry that late is a new payment. Published, as the Idempotency-Key draft
# asks of a server that expires keys (draft -06, sections 2.3 and 2.5).
KEY_TTL_SECONDS = 7 * 24 * 60 * 60

# What step 2 decided: the status to move to, and a decline code.
Decision = tuple[PaymentStatus, str | None]


class PaymentService:
    def __init__(
        self,
        connect: Callable[[], psycopg.Connection],
        processor: FakeProcessor,
        *,
        lease_seconds: float = 30.0,
        processor_timeout: float = 2.0,
        charge_attempts: int = 3,
        key_window_seconds: float = KEY_WINDOW_SECONDS,
        key_ttl_seconds: float = KEY_TTL_SECONDS,
        rng: random.Random | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if min(charge_attempts, processor_timeout, lease_seconds, key_ttl_seconds) <= 0:
            raise ValueError("attempts, timeout, lease and key TTL must be positive")
        self._connect = connect
        self._processor = processor
        self._lease = lease_seconds
        self._timeout = processor_timeout
        self._attempts = charge_attempts
        self._key_window = key_window_seconds
        self._key_ttl = key_ttl_seconds
        self._rng = rng or random.Random()
        self._sleep = sleep
        if lease_seconds <= self.worst_case_seconds():
            raise ValueError(
                f"lease_seconds={lease_seconds} must exceed the worst-case time at"
                f" the processor, {self.worst_case_seconds():.2f} s: a live request"
                " would lose its key to a retry"
            )

    def worst_case_seconds(self) -> float:
        """The longest step 2 can take: a search, every attempt and pause, a search."""
        pauses = sum(self._backoff_cap(n) for n in range(self._attempts))
        return (self._attempts + 2) * self._timeout + pauses

    @staticmethod
    def _backoff_cap(attempt: int) -> float:
        return min(2.0, 0.05 * 2**attempt)  # full jitter, as the data page

    # --8<-- [start:create]
    def create_payment(self, key: str, new: NewPayment) -> StoredResponse:
        """The response to POST /payments with this Idempotency-Key and body."""
        body = {k: v for k, v in asdict(new).items() if k != "merchant_id"}
        digest = fingerprint("POST", "/payments", body)
        with self._connect() as conn, conn.transaction():  # step 1
            claimed = claim(conn, new.merchant_id, key, digest, self._lease)
            if isinstance(claimed, StoredResponse):
                return claimed  # a replay: nothing runs twice
            payment_id, is_new = claimed
            if is_new:
                insert_payment(conn, payment_id, new)
            status, age = payment_age(conn, payment_id)
        try:  # step 2: no connection is held while the processor thinks
            if status is PaymentStatus.PENDING:
                decision = self._charge(payment_id, new, resumed=not is_new, age=age)
            else:
                decision = status, None  # a webhook or a person got there first
        except OutcomeUnknownError:
            with self._connect() as conn:
                release(conn, new.merchant_id, key)  # the client retries later
            raise
        with self._connect() as conn, conn.transaction():  # step 3
            advance(conn, payment_id, *decision)
            response = StoredResponse(201, payment_view(conn, payment_id), False)
            return complete(conn, new.merchant_id, key, response, self._key_ttl)

    # --8<-- [end:create]

    # --8<-- [start:charge]
    def _charge(
        self, payment_id: uuid.UUID, new: NewPayment, *, resumed: bool, age: float
    ) -> Decision:
        """Step 2: what the processor did with this payment, asked safely."""
        reference = str(payment_id)
        if resumed:  # an earlier request may have charged: ask before sending
            found = self._search(payment_id)
            if found is not None:
                return found
            if age + self.worst_case_seconds() >= self._key_window:
                # The processor may have forgotten our key: a new send could
                # charge twice. A person looks at it (and a late webhook may
                # still settle it).
                return PaymentStatus.NEEDS_REVIEW, "outcome_unknown"
        for attempt in range(self._attempts):
            try:
                charge = self._processor.create_charge(
                    idempotency_key=processor_key(payment_id),
                    reference=reference,
                    amount=new.amount,
                    currency=new.currency,
                    token=new.payment_method,
                    timeout=self._timeout,
                )
            except ProcessorRequestError:
                return PaymentStatus.FAILED, "processor_refused"  # it did nothing
            except ProcessorTimeoutError:
                self._sleep(self._rng.uniform(0, self._backoff_cap(attempt)))
            else:
                return PaymentStatus(charge.status), charge.decline_code
        found = self._search(payment_id)  # still no answer: ask by our reference
        if found is None:
            # Not seen: a lost request may still arrive at the processor, so
            # "not seen" is not "failed". Leave it pending for a retry.
            raise OutcomeUnknownError(payment_id)
        return found

    def _search(self, payment_id: uuid.UUID) -> Decision | None:
        """The processor's charge for our reference, if it holds one."""
        try:
            charges = self._processor.find_charges(
                str(payment_id), timeout=self._timeout
            )
        except ProcessorTimeoutError:
            raise OutcomeUnknownError(payment_id) from None
        if len(charges) > 1:  # charged twice: a person refunds one
            return PaymentStatus.NEEDS_REVIEW, "charged_twice"
        return _decision(charges[0]) if charges else None

    # --8<-- [end:charge]

    def get_payment(
        self, merchant_id: str, payment_id: uuid.UUID
    ) -> dict[str, Any] | None:
        """The payment if it belongs to `merchant_id`, else None (no hint it exists)."""
        with self._connect() as conn:
            owner = conn.execute(
                "SELECT merchant_id FROM payments WHERE id = %s", (payment_id,)
            ).fetchone()
            if owner is None or owner[0] != merchant_id:
                return None
            return payment_view(conn, payment_id)

    def handle_event(self, event: Event) -> Outcome:
        """Apply one webhook delivery (see webhooks.handle_event)."""
        with self._connect() as conn:
            return handle_event(conn, event)


def _decision(charge: Charge) -> Decision:
    return PaymentStatus(charge.status), charge.decline_code


def payment_age(
    conn: psycopg.Connection, payment_id: uuid.UUID
) -> tuple[PaymentStatus, float]:
    """The payment's status and seconds since it was created, by the database clock."""
    row = conn.execute(
        "SELECT status, extract(epoch FROM now() - created_at)::float8"
        " FROM payments WHERE id = %s",
        (payment_id,),
    ).fetchone()
    assert row is not None  # claim made it or found it in this transaction
    return PaymentStatus(row[0]), float(row[1])
