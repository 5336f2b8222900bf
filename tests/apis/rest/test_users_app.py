"""Every route of the users API over HTTP, including the ways to get it wrong."""

from __future__ import annotations

import secrets
import sqlite3
from collections.abc import Iterator

import pytest
from fastapi import HTTPException
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from examples.apis.rest.cursors import KEY_VARIABLE, CursorCodec
from examples.apis.rest.problem_details import PROBLEM_JSON, PROBLEM_TYPES
from examples.apis.rest.users_app import DEFAULT_LIMIT, MAX_LIMIT, allow_anyone_demo_only, create_app
from examples.apis.rest.users_store import UsersStore, connect

ADA = {"name": "Ada", "email": "ada@example.com"}
GRACE = {"name": "Grace", "email": "grace@example.com"}
MERGE_PATCH = {"content-type": "application/merge-patch+json"}
OPEN = allow_anyone_demo_only  # these tests are about resources, not access
KEY = secrets.token_bytes(32)
CURSORS = CursorCodec(KEY)


@pytest.fixture
def connection() -> Iterator[sqlite3.Connection]:
    conn = connect(":memory:")
    yield conn
    conn.close()


@pytest.fixture
def client(connection: sqlite3.Connection) -> Iterator[TestClient]:
    with TestClient(create_app(connection, authorize=OPEN, cursor_key=KEY)) as test_client:
        yield test_client


def patch(client: TestClient, path: str, body) -> object:
    """PATCH with a JSON merge patch, the one media type PATCH accepts."""
    return client.patch(path, json=body, headers=MERGE_PATCH)


def stored_rows(connection: sqlite3.Connection) -> list[tuple]:
    return connection.execute("SELECT id, name, email FROM users ORDER BY id").fetchall()


def assert_problem(response, status: int, slug: str | None = None) -> dict:
    """The response is an RFC 9457 problem with the given status (and type)."""
    assert response.status_code == status
    assert response.headers["content-type"] == PROBLEM_JSON
    body = response.json()
    assert body["status"] == status
    assert body["instance"] == response.request.url.path
    assert body["title"]
    assert body["detail"]
    assert body.keys() <= {"type", "title", "status", "detail", "instance", "errors"}
    if slug is not None:
        assert body["type"] == PROBLEM_TYPES + slug
    return body


def invalid_inputs(response, status: int = 422) -> list[str]:
    """Where each reported mistake is: a JSON Pointer, a parameter or a header."""
    body = assert_problem(response, status, "validation-error")
    places = []
    for error in body["errors"]:
        assert error["detail"]
        (where,) = error.keys() - {"detail"}  # exactly one location member
        places.append(error[where] if where == "pointer" else f"{where} {error[where]}")
    return places


# --- POST /users -----------------------------------------------------------


def test_create_returns_201_location_and_the_user(client: TestClient) -> None:
    response = client.post("/users", json=ADA)
    assert response.status_code == 201
    assert response.headers["content-type"] == "application/json"
    assert response.headers["location"] == "http://testserver/users/1"
    assert response.json() == {"id": 1, **ADA}
    fetched = client.get(response.headers["location"])
    assert fetched.status_code == 200
    assert fetched.json() == response.json()


def test_create_trims_surrounding_whitespace(client: TestClient) -> None:
    response = client.post("/users", json={"name": "  Ada ", "email": " a@b.co "})
    assert response.json() == {"id": 1, "name": "Ada", "email": "a@b.co"}


def test_create_with_a_taken_email_is_409_and_stores_nothing(
    client: TestClient, connection: sqlite3.Connection
) -> None:
    client.post("/users", json=ADA)
    response = client.post("/users", json={"name": "Other", "email": "ADA@example.com"})
    assert_problem(response, 409, "email-taken")
    assert "location" not in response.headers
    assert stored_rows(connection) == [(1, "Ada", "ada@example.com")]


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH"])
def test_a_409_does_not_repeat_the_email(client: TestClient, method: str) -> None:
    client.post("/users", json=ADA)
    client.post("/users", json=GRACE)
    headers = MERGE_PATCH if method == "PATCH" else {}
    path = "/users" if method == "POST" else "/users/2"
    response = client.request(method, path, json={"name": "G", "email": "ADA@example.com"}, headers=headers)
    assert_problem(response, 409, "email-taken")
    assert "ada@example.com" not in response.text.lower()


