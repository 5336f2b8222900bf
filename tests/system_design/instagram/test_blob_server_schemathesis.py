"""Schemathesis against the public blob app: signed PUTs, held to its OpenAPI.

Each operation gets up to MAX_EXAMPLES generated requests plus schemathesis's
coverage cases, sent in-process, and every default check runs on each
response. No generated signature is valid, so a case meant to be valid is
signed here for what it sends: mostly its own key (the rest stay, for the
403), its content type and a maximum that fits its body, expiring in a minute.
"""

from __future__ import annotations

import itertools

import schemathesis
from fastapi.testclient import TestClient
from schemathesis.core.parameters import ParameterLocation

from examples.apis.rest.problem_details import PROBLEM_JSON
from examples.system_design.instagram.blob_server import ObjectStore, create_blob_app
from examples.system_design.instagram.signed_urls import UploadPolicy, signature
from tests.support.schemathesis_cases import positive
from tests.support.schemathesis_runs import Tally, bounded, mostly

SECRET = b"s" * 32
START = 1_700_000_000
uploads = itertools.count()

schema = schemathesis.openapi.from_asgi("/openapi.json", create_blob_app(SECRET, ObjectStore(), lambda: START))
tally = Tally()
_tally, _reached_2xx = tally.fixtures()


def sign_for_what_it_sends(case) -> None:
    if not all(positive(case, where) for where in ParameterLocation) or not mostly(case.path_parameters):
        return
    key = f"originals/1/{next(uploads)}.jpg"  # a fresh key: a reused one is a 409
    body = getattr(case.body, "data", case.body)  # schemathesis wraps bytes in Binary
    size = len(body) if isinstance(body, bytes | str) else 0
    policy = UploadPolicy(key, case.media_type, max(size, 1), START + 60)
    case.path_parameters = {"key": key}
    case.query = {"ct": policy.content_type, "max": policy.max_bytes, "exp": policy.expires}
    case.query["sig"] = signature(SECRET, "PUT", policy)


@schema.parametrize()
@bounded()
def test_the_app_does_what_its_openapi_document_says(case) -> None:
    sign_for_what_it_sends(case)
    tally.call_and_validate(case)


# --- what the run found: a route whose inputs, statuses and errors the document did not show ---


def test_the_document_lists_the_signature_fields_the_body_and_every_refusal() -> None:
    put = schema.raw_schema["paths"]["/blobs/{key}"]["put"]
    query = {p["name"]: p["required"] for p in put["parameters"] if p["in"] == "query"}
    assert query == {"ct": True, "max": True, "exp": True, "sig": True}
    assert set(put["requestBody"]["content"]) == {"image/jpeg", "image/png"}
    assert set(put["responses"]) >= {"201", "403", "409", "413", "415"}
    for status in ("403", "409", "413", "415"):
        assert set(put["responses"][status]["content"]) == {PROBLEM_JSON}


def test_a_refusal_is_a_problem_with_the_reason_the_demo_prints() -> None:
    with TestClient(create_blob_app(SECRET, ObjectStore(), lambda: START)) as client:
        response = client.put("/blobs/originals/1/a.jpg?ct=image/jpeg&max=5&exp=1&sig=00", content=b"x")
    assert (response.status_code, response.headers["content-type"]) == (403, PROBLEM_JSON)
    assert response.json()["detail"] == "bad signature"
