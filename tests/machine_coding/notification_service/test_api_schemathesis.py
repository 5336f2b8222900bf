"""Schemathesis against the notifications API: generated requests, checked against its OpenAPI.

Each operation gets up to MAX_EXAMPLES generated requests (plus schemathesis's
coverage cases), sent in-process, and every default check runs on each
response: no 5xx, a documented status, content type, headers and body, schema-
valid requests accepted and schema-breaking ones refused.

Each case runs on a fresh system holding one notification (ntf_1), so no
earlier case's Idempotency-Key can turn a later one into a 422 reuse. Cases
meant to be valid are aimed at real data: the document can say what a user
id looks like, not which users and templates exist. The tests after the run
hold the rules it found enforced but undocumented, now in the document.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import jsonschema_rs
import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st
from schemathesis.core.parameters import ParameterLocation

from examples.machine_coding.notification_service.api import NOT_BLANK, create_app
from examples.machine_coding.notification_service.model import Channel, SendRequest
from examples.machine_coding.notification_service.sample_data import START, TEMPLATES, USERS
from examples.machine_coding.notification_service.wiring import build_system
from tests.support.schemathesis_cases import positive
from tests.support.schemathesis_runs import Tally, aim_path, bounded

SEEDED = "ntf_1"  # the id of the notification every case starts with
MAX_VARIABLES = 50  # SendBody's limit


def fresh_app() -> FastAPI:
    """A new system with ada, bob, the three templates and one notification."""
    system = build_system(templates=TEMPLATES, users=USERS, now=START)
    system.service.send(SendRequest("ada", "login_code", (Channel.SMS,), {"code": "1"}))
    return create_app(system.service)


schema = schemathesis.openapi.from_asgi("/openapi.json", fresh_app())
tally = Tally()
_tally, _reached_2xx = tally.fixtures()


def aim_at_real_data(case) -> None:
    """Existing users, templates and ids where the generated values are meant to be valid."""
    aim_path(case, "notification_id", SEEDED)  # mostly; the rest stay (404)
    body = case.body
    if isinstance(body, dict) and positive(case, ParameterLocation.BODY):
        # Unknown users and templates are 422s the schema cannot foresee: which
        # exist is data. ada has an address on every channel; bob has only email.
        body["user_id"] = "ada"
        template = TEMPLATES[len(body["template"]) % len(TEMPLATES)]
        body["template"] = template.name
        variables = body.setdefault("variables", {})
        for name in sorted(template.variables):
            # Only the email subject refuses line breaks, and only in the
            # variables that template puts there: test_api tests that rule.
            variables[name] = variables.get(name, name).replace("\r", " ").replace("\n", " ")
        extras = [name for name in variables if name not in template.variables]
        while len(variables) > MAX_VARIABLES:
            del variables[extras.pop()]


@schema.parametrize()
@bounded()
def test_the_app_does_what_its_openapi_document_says(case) -> None:
    aim_at_real_data(case)
    tally.call_and_validate(case, app=fresh_app())


# --- what the run found: rules the app enforced and its document did not say ---

DOCUMENT = fresh_app().openapi()
SEND = DOCUMENT["paths"]["/notifications"]["post"]
BODY = DOCUMENT["components"]["schemas"]["SendBody"]["properties"]
ORDER = {"user_id": "ada", "template": "login_code", "channels": ["sms"], "variables": {"code": "7"}}
# Characters where the rules are easy to get wrong: quotes, escapes, spaces, and
# whitespace that one regex engine counts and another does not (ECMA's \s, which
# JSON Schema uses, holds U+FEFF but not 0x1C or 0x85; str.isspace the reverse).
WHITESPACE = ["\t", " ", "\x1c", "\x85", "\xa0", "\u2028", "\u3000", "\ufeff"]
HEADER_TEXT = st.sampled_from(list('k"\\ \t!~\x7f\x85\xe9'))  # bytes a header can carry
NAME_TEXT = st.sampled_from(["k", "\xe9", *WHITESPACE])


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(fresh_app()) as test_client:
        yield test_client


def document_accepts(schema: dict, value: str) -> bool:
    """What a client reading the document, as schemathesis does, would send."""
    return jsonschema_rs.validator_for(schema).is_valid(value)


@given(st.text(HEADER_TEXT, max_size=6) | st.text(HEADER_TEXT, min_size=254, max_size=258))
@bounded(max_examples=200)
def test_the_documented_idempotency_key_is_exactly_what_the_api_accepts(client: TestClient, key: str) -> None:
    (header,) = SEND["parameters"]
    sent = {"Idempotency-Key": key.encode("latin-1")}  # as bytes: httpx sends str as ASCII only
    response = client.post("/notifications", json=ORDER, headers=sent)  # a reused key replays: 202
    # RFC 9110, section 5.5: spaces and tabs around a field value are not part of it.
    value = key.strip(" \t")
    assert (response.status_code == 202) == document_accepts({"type": "string", **header["schema"]}, value)


@given(st.text(NAME_TEXT, min_size=1, max_size=4))
@bounded(max_examples=200)
def test_the_documented_name_is_exactly_what_the_service_calls_non_blank(name: str) -> None:
    for field in ("user_id", "template"):
        assert document_accepts(BODY[field], name) == bool(name.strip())


def test_the_document_says_a_channel_is_listed_once_and_the_api_refuses_a_repeat(client: TestClient) -> None:
    assert BODY["channels"]["uniqueItems"] is True
    response = client.post("/notifications", json={**ORDER, "channels": ["sms", "sms"]})
    assert response.status_code == 422


def test_the_document_lists_the_202s_location_and_replay_headers() -> None:
    headers = SEND["responses"]["202"]["headers"]
    assert headers["Location"]["required"] is True
    assert headers["Idempotent-Replayed"]["schema"] == {"type": "string", "enum": ["true"]}
    with TestClient(fresh_app()) as client:
        first = client.post("/notifications", json=ORDER, headers={"Idempotency-Key": "k"})
        again = client.post("/notifications", json=ORDER, headers={"Idempotency-Key": "k"})
    assert first.headers["location"].endswith("/notifications/ntf_2")
    assert "idempotent-replayed" not in first.headers
    assert again.headers["idempotent-replayed"] == "true"


def test_not_blank_names_every_character_str_isspace_counts() -> None:
    every = "".join(map(chr, range(0x110000)))
    blank = re.sub(NOT_BLANK, "", every)  # what the pattern does not call a letter
    assert blank == "".join(char for char in every if char.isspace())