def test_a_constraint_other_than_the_email_is_a_500_not_a_409(caplog: pytest.LogCaptureFixture) -> None:
    """The edge and the schema agree, so this takes a stricter database than the
    edge knows about: the failure is a bug to log, never "email taken"."""
    connection = connect(":memory:")
    connection.execute(
        "CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT,"
        " name TEXT NOT NULL CHECK (name <> 'Mallory'),"
        " email TEXT NOT NULL UNIQUE COLLATE NOCASE)"
    )
    app = create_app(connection, authorize=OPEN, cursor_key=KEY)
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.post("/users", json={"name": "Mallory", "email": "m@example.com"})
    assert_problem(response, 500)
    assert "CHECK" not in response.text
    assert any("CHECK constraint failed" in str(r.exc_info[1]) for r in caplog.records if r.exc_info)
    assert stored_rows(connection) == []
    connection.close()


@pytest.mark.parametrize(
    ("payload", "fields"),
    [
        ({}, ["#/name", "#/email"]),
        ({"name": "Ada"}, ["#/email"]),
        ({"name": 5, "email": ["ada@example.com"]}, ["#/name", "#/email"]),
        ({"name": "", "email": "ada@example.com"}, ["#/name"]),
        ({"name": "   ", "email": "ada@example.com"}, ["#/name"]),
        ({"name": "A" * 101, "email": "ada@example.com"}, ["#/name"]),
        ({"name": "Ada", "email": "not-an-email"}, ["#/email"]),
        ({"name": "Ada", "email": "a@b"}, ["#/email"]),
        ({"name": "Ada", "email": "a" * 250 + "@x.io"}, ["#/email"]),
        ({**ADA, "id": 42}, ["#/id"]),
        ({**ADA, "role": "admin"}, ["#/role"]),
        ([ADA], ["#"]),
        ("Ada", ["#"]),
    ],
)
def test_create_with_an_invalid_body_is_422_naming_each_field(
    client: TestClient, connection: sqlite3.Connection, payload, fields: list[str]
) -> None:
    response = client.post("/users", json=payload)
    assert invalid_inputs(response) == fields
    assert stored_rows(connection) == []


@pytest.mark.parametrize(
    ("payload", "fields"),
    [
        ({"name": "\x00", "email": "ada@example.com"}, ["#/name"]),
        ({"name": "\x00Ada", "email": "ada@example.com"}, ["#/name"]),
        ({"name": "Ada\nKing", "email": "ada@example.com"}, ["#/name"]),
        ({"name": "Ad\x85a", "email": "ada@example.com"}, ["#/name"]),
        ({"name": "Ada", "email": "ada\x00@example.com"}, ["#/email"]),
        ({"name": "Ada", "email": "ada@exam\x7fple.com"}, ["#/email"]),
    ],
)
def test_control_characters_are_422_not_a_500_from_the_check(
    client: TestClient, connection: sqlite3.Connection, payload, fields: list[str]
) -> None:
    """SQLite's length() stops at the first NUL, so "\x00Ada" has length 0 there:
    let through, it broke the CHECK and became a 500."""
    response = client.post("/users", json=payload)
    assert invalid_inputs(response) == fields
    assert response.json()["errors"][0]["detail"] == "must not contain control characters"
    assert stored_rows(connection) == []


def test_a_patch_with_a_control_character_is_422(client: TestClient, connection: sqlite3.Connection) -> None:
    client.post("/users", json=ADA)
    assert invalid_inputs(patch(client, "/users/1", {"name": "\x00"})) == ["#/name"]
    assert stored_rows(connection) == [(1, "Ada", "ada@example.com")]


