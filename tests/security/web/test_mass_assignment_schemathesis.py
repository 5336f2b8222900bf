"""Schemathesis against the profile app, as the page recommends it and with "ignore".

Each run gets up to MAX_EXAMPLES generated requests plus schemathesis's
coverage cases, sent in-process. Every response must match the document,
which with a response model says what a 200 holds (and never password_hash).

Two variants run: "forbid", the page's advice, whose schema says
additionalProperties: false, so schemathesis sends extra fields as invalid
data and expects them refused; and "ignore", whose schema allows extras and
drops them. "allow" is left out on purpose: it is the page's vulnerable
example, and it answers 500 when a mass-assigned field has the wrong type
(tests/security/web/test_mass_assignment.py asserts that crash), which the
document cannot describe. The variants without a response model document no
body, so a run of them would check next to nothing.
"""

import schemathesis

from examples.security.web.mass_assignment import create_app
from tests.support.schemathesis_runs import Tally, bounded

forbid = schemathesis.openapi.from_asgi("/openapi.json", create_app("forbid", response_model=True))
ignore = schemathesis.openapi.from_asgi("/openapi.json", create_app("ignore", response_model=True))
tally = Tally()
_tally, _reached_2xx = tally.fixtures()
ignore_tally = Tally("test_the_ignore_variant_does_what_its_document_says")
_ignore_tally, _ignore_reached_2xx = ignore_tally.fixtures()


@forbid.parametrize()
@bounded()
def test_the_app_does_what_its_openapi_document_says(case) -> None:
    response = tally.call_and_validate(case)
    assert "password_hash" not in response.text


@ignore.parametrize()
@bounded()
def test_the_ignore_variant_does_what_its_document_says(case) -> None:
    response = ignore_tally.call_and_validate(case)
    assert "password_hash" not in response.text


def test_the_document_lists_the_400_for_a_body_that_cannot_be_decoded() -> None:
    """FastAPI sends it for a body that is not UTF-8; the document once left it out."""
    responses = forbid.raw_schema["paths"]["/me"]["patch"]["responses"]
    assert set(responses) == {"200", "400", "422"}
    assert responses["400"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Unparsable"}
