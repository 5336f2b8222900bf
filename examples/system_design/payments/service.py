"""Create a payment exactly once: claim the key, call the processor, record the result.

    1. claim (one transaction): the key row, its fingerprint, a pending payment
    2. charge (no transaction): the processor, with OUR key for this payment,
       a timeout on every call, retries with the same key, then a status query
    3. finish (one transaction): the status, its ledger entry, the stored response

A crash between the steps leaves a key whose lease runs out; the client's
retry with the same key resumes the same payment at step 2, and the
processor's own deduplication makes the second charge request harmless.
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


class PaymentService:
    def __init__(
        self,
        connect: Callable[[], psycopg.Connection],
        processor: FakeProcessor,
        *,
        lease_seconds: float = 30.0,
        processor_timeout: float = 2.0,
        charge_attempts: int = 3,
        rng: random.Random | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if charge_attempts < 1 or processor_timeout <= 0 or lease_seconds <= 0:
            raise ValueError("attempts, timeout and lease must be positive")
        self._connect = connect
        self._processor = processor
        self._lease = lease_seconds
        self._timeout = processor_timeout
        self._attempts = charge_attempts
        self._rng = rng or random.Random()
        self._sleep = sleep

    # --8<-- [start:create]
    def create_payment(self, key: str, new: NewPayment) -> StoredResponse:
        """The response to POST /payments with this Idempotency-Key and body."""
        body = {k: v for k, v in asdict(new).items() if k != "merchant_id"}
        digest = fingerprint("POST", "/payments", body)
        with self._connect() as conn:
            with conn.transaction():  # step 1
                claimed = claim(conn, new.merchant_id, key, digest, self._lease)
                if isinstance(claimed, StoredResponse):
                    return claimed  # a replay: nothing runs twice
                payment_id, is_new = claimed
                if is_new:
                    insert_payment(conn, payment_id, new)
            try:
                charge = self._charge(payment_id, new)  # step 2, no transaction
            except OutcomeUnknownError:
                release(conn, new.merchant_id, key)  # the client retries later
                raise
            with conn.transaction():  # step 3
                if charge is None:  # the processor refused the request itself
                    advance(conn, payment_id, PaymentStatus.FAILED, "processor_refused")
                else:
                    status = PaymentStatus(charge.status)
                    advance(conn, payment_id, status, charge.decline_code)
                response = StoredResponse(201, payment_view(conn, payment_id), False)
                return complete(conn, new.merchant_id, key, response)

    # --8<-- [end:create]

    # --8<-- [start:charge]
    def _charge(self, payment_id: uuid.UUID, new: NewPayment) -> Charge | None:
        """The processor's charge, retried with the same key; None if refused."""
        key = processor_key(payment_id)
        for attempt in range(self._attempts):
            try:
                return self._processor.create_charge(
                    idempotency_key=key,
                    reference=str(payment_id),
                    amount=new.amount,
                    currency=new.currency,
                    token=new.payment_method,
                    timeout=self._timeout,
                )
            except ProcessorRequestError:
                return None  # a 4xx: the processor did nothing
            except ProcessorTimeoutError:
                cap = min(2.0, 0.05 * 2**attempt)  # full jitter, as the data page
                self._sleep(self._rng.uniform(0, cap))
        try:  # still no answer: ask what happened under our key
            charge = self._processor.retrieve_charge(key, timeout=self._timeout)
        except ProcessorTimeoutError:
            charge = None
        if charge is None:
            # Not seen (or not reachable): a lost request may still arrive at
            # the processor, so "not seen" is not "failed". Leave it pending.
            raise OutcomeUnknownError(payment_id)
        return charge

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