def test_create_with_malformed_json_is_400(client: TestClient, connection: sqlite3.Connection) -> None:
    response = client.post(
        "/users",
        content=b'{"name": "Ada", "email": ',
        headers={"content-type": "application/json"},
    )
    body = assert_problem(response, 400, "malformed-json")
    assert "errors" not in body
    assert stored_rows(connection) == []


def test_create_without_a_body_is_422(client: TestClient) -> None:
    assert invalid_inputs(client.post("/users")) == ["#"]


def test_json_pointers_escape_what_a_member_name_may_hold(client: TestClient) -> None:
    response = client.post("/users", json={**ADA, "a/b~c d%": 1})
    assert invalid_inputs(response) == ["#/a~1b~0c%20d%25"]  # RFC 6901, sections 3 and 6


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/merge-patch+json", "application/x-www-form-urlencoded", None],
)
def test_create_with_a_body_that_is_not_json_is_415(
    client: TestClient, connection: sqlite3.Connection, content_type: str | None
) -> None:
    headers = {"content-type": content_type} if content_type else {}
    response = client.post("/users", content=b'{"name": "Ada", "email": "ada@example.com"}', headers=headers)
    assert_problem(response, 415)
    assert response.headers["accept"] == "application/json"
    assert stored_rows(connection) == []


def test_json_with_a_charset_parameter_is_json(client: TestClient) -> None:
    response = client.post(
        "/users",
        content=b'{"name": "Ada", "email": "ada@example.com"}',
        headers={"content-type": "Application/JSON; charset=utf-8"},
    )
    assert response.status_code == 201


# --- GET /users/{id} -------------------------------------------------------


def test_get_unknown_user_is_404_problem(client: TestClient) -> None:
    body = assert_problem(client.get("/users/7"), 404, "user-not-found")
    assert body["detail"] == "There is no user with id 7."


@pytest.mark.parametrize("bad_id", ["abc", "1.5", "0", "-3", str(2**63)])
@pytest.mark.parametrize("method", ["GET", "DELETE"])
def test_an_invalid_id_is_400_not_500(client: TestClient, method: str, bad_id: str) -> None:
    # Not 422: RFC 9110 keeps that for request content; the URL is not content.
    assert invalid_inputs(client.request(method, f"/users/{bad_id}"), 400) == ["parameter user_id"]


def test_a_bad_id_and_a_bad_body_are_one_400_listing_both(client: TestClient) -> None:
    response = client.put("/users/abc", json={"name": "Ada"})
    assert invalid_inputs(response, 400) == ["parameter user_id", "#/email"]


# --- PUT /users/{id} -------------------------------------------------------


def test_put_replaces_every_field(client: TestClient) -> None:
    client.post("/users", json=ADA)
    response = client.put("/users/1", json={"name": "Ada King", "email": "a@king.org"})
    assert response.status_code == 200
    assert response.json() == {"id": 1, "name": "Ada King", "email": "a@king.org"}
    assert client.get("/users/1").json() == response.json()


def test_put_is_idempotent(client: TestClient) -> None:
    client.post("/users", json=ADA)
    replacement = {"name": "Ada King", "email": "a@king.org"}
    first = client.put("/users/1", json=replacement)
    second = client.put("/users/1", json=replacement)
    assert first.status_code == second.status_code == 200
    assert first.json() == second.json() == client.get("/users/1").json()


def test_put_with_a_missing_field_is_422_and_changes_nothing(
    client: TestClient, connection: sqlite3.Connection
) -> None:
    client.post("/users", json=ADA)
    assert invalid_inputs(client.put("/users/1", json={"name": "Ada King"})) == ["#/email"]
    assert stored_rows(connection) == [(1, "Ada", "ada@example.com")]


def test_put_to_an_unknown_id_is_404_and_creates_nothing(client: TestClient, connection: sqlite3.Connection) -> None:
    assert_problem(client.put("/users/9", json=ADA), 404, "user-not-found")
    assert stored_rows(connection) == []


