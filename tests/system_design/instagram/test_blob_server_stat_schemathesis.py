"""Schemathesis against the internal stat app (HEAD /blobs/{key}), held to its OpenAPI.

Each operation gets up to MAX_EXAMPLES generated requests plus schemathesis's
coverage cases, sent in-process, and every default check runs on each
response. A generated key almost never names an object, so a key meant to
be valid mostly becomes the one stored object's (the rest stay, for the 404).
"""

from __future__ import annotations

import schemathesis

from examples.system_design.instagram.blob_server import ObjectStore, create_stat_app
from tests.support.schemathesis_runs import Tally, aim_path, bounded

KEY = "originals/1/photo.jpg"
store = ObjectStore()
store.put_new(KEY, "image/jpeg", bytes(range(256)))
schema = schemathesis.openapi.from_asgi("/openapi.json", create_stat_app(store))
tally = Tally()
_tally, _reached_2xx = tally.fixtures()


@schema.parametrize()
@bounded()
def test_the_app_does_what_its_openapi_document_says(case) -> None:
    aim_path(case, "key", KEY)
    tally.call_and_validate(case)


def test_the_document_lists_the_stat_headers_and_no_body() -> None:
    """It listed a JSON body for the 200 and no 404, and no headers: a client learned nothing."""
    head = schema.raw_schema["paths"]["/blobs/{key}"]["head"]["responses"]
    assert {"200", "404"} <= set(head)
    assert "content" not in head["200"] and "content" not in head["404"]
    assert {name for name, header in head["200"]["headers"].items() if header["required"]} == {"x-sha256", "x-size"}
