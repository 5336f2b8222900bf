"""Schemathesis against the probes-and-shedding service, held to the OpenAPI document it serves.

Each operation gets up to MAX_EXAMPLES generated requests plus schemathesis's
coverage cases, sent in-process; every default check runs on each response.

The 503s are the service's design, not failures: every third GET of /readyz
runs while the pod is draining and every third GET of /work while it is at
its in-flight limit, so the run reaches those answers too. A 503 anywhere
else fails. A valid `ms` is brought down to under 5 so that nothing waits
seconds: how long the work sleeps is no part of the contract.
"""

from __future__ import annotations

from collections import Counter

import schemathesis
from schemathesis.config import SchemathesisConfig

from examples.reliability.service_app import MAX_WORK_MS, OPENAPI, ServiceState, make_app
from tests.support.schemathesis_runs import Tally, bounded

state = ServiceState(max_in_flight=2)
app = make_app(state)
# A 503 is allowed through the server-error check; the test body says where.
config = SchemathesisConfig.from_dict(
    {"checks": {"not_a_server_error": {"expected-statuses": ["2xx", "3xx", "4xx", "503"]}}}
)
schema = schemathesis.openapi.from_asgi("/openapi.json", app, config=config)
tally = Tally()
seen: Counter[str] = Counter()  # GETs per path so far
_tally, _reached_2xx = tally.fixtures()


def in_range(value: object) -> bool:
    """An integer from 0 to MAX_WORK_MS, as a number or in plain ASCII digits."""
    if isinstance(value, str) and value.isascii() and value.isdigit():
        value = int(value)
    return type(value) is int and 0 <= value <= MAX_WORK_MS


@schema.parametrize()
@bounded()
def test_the_app_does_what_its_openapi_document_says(case) -> None:
    query = case.query or {}
    if in_range(query.get("ms")):
        query["ms"] = int(query["ms"]) % 5
    if case.method == "GET":
        seen[case.path] += 1
    third = case.method == "GET" and seen[case.path] % 3 == 0
    overloaded, draining = third and case.path == "/work", third and case.path == "/readyz"
    state.in_flight = state.max_in_flight if overloaded else 0
    state.draining = draining
    try:
        response = tally.call_and_validate(case)
    finally:
        state.in_flight, state.draining = 0, False
    planned = draining or overloaded  # the guard answers before ms is read
    assert (response.status_code == 503) == planned, response.text


def test_the_app_serves_the_document_it_is_held_to() -> None:
    assert schema.raw_schema == OPENAPI
    assert set(OPENAPI["paths"]) == {"/livez", "/readyz", "/work"}