def test_put_with_another_users_email_is_409_and_changes_nothing(
    client: TestClient, connection: sqlite3.Connection
) -> None:
    client.post("/users", json=ADA)
    client.post("/users", json=GRACE)
    before = stored_rows(connection)
    response = client.put("/users/2", json={"name": "G", "email": "ada@example.com"})
    assert_problem(response, 409, "email-taken")
    assert stored_rows(connection) == before


def test_put_may_keep_the_users_own_email(client: TestClient) -> None:
    client.post("/users", json=ADA)
    response = client.put("/users/1", json={"name": "Ada K", "email": ADA["email"]})
    assert response.status_code == 200


# --- PATCH /users/{id} -----------------------------------------------------


def test_patch_changes_only_the_fields_sent(client: TestClient) -> None:
    client.post("/users", json=ADA)
    response = patch(client, "/users/1", {"name": "Ada Lovelace"})
    assert response.status_code == 200
    assert response.json() == {"id": 1, "name": "Ada Lovelace", "email": ADA["email"]}
    response = patch(client, "/users/1", {"email": "ada@lovelace.org"})
    assert response.json() == {"id": 1, "name": "Ada Lovelace", "email": "ada@lovelace.org"}


def test_patch_accepts_the_merge_patch_media_type(client: TestClient) -> None:
    client.post("/users", json=ADA)
    response = client.patch(
        "/users/1",
        content=b'{"name": "Ada L"}',
        headers={"content-type": "application/merge-patch+json"},
    )
    assert response.status_code == 200
    assert response.json()["name"] == "Ada L"


@pytest.mark.parametrize(
    "content_type",
    ["application/json", "application/json-patch+json", "text/plain", None],
)
def test_patch_in_any_other_media_type_is_415_with_accept_patch(
    client: TestClient, connection: sqlite3.Connection, content_type: str | None
) -> None:
    """RFC 5789 (erratum 3169): plain JSON does not define what PATCH means."""
    client.post("/users", json=ADA)
    headers = {"content-type": content_type} if content_type else {}
    response = client.patch("/users/1", content=b'{"name": "Ada L"}', headers=headers)
    assert_problem(response, 415)
    assert response.headers["accept-patch"] == "application/merge-patch+json"
    assert stored_rows(connection) == [(1, "Ada", "ada@example.com")]


def test_patch_with_an_empty_object_changes_nothing(client: TestClient, connection: sqlite3.Connection) -> None:
    client.post("/users", json=ADA)
    response = patch(client, "/users/1", {})
    assert response.status_code == 200
    assert response.json() == {"id": 1, **ADA}
    assert stored_rows(connection) == [(1, "Ada", "ada@example.com")]


def test_patch_with_no_body_at_all_is_422(client: TestClient) -> None:
    client.post("/users", json=ADA)
    assert invalid_inputs(client.patch("/users/1", headers=MERGE_PATCH)) == ["#"]


@pytest.mark.parametrize(
    ("payload", "fields"),
    [
        ({"name": None}, ["#/name"]),
        ({"email": None}, ["#/email"]),
        ({"name": ""}, ["#/name"]),
        ({"email": "nope"}, ["#/email"]),
        ({"nickname": "Countess"}, ["#/nickname"]),
        ({"name": 3}, ["#/name"]),
    ],
)
def test_patch_with_an_invalid_body_is_422_and_changes_nothing(
    client: TestClient, connection: sqlite3.Connection, payload, fields
) -> None:
    client.post("/users", json=ADA)
    response = patch(client, "/users/1", payload)
    assert invalid_inputs(response) == fields
    assert stored_rows(connection) == [(1, "Ada", "ada@example.com")]


def test_patch_null_explains_that_fields_cannot_be_removed(client: TestClient) -> None:
    client.post("/users", json=ADA)
    body = patch(client, "/users/1", {"name": None}).json()
    assert body["errors"][0]["detail"] == "may be left out, but cannot be null"


def test_patch_unknown_id_is_404(client: TestClient) -> None:
    assert_problem(patch(client, "/users/4", {"name": "X"}), 404, "user-not-found")


