"""The HTTP API: idempotency end to end, validation, auth, webhooks, and one charge under a stampede."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator

import httpx2
import pytest
from starlette.testclient import TestClient

from examples.system_design.payments.processor import Event
from examples.system_design.payments.server import serve
from examples.system_design.payments.webhooks import MAX_BODY_BYTES, event_body, sign
from examples.system_design.payments.wiring import DEMO_WEBHOOK_SECRET, Wired

AUTH = {"Authorization": "Bearer sk_test_shop_1"}
BODY = {"amount": 1999, "currency": "USD", "payment_method": "tok_visa"}
PROBLEM = "application/problem+json"


@pytest.fixture
def client(wired: Wired) -> Iterator[TestClient]:
    with TestClient(wired.app) as c:
        yield c


def post(client: TestClient | httpx2.Client, key: str | None = "k1", body: object = BODY, **headers: str):
    sent = AUTH | ({"Idempotency-Key": key} if key is not None else {}) | headers
    return client.post("/payments", json=body, headers=sent)


def test_create_then_replay_returns_the_stored_response(client: TestClient, wired: Wired) -> None:
    first = post(client)
    assert first.status_code == 201 and first.headers["location"] == f"/payments/{first.json()['id']}"
    assert "idempotent-replayed" not in first.headers
    again = post(client, key='"k1"')  # the draft's quoted form is the same key
    assert again.status_code == 201 and again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json() and len(wired.processor.charges) == 1
    assert client.get(first.headers["location"], headers=AUTH).json() == first.json()


def test_key_order_and_spacing_do_not_change_the_fingerprint(client: TestClient) -> None:
    first = post(client)
    raw = b'{ "payment_method":"tok_visa",  "currency":"USD", "amount":1999 }'
    headers = AUTH | {"Idempotency-Key": "k1", "Content-Type": "application/json"}
    again = client.post("/payments", content=raw, headers=headers)
    assert again.headers["idempotent-replayed"] == "true" and again.json() == first.json()


@pytest.mark.parametrize("change", [{"amount": 2999}, {"currency": "EUR"}, {"payment_method": "tok_other"}])
def test_the_same_key_with_another_body_is_a_422(client: TestClient, wired: Wired, change: dict) -> None:
    post(client)
    reused = post(client, body=BODY | change)
    assert reused.status_code == 422 and reused.headers["content-type"] == PROBLEM
    assert reused.json()["type"].endswith("/idempotency-key-reused")
    assert len(wired.processor.charges) == 1


@pytest.mark.parametrize(
    ("key", "detail"),
    [(None, "requires an Idempotency-Key"), ("", "1-255 printable ASCII"), ("a b", "1-255 printable ASCII"),
     ("x" * 256, "1-255 printable ASCII"), ('"open', "one whole quoted string")],
)
def test_a_missing_or_malformed_key_is_a_400_and_charges_nothing(
    client: TestClient, wired: Wired, key: str | None, detail: str
) -> None:
    response = post(client, key=key)
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["header"] == "idempotency-key" and detail in error["detail"]
    assert wired.processor.create_calls == 0


@pytest.mark.parametrize(
    ("body", "pointer", "detail"),
    [
        (BODY | {"amount": 19.99}, "#/amount", "valid integer"),
        (BODY | {"amount": "1999"}, "#/amount", "valid integer"),
        (BODY | {"amount": 0}, "#/amount", "between 1 and 100000000 USD"),
        (BODY | {"currency": "JPY", "amount": 2_000_000}, "#/amount", "between 1 and 1000000 JPY"),
        (BODY | {"currency": "usd"}, "#/currency", "currency must be one of"),
        (BODY | {"payment_method": "4242 4242 4242 4242"}, "#/payment_method", "never its number"),
        (BODY | {"payment_method": "card_4242"}, "#/payment_method", "processor token"),
        (BODY | {"card_number": "4000056655665556"}, "#/card_number", "Extra inputs"),
        ({"amount": 1999, "payment_method": "tok_visa"}, "#/currency", "Field required"),
    ],
)
def test_bad_bodies_are_422_with_a_pointer_and_nothing_is_stored(
    client: TestClient, wired: Wired, body: dict, pointer: str, detail: str
) -> None:
    response = post(client, body=body)
    assert response.status_code == 422 and response.headers["content-type"] == PROBLEM
    errors = response.json()["errors"]
    assert any(e["pointer"] == pointer and detail in e["detail"] for e in errors), errors
    assert "4242" not in response.text and "5556" not in response.text  # never echoed
    assert post(client, body=BODY).status_code == 201  # the key was not spent


@pytest.mark.parametrize("authorization", [None, "Bearer wrong", "Basic sk_test_shop_1", "sk_test_shop_1"])
def test_without_a_valid_api_key_it_is_a_401(client: TestClient, authorization: str | None) -> None:
    headers = {"Idempotency-Key": "k1"} | ({"Authorization": authorization} if authorization else {})
    response = client.post("/payments", json=BODY, headers=headers)
    assert response.status_code == 401 and response.headers["content-type"] == PROBLEM
    assert response.headers["www-authenticate"] == "Bearer"


def test_a_payment_is_visible_only_to_its_merchant(client: TestClient) -> None:
    location = post(client).headers["location"]
    other = client.get(location, headers={"Authorization": "Bearer sk_test_shop_2"})
    assert other.status_code == 404
    assert client.get("/payments/00000000-0000-0000-0000-000000000000", headers=AUTH).status_code == 404
    assert client.get("/payments/abc", headers=AUTH).status_code == 400


def test_the_same_key_from_two_merchants_makes_two_payments(client: TestClient) -> None:
    one = post(client)
    two = post(client, Authorization="Bearer sk_test_shop_2")
    assert one.json()["id"] != two.json()["id"] and two.status_code == 201


def test_an_outage_is_a_503_and_the_retry_finishes_the_same_payment(client: TestClient, wired: Wired) -> None:
    wired.processor.available = False
    down = post(client)
    assert down.status_code == 503 and down.headers["retry-after"] == "5"
    wired.processor.available = True
    done = post(client)
    assert done.status_code == 201 and done.json()["id"] in down.json()["detail"]


def test_webhooks_need_a_signature_and_are_applied_once(client: TestClient, wired: Wired) -> None:
    payment = post(client).json()
    event = Event("evt_x", payment["id"], "refunded")
    body = event_body(event)
    url = "/webhooks/processor"
    forged = client.post(url, content=body, headers={"Processor-Signature": "sha256=00"})
    assert forged.status_code == 400 and forged.json()["type"].endswith("/bad-signature")
    now = int(time.time())  # the app's clock is the real one here
    signed = {"Processor-Signature": sign(DEMO_WEBHOOK_SECRET, body, now)}
    outcomes = [client.post(url, content=body, headers=signed).json()["outcome"] for _ in range(3)]
    assert outcomes == ["applied", "duplicate", "duplicate"]
    assert client.get(f"/payments/{payment['id']}", headers=AUTH).json()["status"] == "refunded"
    bad = b'{"id": "e", "reference": "r", "status": "refunded"}'
    bad_signed = {"Processor-Signature": sign(DEMO_WEBHOOK_SECRET, bad, now)}
    assert client.post(url, content=bad, headers=bad_signed).status_code == 400
    ghost = event_body(Event("evt_y", "00000000-0000-0000-0000-000000000009", "failed"))
    sig = {"Processor-Signature": sign(DEMO_WEBHOOK_SECRET, ghost, now)}
    assert client.post(url, content=ghost, headers=sig).status_code == 404


def test_a_non_ascii_signature_is_a_400_not_a_500(client: TestClient) -> None:
    body = event_body(Event("evt_x", "00000000-0000-0000-0000-000000000009", "failed"))
    header = b"t=1,v1=" + b"\xe9" * 64  # latin-1 on the wire: not ASCII
    sent = client.post("/webhooks/processor", content=body, headers={"Processor-Signature": header})
    assert sent.status_code == 400 and sent.json()["type"].endswith("/bad-signature")


def test_a_webhook_body_over_the_cap_is_a_413_before_any_check(client: TestClient) -> None:
    big = b"x" * (MAX_BODY_BYTES + 1)
    sent = client.post("/webhooks/processor", content=big, headers={"Processor-Signature": "t=1,v1=00"})
    assert sent.status_code == 413

    def chunks() -> Iterator[bytes]:  # no Content-Length: the stream is counted
        for _ in range(MAX_BODY_BYTES // 1024 + 2):
            yield b"x" * 1024

    streamed = client.post("/webhooks/processor", content=chunks(), headers={"Processor-Signature": "t=1"})
    assert streamed.status_code == 413


@pytest.mark.parametrize("field", ["currency", "amount"])
def test_a_card_number_in_another_field_is_not_echoed(client: TestClient, field: str) -> None:
    card = "4242424242424242"
    for value in (card, int(card)):
        sent = post(client, key=f"card-{field}-{type(value).__name__}", body=BODY | {field: value})
        assert sent.status_code == 422 and card not in sent.text


def test_a_stampede_of_one_key_over_real_http_makes_one_charge(wired: Wired) -> None:
    """Sixteen threads send the same request at once to uvicorn: one charge, one entry."""
    threads = 16
    start = threading.Barrier(threads)
    results: list[httpx2.Response] = []
    lock = threading.Lock()
    with serve(wired.app) as url, httpx2.Client(base_url=url, timeout=30) as http:

        def send() -> None:
            start.wait(timeout=10)
            response = post(http, key="stampede")
            with lock:
                results.append(response)

        workers = [threading.Thread(target=send) for _ in range(threads)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(timeout=60)
        final = post(http, key="stampede")
    statuses = Counter(r.status_code for r in results)
    assert set(statuses) <= {201, 409} and statuses[201] >= 1
    originals = [r for r in results if r.status_code == 201 and "idempotent-replayed" not in r.headers]
    assert len(originals) == 1  # exactly one request did the work
    assert all(r.headers["retry-after"] == "1" for r in results if r.status_code == 409)
    assert final.json() == originals[0].json()
    assert wired.processor.create_calls == 1 and len(wired.processor.charges) == 1
    with wired.service._connect() as conn:
        assert conn.execute("SELECT count(*) FROM journal_entries").fetchone() == (1,)
        assert conn.execute("SELECT count(*) FROM payments").fetchone() == (1,)


def test_duplicates_that_arrive_while_the_first_is_at_the_processor_get_409(wired: Wired) -> None:
    wired.processor.hold = threading.Event()
    with serve(wired.app) as url, httpx2.Client(base_url=url, timeout=30) as http:
        box: list[httpx2.Response] = []
        first = threading.Thread(target=lambda: box.append(post(http, key="slow")))
        first.start()
        assert wired.processor.in_call.wait(timeout=10)
        during = [post(http, key="slow") for _ in range(3)]
        wired.processor.hold.set()
        first.join(timeout=30)
        after = post(http, key="slow")
    assert [r.status_code for r in during] == [409, 409, 409]
    assert box[0].status_code == 201 and after.headers["idempotent-replayed"] == "true"
    assert wired.processor.create_calls == 1
