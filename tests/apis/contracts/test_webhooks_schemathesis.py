"""Schemathesis against the webhook receiver: generated deliveries, checked against its OpenAPI.

The operation gets up to MAX_EXAMPLES generated requests plus schemathesis's
coverage cases, sent in-process. Every response must match the document: 204
with no body, or a problem+json 400, 413 or 503.

No generated string is a valid HMAC, so a delivery meant to be valid (body and
header both positive) is mostly signed for real: over the exact bytes the
transport will send, with the receiver's key, at the receiver's clock.
"""

import base64

import requests
import schemathesis
from schemathesis.core.parameters import ParameterLocation

from examples.apis.contracts.webhooks import SIGNATURE_HEADER, WebhookVerifier, create_app, sign
from examples.security.web.signing_keys import KeyRing
from tests.support.schemathesis_cases import positive
from tests.support.schemathesis_runs import Tally, accepting, bounded, mostly

NOW = 1_767_225_600
RING = KeyRing.parse("k1:" + base64.b64encode(bytes(range(32))).decode())
QUEUE: list[bytes] = []
app = create_app(WebhookVerifier(RING, clock=lambda: NOW), enqueue=QUEUE.append)
# A signature header can match the document (a string) and still be wrong:
# refusing it with 400 is the receiver's job, not a rejection of valid data.
config = accepting({"POST /webhooks/orders": [400]})
schema = schemathesis.openapi.from_asgi("/openapi.json", app, config=config)
tally = Tally()
_tally, _reached_2xx = tally.fixtures()


def sign_for_real(case) -> None:
    """Mostly replace a positive delivery's signature with a valid one."""
    if not (positive(case, ParameterLocation.BODY) and positive(case, ParameterLocation.HEADER)):
        return
    # The bytes the transport (requests) will send: the MAC must cover those.
    sent = requests.Request(**case.as_transport_kwargs(base_url="http://testserver")).prepare().body
    raw = sent if isinstance(sent, bytes) else (sent or "").encode()
    if mostly(raw):
        case.headers = {**(case.headers or {}), **sign(raw, [RING], NOW)}


@schema.parametrize()
@bounded()
def test_the_app_does_what_its_openapi_document_says(case) -> None:
    sign_for_real(case)
    tally.call_and_validate(case)


def test_the_document_lists_the_header_body_and_every_status() -> None:
    """It once listed only 204: no body, no signature header, no 400, 413 or 503."""
    operation = app.openapi()["paths"]["/webhooks/orders"]["post"]
    assert set(operation["responses"]) == {"204", "400", "413", "503"}
    assert [p["name"] for p in operation["parameters"]] == [SIGNATURE_HEADER]
    assert operation["parameters"][0]["required"] is True
    assert operation["requestBody"]["required"] is True
    assert "Retry-After" in operation["responses"]["503"]["headers"]
