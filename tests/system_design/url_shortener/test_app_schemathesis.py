"""Schemathesis against the URL shortener on real PostgreSQL and Redis, held to its OpenAPI.

Each operation gets up to MAX_EXAMPLES generated requests plus schemathesis's
coverage cases, sent in-process to the sandboxed service of this folder's
tests (scratch schema and Redis prefix, dropped afterwards; postgres_dsn and
redis_url skip locally without the servers and fail under CI). Every default
check runs on each response, the redirect's documented Location included.

A generated code almost never names a link, so each case first creates one
(permanent or not, for 301s and 302s) and a positive `code` mostly becomes
it (the rest stay, for the 404).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import jsonschema_rs
import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from examples.system_design.url_shortener.app import NewLink, create_app
from examples.system_design.url_shortener.ranges import RangeAllocator, RangeCodes
from examples.system_design.url_shortener.sandbox import Sandbox
from tests.support.schemathesis_runs import Tally, aim_path, bounded


def no_database():
    raise AssertionError("this app only serves its OpenAPI document")


# The document does not depend on the servers: this app is built only to serve
# it. The cases go to the `box` fixture's app, on the real servers.
document_only = create_app(no_database, RangeCodes(RangeAllocator(no_database)))
schema = schemathesis.openapi.from_asgi("/openapi.json", document_only)
tally = Tally()
_tally, _reached_2xx = tally.fixtures()


@schema.parametrize()
@bounded()
def test_the_app_does_what_its_openapi_document_says(case, box: Sandbox) -> None:
    permanent = len(repr(case.path_parameters)) % 2 == 0  # 301s as well as 302s
    link = {"url": "https://example.com/landing", "permanent": permanent}
    created = TestClient(box.app).post("/links", json=link)
    aim_path(case, "code", created.json()["code"])
    response = tally.call_and_validate(case, app=box.app)
    if response.status_code in (301, 302):  # what success is for the redirect
        tally.mark_success(case)


# --- what the run found: rules the app enforced and its document did not say ---

DOCUMENT = schema.raw_schema
NEW_LINK = DOCUMENT["components"]["schemas"]["NewLink"]
URL_PIECES = ["http", "HTTP", "https", "ftp", "://", "/", "a", "@", ":", "80", "[", "]", "?", "#", " ", '"']
URLISH = st.builds("".join, st.lists(st.sampled_from(URL_PIECES)))


def document_accepts(schema: dict, value: object) -> bool:
    """What a client reading the document, as schemathesis does, would send."""
    return jsonschema_rs.validator_for(schema).is_valid(value)


def model_accepts(body: dict) -> bool:
    try:
        NewLink.model_validate(body)
    except ValidationError:
        return False
    return True


def test_an_uppercase_scheme_is_a_422_not_a_500(client: TestClient) -> None:
    """urlsplit lowercases the scheme, the table's CHECK does not: this was a 500."""
    response = client.post("/links", json={"url": "HTTP://example.com/a"})
    assert response.status_code == 422
    assert "absolute http or https URL" in response.json()["errors"][0]["detail"]


@given(URLISH)
@bounded(max_examples=300)
def test_the_documented_url_is_exactly_what_the_api_accepts(url: str) -> None:
    accepted = model_accepts({"url": url})
    assert accepted == document_accepts(NEW_LINK["properties"]["url"], url)
    if accepted:  # and everything accepted fits the table and has a host
        assert re.match("^https?://", url) and urlsplit(url).hostname


@pytest.mark.parametrize("permanent", [True, False, None, 0, "true"])
@pytest.mark.parametrize("expires", [None, 60, 0, "60", 60.0, 60.5, True])
def test_the_document_states_the_types_and_the_permanent_rule_the_model_applies(
    permanent: object, expires: object
) -> None:
    body = {"url": "https://example.com/"}
    if permanent is not None:
        body["permanent"] = permanent
    if expires is not None:
        body["expires_in_seconds"] = expires
    assert model_accepts(body) == document_accepts({**NEW_LINK, "components": DOCUMENT["components"]}, body)


def test_get_links_is_a_405_as_the_document_has_no_such_operation(client: TestClient) -> None:
    """It was routed to the redirect as the code "links"; OPTIONS then advertised GET."""
    assert set(DOCUMENT["paths"]["/links"]) == {"post"}
    for method in ("GET", "HEAD", "OPTIONS"):
        response = client.request(method, "/links")
        assert (response.status_code, response.headers["allow"]) == (405, "POST")


def test_the_redirects_are_documented_without_a_body_and_with_their_headers() -> None:
    operations = DOCUMENT["paths"]["/{code}"]
    assert operations["get"]["operationId"] != operations["head"]["operationId"]
    for operation in operations.values():
        for status in ("301", "302"):
            documented = operation["responses"][status]
            assert "content" not in documented
            assert {name for name, header in documented["headers"].items() if header["required"]} == {
                "Location",
                "Cache-Control",
            }
