"""Schemathesis against the jobs API, publishing to the real RabbitMQ.

The operation gets up to MAX_EXAMPLES generated requests plus schemathesis's
coverage cases, sent in-process to an app whose publisher talks to the real
broker (a fresh queue, deleted afterwards). Every response must match the
document: 202 with the job and request ids, problem+json 400 and 422 for a
bad body, and X-Request-ID on every answer, a safe token. Generated
X-Request-ID and traceparent headers fuzz the correlation middleware: a safe
id comes back as sent, anything else is replaced, and nothing is a 500.

The schema comes from a fixture (the app needs the broker), so schemathesis
runs the operation as a subtest of one test item.
"""

import re
from collections.abc import Iterator

import pytest
import schemathesis
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from examples.observability.job_api import JobPublisher, create_app
from examples.observability.tracing import tracer_for
from tests.support.schemathesis_runs import Tally, bounded

SAFE_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
tally = Tally()
_tally, _reached_2xx = tally.fixtures()


@pytest.fixture
def jobs_api(amqp_url: str, queue: str) -> Iterator[schemathesis.BaseSchema]:
    tracer = tracer_for("jobs-api", InMemorySpanExporter())
    with JobPublisher(queue, tracer, amqp_url) as publisher:
        yield schemathesis.openapi.from_asgi("/openapi.json", create_app(publisher, tracer))


schema = schemathesis.pytest.from_fixture("jobs_api")


@schema.parametrize()
@bounded()
def test_the_app_does_what_its_openapi_document_says(case) -> None:
    response = tally.call_and_validate(case)
    sent = response.request.headers.get("X-Request-ID")
    (answered,) = response.headers["x-request-id"]
    if sent is not None and SAFE_ID.fullmatch(sent):
        assert answered == sent
    else:
        assert re.fullmatch(r"[0-9a-f]{32}", answered)


def test_the_document_lists_the_correlation_headers_and_the_body() -> None:
    """It once listed no request headers, no X-Request-ID, an untyped body, and no 400."""
    document = create_app(publisher=None, tracer=tracer_for("doc", InMemorySpanExporter())).openapi()
    operation = document["paths"]["/jobs"]["post"]
    assert [p["name"] for p in operation["parameters"]] == ["X-Request-ID", "traceparent"]
    assert operation["responses"]["202"]["headers"]["X-Request-ID"]["required"] is True
    assert set(document["components"]["schemas"]["JobAccepted"]["required"]) == {"job_id", "request_id"}
    # A body that is not UTF-8 JSON got FastAPI's undocumented 400 {"detail": ...}.
    for status in ("400", "422"):
        assert set(operation["responses"][status]["content"]) == {"application/problem+json"}
