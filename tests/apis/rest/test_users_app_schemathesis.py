"""Schemathesis against the users API: generated requests, checked against its OpenAPI.

Each operation gets up to MAX_EXAMPLES generated requests (plus schemathesis's
coverage cases), sent in-process. Every response must match the document:
documented status, content type, body schema and headers.
"""

import secrets
from collections import Counter
from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from examples.apis.rest.users_app import create_app
from examples.apis.rest.users_store import connect

MAX_EXAMPLES = 25

connection = connect(":memory:")
schema = schemathesis.openapi.from_asgi(
    "/openapi.json", create_app(connection, cursor_key=secrets.token_bytes(32))
)
cases: Counter[str] = Counter()


@pytest.fixture(scope="module", autouse=True)
def _report() -> Iterator[None]:
    yield
    print(f"\nschemathesis cases per operation: {dict(cases)}")
    connection.close()


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,  # the same cases on every run
    suppress_health_check=list(HealthCheck),
)
def test_the_app_does_what_its_openapi_document_says(case) -> None:
    cases[f"{case.method} {case.path}"] += 1
    excluded = []
    if (case.query or {}).get("after") is not None:
        # Any string fits the schema, but only a cursor this API signed is
        # accepted: a generated one is rightly a 400, not a schema mismatch.
        excluded.append(positive_data_acceptance)
    case.call_and_validate(excluded_checks=excluded)
