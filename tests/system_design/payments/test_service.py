"""The request path: one charge however the processor's replies get lost, and crash recovery."""

from __future__ import annotations

import threading
import uuid

import pytest

from examples.scratch_postgres import connect
from examples.system_design.payments.bookkeeping import NewPayment, insert_payment
from examples.system_design.payments.idempotency import (
    IdempotencyKeyReusedError,
    RequestInFlightError,
    claim,
    fingerprint,
)
from examples.system_design.payments.processor import DECLINED_TOKEN, Fault, ProcessorRequestError
from examples.system_design.payments.service import OutcomeUnknownError, PaymentService, processor_key
from examples.system_design.payments.wiring import Wired

NEW = NewPayment("shop-1", 1999, "USD", "tok_visa")


def entries(wired: Wired) -> list[tuple[str, str]]:
    with wired.service._connect() as conn:
        return conn.execute("SELECT kind, reference FROM journal_entries ORDER BY id").fetchall()


def key_row(wired: Wired, key: str) -> tuple:
    with wired.service._connect() as conn:
        row = conn.execute(
            "SELECT response_status, locked_until IS NULL FROM idempotency_keys WHERE key = %s", (key,)
        ).fetchone()
    assert row is not None
    return row


def test_a_payment_is_charged_booked_and_its_response_stored(wired: Wired) -> None:
    response = wired.service.create_payment("k1", NEW)
    assert (response.status, response.replayed, response.body["status"]) == (201, False, "succeeded")
    [charge] = wired.processor.charges.values()
    assert charge.idempotency_key == processor_key(uuid.UUID(response.body["id"]))
    assert entries(wired) == [("charge", response.body["id"])]
    assert key_row(wired, "k1") == (201, True)
    again = wired.service.create_payment("k1", NEW)
    assert again.replayed and again.body == response.body and wired.processor.create_calls == 1


def test_a_decline_is_a_failed_payment_with_no_ledger_entry(wired: Wired) -> None:
    response = wired.service.create_payment("k1", NewPayment("shop-1", 500, "USD", DECLINED_TOKEN))
    assert response.body["status"] == "failed" and response.body["decline_code"] == "card_declined"
    assert entries(wired) == []


@pytest.mark.parametrize("fault", list(Fault))
def test_one_lost_reply_is_retried_with_the_same_key_and_charges_once(wired: Wired, fault: Fault) -> None:
    wired.processor.script(fault)
    response = wired.service.create_payment("k1", NEW)
    assert response.body["status"] == "succeeded"
    assert len(wired.processor.charges) == 1 and len(entries(wired)) == 1


def test_all_replies_lost_then_the_status_query_finds_the_charge(wired: Wired) -> None:
    wired.processor.script(Fault.LOST_RESPONSE, Fault.LOST_REQUEST, Fault.LOST_REQUEST)
    response = wired.service.create_payment("k1", NEW)
    assert response.body["status"] == "succeeded" and wired.processor.create_calls == 1


def test_an_outage_leaves_the_payment_pending_and_the_key_resumable(wired: Wired) -> None:
    wired.processor.available = False
    with pytest.raises(OutcomeUnknownError) as caught:
        wired.service.create_payment("k1", NEW)
    assert key_row(wired, "k1") == (None, False)  # no response stored, lease ended
    view = wired.service.get_payment("shop-1", caught.value.payment_id)
    assert view is not None and view["status"] == "pending"
    assert entries(wired) == []
    wired.processor.available = True
    response = wired.service.create_payment("k1", NEW)
    assert response.body["id"] == str(caught.value.payment_id)  # the same payment
    assert response.body["status"] == "succeeded" and len(wired.processor.charges) == 1


def test_a_request_that_died_mid_flight_blocks_until_its_lease_runs_out(wired: Wired) -> None:
    digest = fingerprint("POST", "/payments", {"amount": 1999, "currency": "USD", "payment_method": "tok_visa"})
    with wired.service._connect() as conn, conn.transaction():  # step 1, then the process died
        payment_id, is_new = claim(conn, "shop-1", "k1", digest, lease_seconds=30)
        insert_payment(conn, payment_id, NEW)
    assert is_new
    with pytest.raises(RequestInFlightError):
        wired.service.create_payment("k1", NEW)
    with wired.service._connect() as conn:  # 30 seconds pass
        conn.execute("UPDATE idempotency_keys SET locked_until = now() - interval '1 second'")
    response = wired.service.create_payment("k1", NEW)
    assert response.body["id"] == str(payment_id) and response.body["status"] == "succeeded"


