"""Schemathesis against the chat server's HTTP routes, held to its OpenAPI.

Each operation gets up to MAX_EXAMPLES generated requests plus schemathesis's
coverage cases, and every default check runs on each response; after a 2xx,
ignored_auth also sends the request without the token and expects a 401.
WebSocket traffic (/ws) is outside the run: OpenAPI cannot describe it, so
the document leaves it out; test_server.py drives it with real clients.

The service lives in the app's lifespan (a database thread, a presence
sweeper), so the cases go over loopback to a real server, as in the rest of
this folder (uvicorn on a free port, stopped afterwards, its database in
tmp_path), not in-process. Its document does not depend on the database.

Cases meant to be valid are aimed at real data: alice's conversation "ab"
with bob, holding MESSAGES messages, for a positive conversation id (mostly;
the rest stay, for the 404) and seq; a new conversation gets an id of its own
(an existing id is a 400 by design) with alice among its members.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import httpx2
import jsonschema_rs
import pytest
import schemathesis
from hypothesis import given
from hypothesis import strategies as st
from schemathesis.core.parameters import ParameterLocation

from examples.system_design.chat.protocol import ID
from examples.system_design.chat.running import RunningServer, chat_server, new_secret
from examples.system_design.chat.server import create_app
from examples.system_design.chat.service import ChatSettings
from examples.system_design.chat.store import MessageStore
from examples.system_design.chat.tokens import USER_ID, TokenSigner
from tests.support.schemathesis_cases import positive
from tests.support.schemathesis_runs import Tally, aim_path, bounded
from tests.system_design.chat.conftest import create_conversation

MESSAGES = 3
TIMEOUT_SECONDS = 5
# One secret for every server of the run: schemathesis builds some cases, with
# their token, when it collects the tests, before any server exists.
SECRET = new_secret()
ALICE = TokenSigner(SECRET).issue("alice")  # valid for an hour
document = create_app(ChatSettings("openapi", Path("unused.db"), SECRET)).openapi()
schema = schemathesis.openapi.from_dict(document)
tally = Tally()
_tally, _reached_2xx = tally.fixtures()
new_ids = itertools.count()


@schema.auth()
class AliceToken:
    """How schemathesis authenticates, so ignored_auth can leave the token out."""

    def get(self, case, context) -> str:
        return ALICE

    def set(self, case, data: str, context) -> None:
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}


@pytest.fixture
def served(tmp_path: Path) -> Iterator[RunningServer]:
    """A chat server with SECRET, seeded: alice and bob's "ab", MESSAGES messages from bob."""
    with chat_server("chat-schemathesis", tmp_path / "chat.db", SECRET) as server:
        create_conversation(server, "ab", ["alice", "bob"])
        # A second connection to the server's SQLite file (WAL): no WebSocket needed.
        with MessageStore(server.service.settings.database) as store:
            for n in range(MESSAGES):
                store.append("ab", "bob", f"m{n}", f"hello {n}")
        yield server


def aim_at_real_data(case) -> None:
    aim_path(case, "conversation", "ab")
    path = case.path_parameters or {}
    if "seq" in path and positive(case, ParameterLocation.PATH):
        path["seq"] = 1 + int(path["seq"]) % MESSAGES  # no message is a 400 by design
    body = case.body
    if case.path == "/conversations" and isinstance(body, dict) and positive(case, ParameterLocation.BODY):
        body["id"] = f"new-{next(new_ids)}"
        if "alice" not in body["members"]:
            body["members"][0] = "alice"  # a creator must be a member (else 403)


@schema.parametrize()
@bounded()
def test_the_app_does_what_its_openapi_document_says(case, served: RunningServer) -> None:
    aim_at_real_data(case)
    tally.call_and_validate(case, base_url=served.http_url, timeout=TIMEOUT_SECONDS)


# --- what the run found: rules the store enforced and the document did not say ---

CREATE = document["paths"]["/conversations"]["post"]
NEW = document["components"]["schemas"]["NewConversation"]["properties"]
IDS = st.text(st.sampled_from(list("aZ9_- é.")), max_size=70)


def document_accepts(schema: dict, value: object) -> bool:
    return jsonschema_rs.validator_for(schema).is_valid(value)


@given(IDS)
@bounded(max_examples=200)
def test_the_documented_ids_are_exactly_what_the_store_accepts(value: str) -> None:
    """The patterns were unanchored: "a b" matched them, then the store refused it with a 400."""
    assert document_accepts(NEW["id"], value) == bool(ID.fullmatch(value))
    assert document_accepts(NEW["members"]["items"], value) == bool(USER_ID.fullmatch(value))


@pytest.mark.parametrize(
    "body",
    [{"id": "a b", "members": ["alice", "bob"]}, {"id": "ab2", "members": ["alice", "alice"]}],
    ids=["id-with-a-space", "one-member-twice"],
)
def test_what_the_document_refuses_is_a_422_before_the_store(served: RunningServer, body: dict) -> None:
    headers = {"Authorization": f"Bearer {ALICE}"}
    response = httpx2.post(f"{served.http_url}/conversations", json=body, headers=headers, timeout=TIMEOUT_SECONDS)
    assert response.status_code == 422
    assert NEW["members"]["uniqueItems"] is True


def test_the_document_lists_the_bearer_scheme_and_every_refusal_but_not_the_websocket() -> None:
    assert document["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    assert "/ws" not in document["paths"]  # OpenAPI cannot describe a WebSocket
    history = document["paths"]["/conversations/{conversation}/messages"]["get"]
    receipts = document["paths"]["/conversations/{conversation}/messages/{seq}/receipts"]["get"]
    assert set(CREATE["responses"]) == {"201", "400", "401", "403", "422"}
    assert set(history["responses"]) == {"200", "401", "404", "422"}
    assert set(receipts["responses"]) == {"200", "400", "401", "404", "422"}
    for operation in (CREATE, history, receipts):
        assert operation["security"] == [{"HTTPBearer": []}]
        assert operation["responses"]["401"]["headers"]["WWW-Authenticate"]["required"] is True
    assert "security" not in document["paths"]["/stats"]["get"]
