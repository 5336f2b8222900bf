"""The in-process fake processor: deduplication by key, faults, events, the settlement report."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from examples.system_design.payments.processor import (
    DECLINED_TOKEN,
    KEY_WINDOW_SECONDS,
    FakeProcessor,
    Fault,
    ProcessorRequestError,
    ProcessorTimeoutError,
)

VISA = "tok_visa"


def charge(p: FakeProcessor, key: str = "k1", amount: int = 500, token: str = VISA):
    return p.create_charge(
        idempotency_key=key, reference=f"ref-{key}", amount=amount, currency="USD", token=token, timeout=1.0
    )


def test_a_repeated_key_returns_the_first_charge() -> None:
    p = FakeProcessor()
    first, again = charge(p), charge(p)
    assert first == again and first.status == "succeeded"
    assert len(p.charges) == 1 and p.create_calls == 2
    assert [e.status for e in p.events] == ["succeeded"]


def test_the_same_key_with_other_parameters_is_refused() -> None:
    p = FakeProcessor()
    charge(p)
    with pytest.raises(ProcessorRequestError):
        charge(p, amount=501)


def test_a_declined_token_fails_with_a_code() -> None:
    c = charge(FakeProcessor(), token=DECLINED_TOKEN)
    assert (c.status, c.decline_code) == ("failed", "card_declined")


def test_a_lost_request_does_nothing_and_a_lost_response_does_everything() -> None:
    p = FakeProcessor()
    p.script(Fault.LOST_REQUEST, Fault.LOST_RESPONSE)
    with pytest.raises(ProcessorTimeoutError):
        charge(p)
    assert p.charges == {}
    with pytest.raises(ProcessorTimeoutError):
        charge(p)
    assert len(p.charges) == 1  # charged, though the caller never heard
    assert p.find_charges("ref-k1", timeout=1.0) == [charge(p)]


def test_an_outage_times_out_every_call() -> None:
    p = FakeProcessor(available=False)
    with pytest.raises(ProcessorTimeoutError):
        charge(p)
    with pytest.raises(ProcessorTimeoutError):
        p.find_charges("ref-k1", timeout=1.0)


@pytest.mark.parametrize("timeout", [0, -1])
def test_every_call_needs_a_timeout(timeout: float) -> None:
    p = FakeProcessor()
    with pytest.raises(ValueError, match="positive timeout"):
        p.create_charge(idempotency_key="k", reference="r", amount=1, currency="USD", token=VISA, timeout=timeout)
    with pytest.raises(ValueError, match="positive timeout"):
        p.find_charges("r", timeout=timeout)


def test_a_held_call_times_out_if_never_released() -> None:
    p = FakeProcessor(hold=threading.Event())
    with pytest.raises(ProcessorTimeoutError):
        p.create_charge(idempotency_key="k", reference="r", amount=1, currency="USD", token=VISA, timeout=0.01)
    assert p.charges == {}


def test_concurrent_calls_with_one_key_make_one_charge() -> None:
    p = FakeProcessor()
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda _: charge(p), range(32)))
    assert len({r.id for r in results}) == 1 and len(p.charges) == 1


def test_refunds_only_once_and_only_a_success() -> None:
    p = FakeProcessor()
    charge(p, "ok")
    charge(p, "no", token=DECLINED_TOKEN)
    p.refund("ref-ok")
    with pytest.raises(ProcessorRequestError):
        p.refund("ref-ok")
    with pytest.raises(ProcessorRequestError):
        p.refund("ref-no")
    assert [e.status for e in p.events] == ["succeeded", "failed", "refunded"]
    assert len({e.id for e in p.events}) == 3


def test_the_settlement_report_lists_money_moved_and_is_seeded() -> None:
    p = FakeProcessor()
    for n in range(6):
        charge(p, f"k{n}", amount=100 + n, token=DECLINED_TOKEN if n == 5 else "tok_visa")
    p.refund("ref-k0")
    clean = p.settlement_report(seed=1)
    assert sorted((r["type"], r["reference"]) for r in clean) == sorted(
        [("charge", f"ref-k{n}") for n in range(5)] + [("refund", "ref-k0")]
    )
    assert p.settlement_report(seed=9, faults=3) == p.settlement_report(seed=9, faults=3)
    assert p.settlement_report(seed=9, faults=3) != clean


def test_a_key_older_than_the_window_makes_a_new_charge() -> None:
    """As Stripe documents: a pruned key sent again is a new request."""
    now = [0.0]
    p = FakeProcessor(clock=lambda: now[0])
    first = charge(p)
    now[0] = KEY_WINDOW_SECONDS - 1
    assert charge(p) == first and len(p.charges) == 1
    now[0] = KEY_WINDOW_SECONDS + 1
    assert charge(p) != first and len(p.charges) == 2
    assert len(p.find_charges("ref-k1", timeout=1.0)) == 2  # found by reference
