"""Schemathesis against the metrics demo's orders service, instrumented as on the page.

The operation gets up to MAX_EXAMPLES generated requests plus schemathesis's
coverage cases, sent in-process through the metrics middleware. Every response
must match the document: 200 with the order, FastAPI's own 422 for an id that
is not an integer, its {"detail": ...} 404 for ids divisible by 50, or the
plain-text 500.

The service fails on purpose for ids divisible by 97, to feed the page's 5xx
series, so a 500 passes here exactly there and fails anywhere else; a
positive id that is 1 modulo 4 becomes 97, so the run reaches that path too.
"""

import schemathesis
from prometheus_client import CollectorRegistry
from schemathesis.config import SchemathesisConfig
from schemathesis.core.parameters import ParameterLocation

from examples.observability.metrics_demo import FakeClock, orders_app
from examples.observability.service_metrics import ServiceMetrics, instrument
from tests.support.schemathesis_cases import positive
from tests.support.schemathesis_runs import Tally, bounded

clock = FakeClock()
app = orders_app(clock, latencies=[0.03] * 100_000)  # each request "takes" 30 ms
metrics = ServiceMetrics(CollectorRegistry())
instrument(app, metrics, clock=clock)
# The one deliberate server error; the test body says exactly where it may occur.
config = SchemathesisConfig.from_dict(
    {"checks": {"not_a_server_error": {"expected-statuses": ["2xx", "3xx", "4xx", "500"]}}}
)


async def served(scope, receive, send) -> None:
    """The app as a server runs it: after the 500 went out, the demo's own error stops here.

    Starlette sends the 500 and then re-raises, so that a server can log it;
    in-process, schemathesis's client would raise it instead of returning the 500.
    """
    try:
        await app(scope, receive, send)
    except RuntimeError as error:
        if str(error) != "database timeout":  # any other exception still fails the run
            raise


schema = schemathesis.openapi.from_asgi("/openapi.json", served, config=config)
tally = Tally()
_tally, _reached_2xx = tally.fixtures()


@schema.parametrize()
@bounded()
def test_the_app_does_what_its_openapi_document_says(case) -> None:
    path = case.path_parameters or {}
    if "order_id" in path and positive(case, ParameterLocation.PATH) and int(path["order_id"]) % 4 == 1:
        path["order_id"] = 97
    response = tally.call_and_validate(case)
    order_id = int(path["order_id"]) if str(path.get("order_id", "")).lstrip("-").isdigit() else None
    planned = case.method == "GET" and order_id is not None and order_id % 97 == 0 and order_id % 50
    assert (response.status_code == 500) == bool(planned), response.text


def test_the_document_lists_the_404_and_the_deliberate_500() -> None:
    """It once listed 200 and 422 only, with no body for the 200."""
    responses = app.openapi()["paths"]["/orders/{order_id}"]["get"]["responses"]
    assert set(responses) == {"200", "404", "422", "500"}
    assert responses["404"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Missing"}
    assert set(responses["500"]["content"]) == {"text/plain"}
    assert responses["200"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Order"}
