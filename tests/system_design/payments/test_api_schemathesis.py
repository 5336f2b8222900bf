"""Schemathesis against the payments API on real PostgreSQL, held to its OpenAPI.

Each operation gets up to MAX_EXAMPLES generated requests plus schemathesis's
coverage cases, sent in-process to the app this folder's tests use (the
`wired` fixture: a scratch schema, dropped afterwards; a skip locally without
PostgreSQL and a failure under CI). Every default check runs on each
response; after a 2xx, ignored_auth also sends the request without the API
key and expects a 401.

What a schema cannot know is aimed at real data where a case is meant to be
valid: each positive POST gets an Idempotency-Key of its own (a key reused
with another body is a 422 by design, tested in test_api), a positive
payment id mostly becomes a payment made for the case, and a positive
webhook carries a valid signature and mostly names that payment.
"""

from __future__ import annotations

import itertools
import json
import time

import jsonschema_rs
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError
from schemathesis.core.parameters import ParameterLocation

from examples.system_design.payments.api import PaymentBody, create_app
from examples.system_design.payments.money import contains_card_number
from examples.system_design.payments.processor import FakeProcessor
from examples.system_design.payments.service import PaymentService
from examples.system_design.payments.webhooks import sign
from examples.system_design.payments.wiring import DEMO_WEBHOOK_SECRET, Wired
from tests.support.schemathesis_cases import positive
from tests.support.schemathesis_runs import Tally, aim_header, aim_path, bounded, mostly

API_KEY = "sk_test_shop_1"  # wiring's demo key for shop-1
PAYMENT = {"amount": 1999, "currency": "USD", "payment_method": "tok_visa"}
keys = itertools.count()


def no_database():
    raise AssertionError("this app only serves its OpenAPI document")


# The document does not depend on the database: this app is built only to
# serve it. The cases go to the `wired` fixture's app, on the real server.
document_only = create_app(PaymentService(no_database, FakeProcessor()), {}, b"")
schema = schemathesis.openapi.from_asgi("/openapi.json", document_only)
tally = Tally()
_tally, _reached_2xx = tally.fixtures()


@schema.auth()
class ApiKey:
    """How schemathesis authenticates, so ignored_auth can leave the key out."""

    def get(self, case, context) -> str:
        return API_KEY

    def set(self, case, data: str, context) -> None:
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}


def aim_at_real_data(case, payment_id: str) -> None:
    aim_path(case, "payment_id", payment_id)
    if case.path == "/payments" and positive(case, ParameterLocation.HEADER):
        aim_header(case, "Idempotency-Key", f"case-{next(keys)}", add=True)
    body = case.body
    if not isinstance(body, dict) or not positive(case, ParameterLocation.BODY):
        return
    if case.path == "/payments" and contains_card_number(body["payment_method"]):
        # A Luhn-valid run of 13-19 digits is refused; no pattern can say so.
        body["payment_method"] = "tok_visa"
    if case.path == "/webhooks/processor" and positive(case, ParameterLocation.HEADER):
        if mostly(body):  # the rest name no payment: a 404
            body["reference"] = payment_id
        raw = json.dumps(body).encode()  # the bytes requests sends for json=body
        case.headers = {**(case.headers or {}), "Processor-Signature": sign(DEMO_WEBHOOK_SECRET, raw, int(time.time()))}


@schema.parametrize()
@bounded()
def test_the_app_does_what_its_openapi_document_says(case, wired: Wired) -> None:
    made = TestClient(wired.app).post(
        "/payments", json=PAYMENT, headers={"Authorization": f"Bearer {API_KEY}", "Idempotency-Key": "seed"}
    )
    aim_at_real_data(case, made.json()["id"])
    tally.call_and_validate(case, app=wired.app)


# --- what the run found: a 500, and rules the app enforced that its document did not say ---

DOCUMENT = schema.raw_schema
AUTH = {"Authorization": f"Bearer {API_KEY}"}
AMOUNTS = st.one_of(
    st.integers(-2, 2),
    st.sampled_from([10**6, 10**6 + 1, 10**8, 10**8 + 1, 10**9, 10**9 + 1]),
    st.sampled_from([1999.0, 19.99, "1999", True, None]),
)
BODIES = st.fixed_dictionaries(
    {
        "currency": st.sampled_from(["USD", "JPY", "KWD", "EUR", "GBP", "usd", "XXX"]),
        "amount": AMOUNTS,
        "payment_method": st.text(st.sampled_from(list("tok_vsa9\u00e9 ")), max_size=8),
    }
)


def accepted_by_the_model(body: dict) -> bool:
    try:
        PaymentBody.model_validate(body)
    except ValidationError:
        return False
    return True


@given(BODIES)
@bounded(max_examples=300)
def test_the_documented_body_is_exactly_what_the_model_accepts(body: dict) -> None:
    """No card numbers here: their Luhn check is the one rule a schema cannot state."""
    payment = {**DOCUMENT["components"]["schemas"]["PaymentBody"], "components": DOCUMENT["components"]}
    assert accepted_by_the_model(body) == jsonschema_rs.validator_for(payment).is_valid(body)


def test_a_nul_in_a_signed_event_id_is_a_400_not_a_500(wired: Wired) -> None:
    """PostgreSQL's text type cannot hold NUL: this event was a 500."""
    raw = json.dumps({"id": "evt\x00", "reference": "00000000-0000-0000-0000-000000000009", "status": "failed"})
    signed = {"Processor-Signature": sign(DEMO_WEBHOOK_SECRET, raw.encode(), int(time.time()))}
    with TestClient(wired.app) as client:
        response = client.post("/webhooks/processor", content=raw, headers=signed)
    assert response.status_code == 400 and response.json()["type"].endswith("/bad-event")


def test_an_amount_written_1999_0_is_the_amount_1999(wired: Wired) -> None:
    """JSON Schema calls 1999.0 an integer, so the document allowed it; it was a 422."""
    with TestClient(wired.app) as client:
        first = client.post("/payments", json=PAYMENT, headers=AUTH | {"Idempotency-Key": "k"})
        again = client.post("/payments", json=PAYMENT | {"amount": 1999.0}, headers=AUTH | {"Idempotency-Key": "k"})
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.headers["idempotent-replayed"] == "true"  # the same request


def test_the_document_lists_the_api_key_the_idempotency_key_and_every_status() -> None:
    assert DOCUMENT["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    create, read = DOCUMENT["paths"]["/payments"]["post"], DOCUMENT["paths"]["/payments/{payment_id}"]["get"]
    webhook = DOCUMENT["paths"]["/webhooks/processor"]["post"]
    assert create["security"] == read["security"] == [{"HTTPBearer": []}]
    assert "security" not in webhook  # the signature is its authentication
    (key,) = create["parameters"]
    assert (key["name"], key["required"], key["schema"]["type"]) == ("Idempotency-Key", True, "string")
    assert set(create["responses"]) == {"201", "400", "401", "409", "415", "422", "503"}
    assert set(read["responses"]) == {"200", "400", "401", "404"}
    assert set(webhook["responses"]) == {"200", "400", "404", "413"}
    assert create["responses"]["401"]["headers"]["WWW-Authenticate"]["required"] is True
    assert create["responses"]["201"]["headers"]["Location"]["required"] is True
    (signature,) = webhook["parameters"]
    assert (signature["name"], signature["required"]) == ("Processor-Signature", True)
    assert webhook["requestBody"]["content"]["application/json"]["schema"]["required"] == ["id", "reference", "status"]
