"""Schemathesis against the ETag app: generated requests, checked against its OpenAPI.

Each operation gets up to MAX_EXAMPLES generated requests plus schemathesis's
coverage cases, sent in-process. Every response must match the document:
documented status, content type, body schema and headers (ETag and
Cache-Control are documented as required on 200 and 304).

Generated ids are never "n1" and generated tags never the note's current one,
so a positive `note_id` mostly becomes "n1" and a positive If-Match or
If-None-Match mostly becomes the tag the app sends right now: that is what
reaches 200 and 304.
"""

import schemathesis
from fastapi.testclient import TestClient

from examples.apis.contracts.etag_app import create_app
from tests.support.schemathesis_runs import Tally, accepting, aim_header, aim_path, bounded

app = create_app()
# A well-formed PUT whose precondition is stale (412) or missing (428) is
# refused by design (RFC 9110 13.1.1, RFC 6585 section 3): the document cannot
# say that a header must be fresh, or that one of two optional headers is needed.
config = accepting({"PUT /notes/{note_id}": [412, 428]})
schema = schemathesis.openapi.from_asgi("/openapi.json", app, config=config)
tally = Tally()
_tally, _reached_2xx = tally.fixtures()


@schema.parametrize()
@bounded()
def test_the_app_does_what_its_openapi_document_says(case) -> None:
    aim_path(case, "note_id", "n1")
    current = TestClient(app).get("/notes/n1").headers["etag"]  # PUTs change it
    aim_header(case, "If-Match", current)
    aim_header(case, "If-None-Match", current)
    tally.call_and_validate(case)


def test_the_document_lists_every_status_and_header_the_routes_send() -> None:
    """It once listed only 200 and 400 (and 422 on PUT): 304, 404, 412, 428 surprised clients."""
    routes = app.openapi()["paths"]["/notes/{note_id}"]
    read, write = routes["get"]["responses"], routes["put"]["responses"]
    assert set(read) == {"200", "304", "400", "404"}
    assert set(write) == {"200", "400", "404", "412", "422", "428"}
    assert set(read["200"]["headers"]) == set(read["304"]["headers"]) == {"ETag", "Cache-Control"}
    assert write["200"]["headers"]["ETag"]["required"] is True
    for status in ("404", "412", "428"):
        assert set(write[status]["content"]) == {"application/problem+json"}
