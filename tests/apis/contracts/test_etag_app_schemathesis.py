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
# A well-formed request whose If-Match is stale (412), or a PUT without one
# (428), is refused by design (RFC 9110 13.1.1, RFC 6585 section 3): the
# document cannot say that a header must be fresh, or needed unless another
# holds "*".
config = accepting(
    {
        "GET /notes/{note_id}": [412],
        "HEAD /notes/{note_id}": [412],
        "PUT /notes/{note_id}": [412, 428],
    }
)
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
    assert set(routes) == {"get", "head", "put"}
    read, write = routes["get"]["responses"], routes["put"]["responses"]
    assert routes["head"]["responses"] == read
    assert set(read) == {"200", "304", "400", "404", "412"}
    assert set(write) == {"204", "400", "404", "412", "422", "428"}
    assert set(read["200"]["headers"]) == set(read["304"]["headers"]) == {"ETag", "Cache-Control"}
    assert "headers" not in write["204"]  # no validator on a PUT (RFC 9110 9.3.4)
    for status in ("404", "412", "428"):
        assert set(write[status]["content"]) == {"application/problem+json"}
    for operation in routes.values():
        names = {p["name"] for p in operation["parameters"] if p["in"] == "header"}
        assert names == {"If-Match", "If-None-Match"}