def test_patch_to_another_users_email_is_409_and_changes_nothing(
    client: TestClient, connection: sqlite3.Connection
) -> None:
    client.post("/users", json=ADA)
    client.post("/users", json=GRACE)
    before = stored_rows(connection)
    response = patch(client, "/users/2", {"name": "G", "email": "Ada@Example.com"})
    assert_problem(response, 409, "email-taken")
    assert stored_rows(connection) == before


def test_patch_with_malformed_json_is_400(client: TestClient, connection) -> None:
    client.post("/users", json=ADA)
    response = client.patch("/users/1", content=b"{name: Ada}", headers=MERGE_PATCH)
    assert_problem(response, 400, "malformed-json")
    assert stored_rows(connection) == [(1, "Ada", "ada@example.com")]


# --- DELETE /users/{id} ----------------------------------------------------


def test_delete_is_204_with_no_body_then_the_user_is_gone(client: TestClient, connection: sqlite3.Connection) -> None:
    client.post("/users", json=ADA)
    client.post("/users", json=GRACE)
    response = client.delete("/users/1")
    assert response.status_code == 204
    assert response.content == b""
    assert "content-type" not in response.headers
    assert_problem(client.get("/users/1"), 404, "user-not-found")
    assert stored_rows(connection) == [(2, "Grace", "grace@example.com")]


def test_repeating_a_delete_is_404_but_leaves_the_same_state(
    client: TestClient, connection: sqlite3.Connection
) -> None:
    client.post("/users", json=ADA)
    client.post("/users", json=GRACE)
    client.delete("/users/1")
    after_first = stored_rows(connection)
    assert_problem(client.delete("/users/1"), 404, "user-not-found")
    assert stored_rows(connection) == after_first


def test_a_deleted_users_url_never_points_at_someone_else(client: TestClient) -> None:
    client.post("/users", json=ADA)
    client.delete("/users/1")
    created = client.post("/users", json=ADA)
    assert created.headers["location"] == "http://testserver/users/2"
    assert_problem(client.get("/users/1"), 404)


# --- routing errors --------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("DELETE", "/users", "GET, HEAD, POST"),
        ("PUT", "/users", "GET, HEAD, POST"),
        ("PATCH", "/users", "GET, HEAD, POST"),
        ("POST", "/users/1", "DELETE, GET, HEAD, PATCH, PUT"),
    ],
)
def test_wrong_method_is_405_with_allow(client: TestClient, method: str, path: str, allow: str) -> None:
    response = client.request(method, path, json=ADA)
    body = assert_problem(response, 405)
    assert response.headers["allow"] == allow
    assert body["type"] == "about:blank"
    assert body["title"] == "Method Not Allowed"


def test_unknown_path_is_404_problem(client: TestClient) -> None:
    body = assert_problem(client.get("/accounts/1"), 404)
    assert body["type"] == "about:blank"


# --- GET /users: pagination ------------------------------------------------


def add_users(connection: sqlite3.Connection, count: int) -> UsersStore:
    store = UsersStore(connection)
    for i in range(count):
        store.add(f"User {i}", f"user{i}@example.com")
    return store


def test_empty_collection_is_an_empty_last_page(client: TestClient) -> None:
    response = client.get("/users")
    assert response.status_code == 200
    assert response.json() == {"items": [], "next": None}


def test_default_limit_and_next_link(client: TestClient, connection) -> None:
    add_users(connection, DEFAULT_LIMIT + 5)
    first = client.get("/users").json()
    assert [u["id"] for u in first["items"]] == list(range(1, DEFAULT_LIMIT + 1))
    assert first["next"] == f"http://testserver/users?limit={DEFAULT_LIMIT}&after={CURSORS.encode(DEFAULT_LIMIT)}"
    second = client.get(first["next"]).json()
    assert [u["id"] for u in second["items"]] == list(range(DEFAULT_LIMIT + 1, DEFAULT_LIMIT + 6))
    assert second["next"] is None