def test_a_key_is_scoped_by_merchant_and_bound_to_its_body(wired: Wired) -> None:
    first = wired.service.create_payment("k1", NEW)
    other = wired.service.create_payment("k1", NewPayment("shop-2", 1999, "USD", "tok_visa"))
    assert other.body["id"] != first.body["id"] and not other.replayed
    for changed in (
        NewPayment("shop-1", 2000, "USD", "tok_visa"),
        NewPayment("shop-1", 1999, "EUR", "tok_visa"),
        NewPayment("shop-1", 1999, "USD", "tok_mastercard"),
    ):
        with pytest.raises(IdempotencyKeyReusedError):
            wired.service.create_payment("k1", changed)
    assert len(wired.processor.charges) == 2


def test_a_request_the_processor_refuses_fails_the_payment(wired: Wired, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(**_: object) -> None:
        raise ProcessorRequestError("amount below the minimum")

    monkeypatch.setattr(wired.processor, "create_charge", refuse)
    response = wired.service.create_payment("k1", NEW)
    assert (response.status, response.body["status"]) == (201, "failed")
    assert response.body["decline_code"] == "processor_refused" and entries(wired) == []


def test_fingerprints_ignore_key_order_and_see_every_value() -> None:
    a = fingerprint("POST", "/payments", {"amount": 1, "currency": "USD"})
    assert a == fingerprint("POST", "/payments", {"currency": "USD", "amount": 1})
    assert a != fingerprint("POST", "/payments", {"amount": 2, "currency": "USD"})
    assert a != fingerprint("POST", "/refunds", {"amount": 1, "currency": "USD"})


def test_the_service_refuses_bad_settings(postgres_dsn: str) -> None:
    for kwargs in ({"charge_attempts": 0}, {"processor_timeout": 0}, {"lease_seconds": -1}):
        with pytest.raises(ValueError, match="positive"):
            PaymentService(lambda: connect("public", postgres_dsn), None, **kwargs)  # type: ignore[arg-type]


def age_everything(wired: Wired, hours: float) -> None:
    """Move the processor's clock and the payments' creation times `hours` on."""
    start = wired.processor.clock()
    wired.processor.clock = lambda: start + hours * 3600
    with wired.service._connect() as conn:
        conn.execute("UPDATE payments SET created_at = created_at - make_interval(hours => %s)", (hours,))


def test_a_resume_past_the_processors_key_window_finds_the_charge_by_reference(wired: Wired) -> None:
    """The processor forgot our key after 24 h: sending again would charge twice."""
    wired.processor.script(*[Fault.LOST_RESPONSE] * 4)  # charged; replies and search lost
    with pytest.raises(OutcomeUnknownError):
        wired.service.create_payment("k1", NEW)
    assert len(wired.processor.charges) == 1
    calls = wired.processor.create_calls
    age_everything(wired, hours=25)
    response = wired.service.create_payment("k1", NEW)  # the client's retry, a day later
    assert response.body["status"] == "succeeded"
    assert len(wired.processor.charges) == 1 and wired.processor.create_calls == calls


def test_past_the_window_with_no_charge_found_a_person_decides(wired: Wired) -> None:
    wired.processor.available = False
    with pytest.raises(OutcomeUnknownError):
        wired.service.create_payment("k1", NEW)
    wired.processor.available = True
    age_everything(wired, hours=25)
    response = wired.service.create_payment("k1", NEW)
    assert response.body["status"] == "needs_review"
    assert response.body["decline_code"] == "outcome_unknown"
    assert wired.processor.create_calls == 0  # never re-sent: nothing dedupes it now
    assert entries(wired) == []


def test_within_the_window_a_resume_searches_first_and_sends_only_if_nothing_is_found(wired: Wired) -> None:
    wired.processor.script(*[Fault.LOST_RESPONSE] * 4)
    with pytest.raises(OutcomeUnknownError):
        wired.service.create_payment("k1", NEW)
    calls = wired.processor.create_calls
    assert wired.service.create_payment("k1", NEW).body["status"] == "succeeded"
    assert wired.processor.create_calls == calls  # found by reference: not sent again


def test_no_database_connection_is_held_while_the_processor_is_called(wired: Wired) -> None:
    opened: list = []
    connect = wired.service._connect

    def tracked():
        conn = connect()
        opened.append(conn)
        return conn

    wired.service._connect = tracked
    wired.processor.hold = threading.Event()
    worker = threading.Thread(target=wired.service.create_payment, args=("k1", NEW))
    worker.start()
    try:
        assert wired.processor.in_call.wait(timeout=10)
        assert opened and all(conn.closed for conn in opened)  # step 1's is closed
    finally:
        wired.processor.hold.set()
        worker.join(timeout=30)
    assert not any(conn.closed is False for conn in opened)


def test_the_lease_must_outlast_the_worst_case_request(postgres_dsn: str) -> None:
    service = PaymentService(lambda: connect("public", postgres_dsn), None)  # type: ignore[arg-type]
    assert service.worst_case_seconds() == pytest.approx(5 * 2.0 + 0.05 + 0.1 + 0.2)
    with pytest.raises(ValueError, match="worst-case"):
        PaymentService(lambda: connect("public", postgres_dsn), None, lease_seconds=10)  # type: ignore[arg-type]
