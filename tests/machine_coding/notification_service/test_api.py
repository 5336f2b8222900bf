"""POST /notifications and GET /notifications/{id} over HTTP, errors included."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from examples.apis.rest.problem_details import PROBLEM_JSON, PROBLEM_TYPES
from examples.machine_coding.notification_service.api import create_app
from examples.machine_coding.notification_service.model import Channel, SendRequest
from examples.machine_coding.notification_service.sample_data import START, TEMPLATES, USERS
from examples.machine_coding.notification_service.wiring import NotificationSystem, build_system

NOON = START + 13.5 * 3600
ORDER = {
    "user_id": "ada",
    "template": "order_shipped",
    "channels": ["email", "sms"],
    "variables": {"name": "Ada", "order_id": "8812"},
}


@pytest.fixture
def system() -> NotificationSystem:
    return build_system(templates=TEMPLATES, users=USERS, now=NOON)


@pytest.fixture
def client(system: NotificationSystem) -> Iterator[TestClient]:
    with TestClient(create_app(system.service)) as test_client:
        yield test_client


def assert_problem(response, status: int, slug: str | None = None) -> dict:
    assert response.status_code == status
    assert response.headers["content-type"] == PROBLEM_JSON
    body = response.json()
    assert body["status"] == status
    assert body["instance"] == response.request.url.path
    assert body["title"] and body["detail"]
    if slug is not None:
        assert body["type"] == PROBLEM_TYPES + slug
    return body


def field_errors(response, status: int = 422) -> list[tuple[str, str]]:
    """(where, detail) per mistake: a JSON Pointer, or "header x" / "parameter x"."""
    body = assert_problem(response, status, "validation-error")
    places = []
    for error in body["errors"]:
        (where,) = error.keys() - {"detail"}
        place = error[where] if where == "pointer" else f"{where} {error[where]}"
        places.append((place, error["detail"]))
    return places


# --- POST /notifications ---


def test_post_accepts_with_202_and_a_location(client: TestClient) -> None:
    response = client.post("/notifications", json=ORDER)
    assert response.status_code == 202
    assert response.headers["location"] == "http://testserver/notifications/ntf_1"
    assert "idempotent-replayed" not in response.headers
    body = response.json()
    assert body == {
        "id": "ntf_1",
        "user_id": "ada",
        "template": "order_shipped",
        "created_at": "2025-01-16T11:00:00+00:00",
        "channels": {
            channel: {
                "status": "queued",
                "attempts": 0,
                "next_attempt_at": "2025-01-16T11:00:00+00:00",
                "last_error": None,
                "sent_at": None,
            }
            for channel in ("email", "sms")
        },
    }


def test_post_shows_deferred_and_suppressed_channels(client: TestClient, system: NotificationSystem) -> None:
    system.users.opt_out("ada", Channel.SMS, "orders")
    at_night = build_system(templates=TEMPLATES, users=USERS, now=START)
    with TestClient(create_app(at_night.service)) as night_client:
        body = night_client.post("/notifications", json=ORDER).json()
    assert body["channels"]["email"]["status"] == "deferred"
    assert body["channels"]["email"]["next_attempt_at"] == "2025-01-16T06:00:00+00:00"
    channels = client.post("/notifications", json=ORDER).json()["channels"]
    assert channels["sms"] == {
        "status": "suppressed",
        "attempts": 0,
        "next_attempt_at": None,
        "last_error": None,
        "sent_at": None,
    }


def test_duplicate_post_returns_the_same_id_and_sends_once(client: TestClient, system: NotificationSystem) -> None:
    key = {"Idempotency-Key": "orders:shipped:8812"}
    first = client.post("/notifications", json=ORDER, headers=key)
    second = client.post("/notifications", json=ORDER, headers=key)
    assert second.status_code == 202
    assert second.json()["id"] == first.json()["id"]
    assert second.headers["location"] == first.headers["location"]
    assert second.headers["idempotent-replayed"] == "true"
    system.dispatcher.run_due(NOON)
    third = client.post("/notifications", json=ORDER, headers=key)
    assert third.json()["channels"]["sms"]["status"] == "sent"  # its current state
    system.dispatcher.run_due(NOON + 3600)
    assert len(system.providers[Channel.SMS].sent) == 1
    assert len(system.providers[Channel.EMAIL].sent) == 1


def test_reusing_a_key_with_another_body_is_422_as_the_ietf_draft_asks(client: TestClient) -> None:
    key = {"Idempotency-Key": "orders:shipped:8812"}
    client.post("/notifications", json=ORDER, headers=key)
    changed = {**ORDER, "variables": {"name": "Ada", "order_id": "9999"}}
    body = assert_problem(client.post("/notifications", json=changed, headers=key), 422, "idempotency-key-reused")
    assert body["title"] == "Idempotency key reused"
    assert "errors" not in body
    # Keys are shared by every caller: the problem must not say whose
    # notification holds this one.
    assert "ntf_" not in body["detail"]
    assert client.get("/notifications/ntf_2").status_code == 404  # nothing new stored


@pytest.mark.parametrize("quoted", ['"orders:8812"', ' "orders:8812"\t'])
def test_the_drafts_quoted_key_and_stripes_bare_key_are_the_same_key(client: TestClient, quoted: str) -> None:
    # The IETF draft sends the key as a Structured Field string, in quotes
    # (a backslash escapes only " and \); Stripe's clients send it bare.
    bare = client.post("/notifications", json=ORDER, headers={"Idempotency-Key": "orders:8812"})
    again = client.post("/notifications", json=ORDER, headers={"Idempotency-Key": quoted})
    assert again.status_code == 202
    assert again.json()["id"] == bare.json()["id"]
    assert again.headers["idempotent-replayed"] == "true"


def test_an_escaped_quote_is_part_of_the_key(client: TestClient, system: NotificationSystem) -> None:
    client.post("/notifications", json=ORDER, headers={"Idempotency-Key": '"a\\"b"'})
    assert (
        system.service.send(SendRequest("ada", "order_shipped", ("email", "sms"), ORDER["variables"]), 'a"b').created
        is False
    )


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        ([("Idempotency-Key", "a"), ("Idempotency-Key", "b")], "not several"),
        ([("Idempotency-Key", '"unclosed')], "one whole quoted string"),
        ([("Idempotency-Key", '"a"b"')], "one whole quoted string"),
        ([("Idempotency-Key", '"a\\nb"')], "one whole quoted string"),  # only \" and \\ escape
        ([("Idempotency-Key", '"a\\:b"')], "one whole quoted string"),
        ([("Idempotency-Key", '"has space"')], "no spaces"),
        ([("Idempotency-Key", '""')], "1-255"),
        ([("Idempotency-Key", '"' + "x" * 256 + '"')], "1-255"),
    ],
)
def test_a_malformed_key_is_a_400_naming_the_header(client: TestClient, headers: list, message: str) -> None:
    response = client.post("/notifications", json=ORDER, headers=headers)
    ((where, detail),) = field_errors(response, 400)
    assert where == "header idempotency-key"
    assert message in detail
    assert client.get("/notifications/ntf_1").status_code == 404


def test_concurrent_posts_with_one_key_make_one_notification(client: TestClient, system: NotificationSystem) -> None:
    threads = 8
    barrier = threading.Barrier(threads)
    ids: list[str] = []
    lock = threading.Lock()

    def post() -> None:
        barrier.wait()
        for _ in range(10):
            response = client.post("/notifications", json=ORDER, headers={"Idempotency-Key": "same"})
            with lock:
                ids.append(response.json()["id"])

    pool = [threading.Thread(target=post) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    assert ids == ["ntf_1"] * threads * 10
    assert system.repository.pending() == 2


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"template": "nope"}, "#/template", "there is no template named 'nope'"),
        ({"user_id": "ghost"}, "#/user_id", "there is no user with id 'ghost'"),
        ({"variables": {"name": "Ada"}}, "#/variables", "template 'order_shipped' needs variables: order_id"),
        ({"user_id": "bob", "channels": ["sms"]}, "#/channels", "user 'bob' has no address for channel 'sms'"),
        ({"channels": ["sms", "sms"]}, "#/channels", "channel 'sms' is listed twice"),
    ],
)
def test_semantic_errors_are_422_with_the_field(client: TestClient, change: dict, field: str, message: str) -> None:
    response = client.post("/notifications", json={**ORDER, **change})
    assert field_errors(response) == [(field, message)]
    assert client.get("/notifications/ntf_1").status_code == 404


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"channels": ["fax"]}, "#/channels/0"),
        ({"channels": []}, "#/channels"),
        ({"channels": "sms"}, "#/channels"),
        ({"user_id": ""}, "#/user_id"),
        ({"variables": {"name": 7, "order_id": "1"}}, "#/variables/name"),
        ({"priority": "high"}, "#/priority"),
    ],
)
def test_invalid_bodies_are_422_validation_problems(client: TestClient, change: dict, field: str) -> None:
    fields = [f for f, _ in field_errors(client.post("/notifications", json={**ORDER, **change}))]
    assert field in fields


def test_missing_fields_are_listed(client: TestClient) -> None:
    fields = [f for f, _ in field_errors(client.post("/notifications", json={}))]
    assert fields == ["#/user_id", "#/template", "#/channels"]


def test_malformed_json_is_400(client: TestClient) -> None:
    response = client.post("/notifications", content=b'{"user_id": ', headers={"content-type": "application/json"})
    assert_problem(response, 400, "malformed-json")


@pytest.mark.parametrize("key", ["has space", "x" * 256, "", "caf\u00e9".encode()])
def test_a_malformed_idempotency_key_header_is_400(client: TestClient, key: str | bytes) -> None:
    response = client.post("/notifications", json=ORDER, headers={"Idempotency-Key": key})
    assert "header idempotency-key" in [f for f, _ in field_errors(response, 400)]


def test_a_255_character_key_is_accepted_quoted_or_bare(client: TestClient) -> None:
    key = "k" * 255
    first = client.post("/notifications", json=ORDER, headers={"Idempotency-Key": key})
    again = client.post("/notifications", json=ORDER, headers={"Idempotency-Key": f'"{key}"'})
    assert (first.status_code, again.status_code) == (202, 202)
    assert again.json()["id"] == first.json()["id"]


@pytest.mark.parametrize("change", [{"user_id": "   "}, {"template": "\t"}])
def test_a_blank_name_is_422_not_a_crash(client: TestClient, change: dict) -> None:
    (field,) = change
    response = client.post("/notifications", json={**ORDER, **change})
    assert field_errors(response) == [(f"#/{field}", f"{field} must be a non-blank string")]


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", ""])
def test_a_body_that_is_not_json_is_415_like_the_users_api(client: TestClient, content_type: str) -> None:
    headers = {"content-type": content_type} if content_type else {}
    response = client.post("/notifications", content=b'{"user_id": "ada"}', headers=headers)
    body = assert_problem(response, 415)
    assert body["detail"] == "Send the body as application/json."
    assert response.headers["accept"] == "application/json"


def test_a_subject_line_break_is_422(client: TestClient) -> None:
    order = {**ORDER, "variables": {"name": "Ada", "order_id": "1\r\nBcc: x@example.com"}}
    assert field_errors(client.post("/notifications", json=order)) == [
        ("#/variables", "variable 'order_id' has a line break")
    ]


def test_other_methods_are_405_problems(client: TestClient) -> None:
    response = client.delete("/notifications")
    assert_problem(response, 405)
    assert response.headers["allow"] == "POST"


# --- GET /notifications/{id} ---


def test_get_follows_the_deliveries_to_their_final_status(client: TestClient, system: NotificationSystem) -> None:
    system.providers[Channel.SMS].fail_next("permanent")
    system.providers[Channel.EMAIL].fail_next("transient")
    location = client.post("/notifications", json=ORDER).headers["location"]
    system.dispatcher.run_due(NOON)
    waiting = client.get(location).json()["channels"]
    assert waiting["sms"]["status"] == "failed"
    assert waiting["sms"]["last_error"] == "sms address rejected"
    assert waiting["sms"]["next_attempt_at"] is None
    assert waiting["email"]["status"] == "queued"
    assert waiting["email"]["attempts"] == 1
    assert waiting["email"]["next_attempt_at"] > "2025-01-16T11:00:00+00:00"
    retry_at = system.dispatcher.next_due_at()
    assert retry_at is not None
    system.dispatcher.run_due(retry_at)
    email = client.get(location).json()["channels"]["email"]
    assert (email["status"], email["attempts"], email["last_error"]) == ("sent", 2, None)
    assert email["sent_at"] is not None


def test_get_shows_dead_lettered(client: TestClient, system: NotificationSystem) -> None:
    system.providers[Channel.SMS].fail_next(*["transient"] * 20)
    location = client.post("/notifications", json={**ORDER, "channels": ["sms"]}).headers["location"]
    while (due := system.dispatcher.next_due_at()) is not None:
        system.dispatcher.run_due(due)
    sms = client.get(location).json()["channels"]["sms"]
    assert sms["status"] == "dead_lettered"
    assert sms["last_error"] == "sms provider timed out"


def test_get_unknown_is_404_problem(client: TestClient) -> None:
    body = assert_problem(client.get("/notifications/ntf_404"), 404, "notification-not-found")
    assert body["detail"] == "there is no notification with id 'ntf_404'"


def test_get_with_an_overlong_id_is_400(client: TestClient) -> None:
    response = client.get("/notifications/" + "x" * 65)
    assert "parameter notification_id" in [f for f, _ in field_errors(response, 400)]


# --- the OpenAPI document lists every 4xx the API sends, and no other ---

ERROR_CASES = [
    ("POST", "/notifications", {"content": b"{", "headers": {"content-type": "application/json"}}, 400),
    ("POST", "/notifications", {"json": ORDER, "headers": {"Idempotency-Key": "a b"}}, 400),
    ("POST", "/notifications", {"content": b"{}", "headers": {"content-type": "text/plain"}}, 415),
    ("POST", "/notifications", {"json": {**ORDER, "template": "nope"}}, 422),
    ("GET", "/notifications/{notification_id}", {"url": "/notifications/" + "x" * 65}, 400),
    ("GET", "/notifications/{notification_id}", {"url": "/notifications/ntf_404"}, 404),
]


@pytest.mark.parametrize(("method", "template", "request_args", "status"), ERROR_CASES)
def test_every_error_is_a_problem_openapi_documents(
    client: TestClient, method: str, template: str, request_args: dict, status: int
) -> None:
    args = dict(request_args)
    url = args.pop("url", template)
    assert_problem(client.request(method, url, **args), status)
    documented = client.get("/openapi.json").json()["paths"][template][method.lower()]["responses"]
    assert documented[str(status)]["content"] == {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}}


def test_openapi_documents_no_4xx_the_api_cannot_send(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    documented = {
        (method.upper(), template, int(status))
        for template, operations in paths.items()
        for method, operation in operations.items()
        for status in operation["responses"]
        if status.startswith("4")
    }
    assert documented == {(method, template, status) for method, template, _, status in ERROR_CASES}


def test_openapi_documents_the_idempotency_key_header(client: TestClient) -> None:
    parameters = client.get("/openapi.json").json()["paths"]["/notifications"]["post"]["parameters"]
    assert [(p["name"], p["in"], p["required"]) for p in parameters] == [("Idempotency-Key", "header", False)]