def test_a_page_that_ends_exactly_at_the_last_user_has_no_next(client: TestClient, connection) -> None:
    add_users(connection, 4)
    page = client.get("/users", params={"limit": 4}).json()
    assert len(page["items"]) == 4
    assert page["next"] is None


def test_max_limit_is_accepted(client: TestClient, connection) -> None:
    add_users(connection, MAX_LIMIT + 1)
    page = client.get("/users", params={"limit": MAX_LIMIT}).json()
    assert len(page["items"]) == MAX_LIMIT
    assert page["next"] is not None


@pytest.mark.parametrize("limit", ["0", "-1", str(MAX_LIMIT + 1), "1000", "ten", "2.5"])
def test_an_invalid_limit_is_400(client: TestClient, limit: str) -> None:
    assert invalid_inputs(client.get("/users", params={"limit": limit}), 400) == ["parameter limit"]


ISSUED = CURSORS.encode(3)
PAYLOAD, _, TAG = ISSUED.partition(".")


@pytest.mark.parametrize(
    "after",
    [
        pytest.param("aWQ6Mw", id="unsigned id:3, the old format"),
        pytest.param("aWQ6MA." + TAG, id="tampered: id:0 with the tag of id:3"),
        pytest.param(PAYLOAD + "." + TAG[::-1], id="tampered tag"),
        pytest.param(ISSUED[:-1], id="truncated by one"),
        pytest.param(PAYLOAD + ".", id="truncated to the payload"),
        pytest.param(CursorCodec(secrets.token_bytes(32)).encode(3), id="signed by another key"),
        pytest.param(ISSUED.upper(), id="case changed"),
        pytest.param("", id="empty"),
        pytest.param("garbage!", id="garbage"),
        pytest.param("ü." + "ü" * 43, id="not ASCII"),
        pytest.param("QQ" * 80, id="longer than any cursor"),
    ],
)
def test_a_cursor_we_did_not_issue_is_400(client: TestClient, connection, after: str) -> None:
    add_users(connection, 6)
    response = client.get("/users", params={"after": after})
    assert invalid_inputs(response, 400) == ["parameter after"]
    assert response.json()["errors"][0]["detail"] == "is not a cursor this API issued"


def test_an_issued_cursor_is_accepted(client: TestClient, connection) -> None:
    add_users(connection, 6)
    page = client.get("/users", params={"after": ISSUED}).json()
    assert [u["id"] for u in page["items"]] == [4, 5, 6]


