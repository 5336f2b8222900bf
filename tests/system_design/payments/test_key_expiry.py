"""Idempotency keys expire 7 days after their response: then the same key is a new request.

Time moves by shifting the stored timestamps back, as the lease tests do: the
module's clock is the database's, and nothing here sleeps.
"""

from __future__ import annotations

import threading

import pytest

from examples.system_design.payments.bookkeeping import NewPayment
from examples.system_design.payments.idempotency import RequestInFlightError
from examples.system_design.payments.service import KEY_TTL_SECONDS, OutcomeUnknownError
from examples.system_design.payments.wiring import Wired

NEW = NewPayment("shop-1", 1999, "USD", "tok_visa")


def days_pass(wired: Wired, days: float) -> None:
    """Move every key and payment `days` into the past."""
    with wired.service._connect() as conn:
        conn.execute(
            "UPDATE idempotency_keys SET created_at = created_at - make_interval(secs => %s),"
            " expires_at = expires_at - make_interval(secs => %s)",
            (days * 86400, days * 86400),
        )
        conn.execute("UPDATE payments SET created_at = created_at - make_interval(secs => %s)", (days * 86400,))


def test_the_published_lifetime_is_seven_days() -> None:
    assert KEY_TTL_SECONDS == 7 * 24 * 3600


def test_a_key_is_replayed_until_it_expires_then_its_retry_is_a_new_payment(wired: Wired) -> None:
    first = wired.service.create_payment("k1", NEW)
    days_pass(wired, 6.99)
    replay = wired.service.create_payment("k1", NEW)
    assert replay.replayed and replay.body == first.body and wired.processor.create_calls == 1
    days_pass(wired, 0.02)  # 7 days and a quarter of an hour since the response
    again = wired.service.create_payment("k1", NEW)
    assert not again.replayed and again.body["id"] != first.body["id"]
    assert again.body["status"] == "succeeded" and len(wired.processor.charges) == 2
    # the new response is the one replayed from now on, for another 7 days
    assert wired.service.create_payment("k1", NEW).body == again.body


def test_an_expired_key_is_forgotten_with_its_body(wired: Wired) -> None:
    wired.service.create_payment("k1", NEW)
    days_pass(wired, 8)
    other = wired.service.create_payment("k1", NewPayment("shop-1", 500, "EUR", "tok_visa"))
    assert (other.status, other.replayed, other.body["amount"]) == (201, False, 500)


def test_a_key_whose_request_never_finished_does_not_expire(wired: Wired) -> None:
    """Expiring it would charge again for a payment that may have been charged."""
    wired.processor.available = False
    with pytest.raises(OutcomeUnknownError) as caught:
        wired.service.create_payment("k1", NEW)
    wired.processor.available = True
    days_pass(wired, 8)
    response = wired.service.create_payment("k1", NEW)
    assert response.body["id"] == str(caught.value.payment_id)  # resumed, not new
    assert response.body["status"] == "needs_review" and wired.processor.create_calls == 0


def test_while_the_retry_of_an_expired_key_is_in_flight_a_duplicate_gets_a_conflict(wired: Wired) -> None:
    first = wired.service.create_payment("k1", NEW)
    days_pass(wired, 8)
    wired.processor.hold = threading.Event()
    wired.processor.in_call.clear()  # the first request set it
    results: list = []
    worker = threading.Thread(target=lambda: results.append(wired.service.create_payment("k1", NEW)))
    worker.start()
    try:
        assert wired.processor.in_call.wait(timeout=10)  # the retry took the key over
        with pytest.raises(RequestInFlightError):
            wired.service.create_payment("k1", NEW)
    finally:
        wired.processor.hold.set()
        worker.join(timeout=30)
    [taken_over] = results
    assert taken_over.body["id"] != first.body["id"] and len(wired.processor.charges) == 2


def test_the_service_refuses_a_key_lifetime_that_is_not_positive(wired: Wired) -> None:
    with pytest.raises(ValueError, match="positive"):
        type(wired.service)(wired.service._connect, wired.processor, key_ttl_seconds=0)
