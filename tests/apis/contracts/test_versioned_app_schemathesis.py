"""Schemathesis against the versioned app: while v1 is deprecated, and after its sunset.

Each operation gets up to MAX_EXAMPLES generated requests plus schemathesis's
coverage cases, sent in-process. Every response must match the document: the
status, the problem+json errors, v1's `customer` and v2's `customer_id`, and
the retirement headers. A positive `order_id` mostly becomes "o1", the one
order there is; the rest stay as generated, for the 404 path.
"""

from datetime import UTC, datetime

import schemathesis

from examples.apis.contracts.versioned_app import SUNSET_AT, create_app
from tests.support.schemathesis_runs import Tally, accepting, aim_path, bounded

V1 = "GET /v1/orders/{order_id}"
DEPRECATED = datetime(2026, 3, 1, tzinfo=UTC)  # after DEPRECATED_AT, before SUNSET_AT
app = create_app(clock=lambda: DEPRECATED)
schema = schemathesis.openapi.from_asgi("/openapi.json", app)
tally = Tally()
_tally, _reached_2xx = tally.fixtures()

# After the sunset v1 answers 410 to every request under /v1/, whatever the
# method: the whole version is gone. So a valid request gets 410, and a TRACE
# gets 410 rather than the 405 schemathesis's unsupported_method check expects.
retired_app = create_app(clock=lambda: SUNSET_AT)
retired = schemathesis.openapi.from_asgi(
    "/openapi.json", retired_app, config=accepting({V1: [410]}, off=("unsupported_method",))
)
retired_tally = Tally("test_after_the_sunset_v1_answers_only_410_and_v2_goes_on", never_2xx=frozenset({V1}))
_retired_tally, _retired_reached_2xx = retired_tally.fixtures()


@schema.parametrize()
@bounded()
def test_the_app_does_what_its_openapi_document_says(case) -> None:
    aim_path(case, "order_id", "o1")
    response = tally.call_and_validate(case)
    if case.path.startswith("/v1/") and response.status_code == 200:
        assert response.headers["deprecation"] == ["@1767225600"]


@retired.parametrize()
@bounded()
def test_after_the_sunset_v1_answers_only_410_and_v2_goes_on(case) -> None:
    aim_path(case, "order_id", "o1")
    response = retired_tally.call_and_validate(case)
    if case.path.startswith("/v1/"):
        assert response.status_code == 410, response.text
        assert 'rel="deprecation"' in response.headers["link"][0]


def test_the_document_lists_every_status_and_header_v1_and_v2_send() -> None:
    """It once listed only 200 and 400: the 404s, v1's 410 and its headers were missing."""
    paths = app.openapi()["paths"]
    v1 = paths["/v1/orders/{order_id}"]["get"]["responses"]
    v2 = paths["/v2/orders/{order_id}"]["get"]["responses"]
    assert set(v1) == {"200", "400", "404", "410"} and set(v2) == {"200", "400", "404"}
    assert set(v1["200"]["headers"]) == {"Deprecation", "Sunset", "Link"}
    assert set(v1["410"]["content"]) == {"application/problem+json"}
    assert v1["410"]["headers"]["Link"]["required"] is True
    schemas = app.openapi()["components"]["schemas"]
    assert "customer" in schemas["OrderV1"]["properties"]
    assert "customer_id" in schemas["OrderV2"]["properties"]