def test_apps_that_share_a_key_accept_each_others_cursors(connection, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two replicas with the key in HANDBOOK_USERS_CURSOR_KEY: either may serve the next page."""
    monkeypatch.setenv(KEY_VARIABLE, secrets.token_urlsafe(32))
    add_users(connection, 3)
    one_app, other_app = create_app(connection, authorize=OPEN), create_app(connection, authorize=OPEN)
    with TestClient(one_app) as one, TestClient(other_app) as other:
        next_link = one.get("/users", params={"limit": 2}).json()["next"]
        assert [u["id"] for u in other.get(next_link).json()["items"]] == [3]


def test_the_app_will_not_start_without_a_cursor_key(connection, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(KEY_VARIABLE, raising=False)
    with pytest.raises(RuntimeError, match=KEY_VARIABLE):
        create_app(connection, authorize=OPEN)
    with pytest.raises(ValueError, match="32"):
        create_app(connection, authorize=OPEN, cursor_key=b"short")


def test_keyset_paging_does_not_skip_when_a_seen_user_is_deleted(client: TestClient, connection) -> None:
    add_users(connection, 6)
    first = client.get("/users", params={"limit": 3}).json()
    client.delete("/users/2")  # a user the client has already seen
    second = client.get(first["next"]).json()
    assert [u["id"] for u in second["items"]] == [4, 5, 6]


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    count=st.integers(min_value=0, max_value=30),
    limit=st.integers(min_value=1, max_value=12),
    deleted=st.sets(st.integers(min_value=1, max_value=30), max_size=10),
)
def test_walking_next_links_yields_every_user_once_in_order(count: int, limit: int, deleted: set[int]) -> None:
    connection = connect(":memory:")
    store = add_users(connection, count)
    for user_id in deleted:
        store.delete(user_id)
    expected = [i for i in range(1, count + 1) if i not in deleted]
    seen: list[int] = []
    page_sizes: list[int] = []
    url: str | None = f"/users?limit={limit}"
    with TestClient(create_app(connection, authorize=OPEN, cursor_key=KEY)) as client:
        while url is not None:
            page = client.get(url).json()
            page_sizes.append(len(page["items"]))
            seen += [user["id"] for user in page["items"]]
            url = page["next"]
    connection.close()
    assert seen == expected
    # Full pages, then one shorter (or full) last page; never an empty extra one.
    assert all(size == limit for size in page_sizes[:-1])
    assert 0 < page_sizes[-1] <= limit or expected == []
    assert len(page_sizes) == max(1, -(-len(expected) // limit))


def test_retrying_a_patch_that_sets_values_is_safe(client: TestClient) -> None:
    client.post("/users", json=ADA)
    first = patch(client, "/users/1", {"email": "new@example.com"})
    retry = patch(client, "/users/1", {"email": "new@example.com"})
    assert first.status_code == retry.status_code == 200
    assert first.json() == retry.json() == {"id": 1, "name": "Ada", "email": "new@example.com"}


# --- the contract: every error is a problem, and OpenAPI says so -------------

JSON_TEXT = {"content-type": "application/json"}
PLAIN_TEXT = {"content-type": "text/plain"}
TAKEN_EMAIL = {"name": "G", "email": "ADA@example.com"}

# Every 4xx each operation can return, with a request that gets it.
ERROR_CASES = [
    ("POST", "/users", "/users", {"content": b"{", "headers": JSON_TEXT}, 400),
    ("POST", "/users", "/users", {"json": ADA}, 409),
    ("POST", "/users", "/users", {"content": b"{}", "headers": PLAIN_TEXT}, 415),
    ("POST", "/users", "/users", {"json": {}}, 422),
    ("GET", "/users", "/users", {"params": {"after": "x"}}, 400),
    ("GET", "/users/0", "/users/{user_id}", {}, 400),
    ("GET", "/users/9", "/users/{user_id}", {}, 404),
    ("PUT", "/users/0", "/users/{user_id}", {"json": ADA}, 400),
    ("PUT", "/users/9", "/users/{user_id}", {"json": ADA}, 404),
    ("PUT", "/users/2", "/users/{user_id}", {"json": TAKEN_EMAIL}, 409),
    ("PUT", "/users/2", "/users/{user_id}", {"content": b"{}", "headers": PLAIN_TEXT}, 415),
    ("PUT", "/users/2", "/users/{user_id}", {"json": {}}, 422),
    ("PATCH", "/users/0", "/users/{user_id}", {"json": {}, "headers": MERGE_PATCH}, 400),
    ("PATCH", "/users/9", "/users/{user_id}", {"json": {}, "headers": MERGE_PATCH}, 404),
    ("PATCH", "/users/2", "/users/{user_id}", {"json": TAKEN_EMAIL, "headers": MERGE_PATCH}, 409),
    ("PATCH", "/users/2", "/users/{user_id}", {"json": {}}, 415),
    ("PATCH", "/users/2", "/users/{user_id}", {"json": {"name": None}, "headers": MERGE_PATCH}, 422),
    ("DELETE", "/users/0", "/users/{user_id}", {}, 400),
    ("DELETE", "/users/9", "/users/{user_id}", {}, 404),
]
# A HEAD fails as its GET does, with the same status and headers and no body.
HEAD_ERROR_CASES = [("HEAD", *case[1:]) for case in ERROR_CASES if case[0] == "GET"]
PROBLEM_CONTENT = {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}}


@pytest.mark.parametrize(
    ("method", "url", "template", "request_args", "status"),
    ERROR_CASES,
    ids=[f"{case[0]} {case[1]} {case[4]}" for case in ERROR_CASES],
)
def test_every_error_is_a_problem_openapi_documents(
    client: TestClient, method: str, url: str, template: str, request_args: dict, status: int
) -> None:
    client.post("/users", json=ADA)
    client.post("/users", json=GRACE)
    assert_problem(client.request(method, url, **request_args), status)
    documented = client.get("/openapi.json").json()["paths"][template][method.lower()]["responses"]
    assert documented[str(status)]["content"] == PROBLEM_CONTENT


def test_openapi_documents_no_4xx_the_api_cannot_send(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    documented = {
        (method.upper(), template, int(status))
        for template, operations in paths.items()
        for method, operation in operations.items()
        for status in operation["responses"]
        if status.startswith("4")
    }
    cases = ERROR_CASES + HEAD_ERROR_CASES
    exercised = {(method, template, status) for method, _, template, _, status in cases}
    assert documented == exercised


def test_every_operation_has_its_own_operation_id(client: TestClient) -> None:
    """OpenAPI requires operationIds to be unique; GET and HEAD are two operations."""
    paths = client.get("/openapi.json").json()["paths"]
    ids = [operation["operationId"] for operations in paths.values() for operation in operations.values()]
    assert len(ids) == len(set(ids)), ids
    assert {"get", "head"} <= set(paths["/users"]) and {"get", "head"} <= set(paths["/users/{user_id}"])


@pytest.mark.parametrize("url", ["/users", "/users?limit=1", "/users/1", "/users/9", "/users/0", "/users?after=x"])
def test_head_answers_as_get_does_without_a_body(client: TestClient, url: str) -> None:
    """RFC 9110 section 9.3.2: the same status and headers as GET, and no content."""
    client.post("/users", json=ADA)
    get, head = client.get(url), client.head(url)
    assert head.status_code == get.status_code
    assert head.headers["content-type"] == get.headers["content-type"]
    assert head.headers["content-length"] == get.headers["content-length"]
    assert head.content == b""


def test_openapi_describes_the_problem_format_and_not_fastapis(client: TestClient) -> None:
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    assert "HTTPValidationError" not in schemas
    assert "ValidationError" not in schemas
    problem = schemas["Problem"]
    assert set(problem["required"]) == {"type", "title", "status", "detail", "instance"}
    assert problem["properties"]["errors"]["items"] == {"$ref": "#/components/schemas/InvalidInput"}
    invalid = schemas["InvalidInput"]
    assert invalid["required"] == ["detail"]
    assert set(invalid["properties"]) == {"detail", "pointer", "parameter", "header"}


def test_openapi_names_the_media_type_each_body_must_use(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert list(paths["/users"]["post"]["requestBody"]["content"]) == ["application/json"]
    assert list(paths["/users/{user_id}"]["put"]["requestBody"]["content"]) == ["application/json"]
    assert list(paths["/users/{user_id}"]["patch"]["requestBody"]["content"]) == ["application/merge-patch+json"]


def test_access_control_has_no_default(connection) -> None:
    """An app open to anyone has to be asked for by name."""
    with pytest.raises(TypeError, match="authorize"):
        create_app(connection, cursor_key=KEY)  # type: ignore[call-arg]


EVERY_ROUTE = [("POST", "/users"), ("GET", "/users"), ("HEAD", "/users")] + [
    (method, "/users/1") for method in ("GET", "HEAD", "PUT", "PATCH", "DELETE")
]


@pytest.mark.parametrize("method, path", EVERY_ROUTE)
def test_authorize_runs_before_every_route(connection, method: str, path: str) -> None:
    def nobody() -> None:
        raise HTTPException(403, "nobody may")

    add_users(connection, 1)
    with TestClient(create_app(connection, authorize=nobody, cursor_key=KEY)) as client:
        response = client.request(method, path)
    assert response.status_code == 403
    if method != "HEAD":
        assert_problem(response, 403)
    assert [u.name for u in UsersStore(connection).list_after(0, 10)] == ["User 0"]
