"""Schemathesis against the limiter service, on real Redis: generated checks, held to its OpenAPI.

Each operation gets up to MAX_EXAMPLES generated requests plus schemathesis's
coverage cases, sent in-process to an app over a real Redis (the redis_url
fixture: a skip locally without one, a failure under CI) under a key prefix
deleted afterwards. Every default check runs on each response.

A generated route name almost never has policies, so a positive `route`
mostly becomes one of ROUTES (the rest stay, for the 404). A route's burst is
its configuration, not the schema's: a positive cost above it (a 422 by
design) is brought down to the burst.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from schemathesis.core.parameters import ParameterLocation

from examples.apis.rest.problem_details import PROBLEM_JSON
from examples.data.redis.connection import redis_session
from examples.system_design.rate_limiter.service import ROUTES, create_app, limiter_client
from tests.support.schemathesis_cases import positive
from tests.support.schemathesis_runs import Tally, bounded, mostly

NOW_US = 1_733_097_600_000_000
NAMES = sorted(ROUTES)

# The document does not depend on Redis: this app is built only to serve it,
# and never answers a case (redis-py connects on the first command).
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(limiter_client(), "openapi:"))
tally = Tally()
_tally, _reached_2xx = tally.fixtures()


@pytest.fixture
def service(redis_url: str) -> Iterator[FastAPI]:
    """The service on real Redis, under a key prefix of its own."""
    with redis_session("test_rl_schemathesis", redis_url) as (_, prefix), limiter_client(redis_url) as r:
        yield create_app(r, prefix, clock_us=lambda: NOW_US)


def aim_at_real_data(case) -> None:
    body = case.body
    if not isinstance(body, dict) or not positive(case, ParameterLocation.BODY):
        return
    if mostly(body["route"]):
        body["route"] = NAMES[len(body["route"]) % len(NAMES)]
    route = ROUTES.get(body["route"])
    if route is not None and "cost" in body:
        body["cost"] = min(body["cost"], min(policy.capacity for policy in route.policies))


@schema.parametrize()
@bounded()
def test_the_app_does_what_its_openapi_document_says(case, service: FastAPI) -> None:
    aim_at_real_data(case)
    tally.call_and_validate(case, app=service)


# --- what the run found: a 404 the document did not list, errors in FastAPI's ad hoc shape ---

DOCUMENT = schema.raw_schema["paths"]["/v1/check"]["post"]["responses"]


@pytest.mark.parametrize(
    ("body", "status", "pointer"),
    [
        ({"route": "nope", "client": "ip:1"}, 404, None),
        ({"route": "login", "client": "ip:1", "cost": 3}, 422, "#/cost"),  # login's burst is 2
        ({"route": "login", "client": "{slot}"}, 422, "#/client"),
    ],
)
def test_each_refusal_is_a_problem_the_document_lists(service: FastAPI, body: dict, status: int, pointer: str) -> None:
    with TestClient(service) as http:
        response = http.post("/v1/check", json=body)
    assert response.status_code == status
    assert response.headers["content-type"] == PROBLEM_JSON
    assert DOCUMENT[str(status)]["content"] == {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}}
    if pointer is not None:
        assert [error["pointer"] for error in response.json()["errors"]] == [pointer]


def test_malformed_json_is_a_400_problem_the_document_lists(service: FastAPI) -> None:
    with TestClient(service) as http:
        response = http.post("/v1/check", content=b'{"route": ', headers={"content-type": "application/json"})
    assert (response.status_code, response.headers["content-type"]) == (400, PROBLEM_JSON)
    assert "400" in DOCUMENT
