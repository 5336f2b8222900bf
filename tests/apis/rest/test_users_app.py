"""Every route of the users API over HTTP, including the ways to get it wrong."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from examples.apis.rest.problem_details import PROBLEM_JSON, PROBLEM_TYPES
from examples.apis.rest.users_app import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    create_app,
    decode_cursor,
    encode_cursor,
)
from examples.apis.rest.users_store import UsersStore, connect

ADA = {"name": "Ada", "email": "ada@example.com"}
GRACE = {"name": "Grace", "email": "grace@example.com"}


@pytest.fixture
def connection() -> Iterator[sqlite3.Connection]:
    conn = connect(":memory:")
    yield conn
    conn.close()


@pytest.fixture
def client(connection: sqlite3.Connection) -> Iterator[TestClient]:
    with TestClient(create_app(connection)) as test_client:
        yield test_client


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
    if slug is not None:
        assert body["type"] == PROBLEM_TYPES + slug
    return body


def error_fields(response) -> list[str]:
    body = assert_problem(response, 422, "validation-error")
    return [error["field"] for error in body["errors"]]


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
    body = assert_problem(response, 409, "email-taken")
    assert "ADA@example.com" in body["detail"]
    assert "location" not in response.headers
    assert stored_rows(connection) == [(1, "Ada", "ada@example.com")]


@pytest.mark.parametrize(
    ("payload", "fields"),
    [
        ({}, ["body.name", "body.email"]),
        ({"name": "Ada"}, ["body.email"]),
        ({"name": 5, "email": ["ada@example.com"]}, ["body.name", "body.email"]),
        ({"name": "", "email": "ada@example.com"}, ["body.name"]),
        ({"name": "   ", "email": "ada@example.com"}, ["body.name"]),
        ({"name": "A" * 101, "email": "ada@example.com"}, ["body.name"]),
        ({"name": "Ada", "email": "not-an-email"}, ["body.email"]),
        ({"name": "Ada", "email": "a@b"}, ["body.email"]),
        ({"name": "Ada", "email": "a" * 250 + "@x.io"}, ["body.email"]),
        ({**ADA, "id": 42}, ["body.id"]),
        ({**ADA, "role": "admin"}, ["body.role"]),
        ([ADA], ["body"]),
        ("Ada", ["body"]),
    ],
)
def test_create_with_an_invalid_body_is_422_naming_each_field(
    client: TestClient, connection: sqlite3.Connection, payload, fields: list[str]
) -> None:
    response = client.post("/users", json=payload)
    assert error_fields(response) == fields
    assert all(e["message"] for e in response.json()["errors"])
    assert stored_rows(connection) == []


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
    assert error_fields(client.post("/users")) == ["body"]


def test_create_with_a_non_json_content_type_is_422(client: TestClient, connection: sqlite3.Connection) -> None:
    response = client.post(
        "/users",
        content=b'{"name": "Ada", "email": "ada@example.com"}',
        headers={"content-type": "text/plain"},
    )
    assert error_fields(response) == ["body"]
    assert stored_rows(connection) == []


# --- GET /users/{id} -------------------------------------------------------


def test_get_unknown_user_is_404_problem(client: TestClient) -> None:
    body = assert_problem(client.get("/users/7"), 404, "user-not-found")
    assert body["detail"] == "There is no user with id 7."


@pytest.mark.parametrize("bad_id", ["abc", "1.5", "0", "-3", str(2**63)])
def test_get_with_an_invalid_id_is_422_not_500(client: TestClient, bad_id: str) -> None:
    assert error_fields(client.get(f"/users/{bad_id}")) == ["path.user_id"]


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
    assert error_fields(client.put("/users/1", json={"name": "Ada King"})) == ["body.email"]
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
    response = client.patch("/users/1", json={"name": "Ada Lovelace"})
    assert response.status_code == 200
    assert response.json() == {"id": 1, "name": "Ada Lovelace", "email": ADA["email"]}
    response = client.patch("/users/1", json={"email": "ada@lovelace.org"})
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


def test_patch_with_an_empty_object_changes_nothing(client: TestClient, connection: sqlite3.Connection) -> None:
    client.post("/users", json=ADA)
    response = client.patch("/users/1", json={})
    assert response.status_code == 200
    assert response.json() == {"id": 1, **ADA}
    assert stored_rows(connection) == [(1, "Ada", "ada@example.com")]


def test_patch_with_no_body_at_all_is_422(client: TestClient) -> None:
    client.post("/users", json=ADA)
    assert error_fields(client.patch("/users/1")) == ["body"]


@pytest.mark.parametrize(
    ("payload", "fields"),
    [
        ({"name": None}, ["body.name"]),
        ({"email": None}, ["body.email"]),
        ({"name": ""}, ["body.name"]),
        ({"email": "nope"}, ["body.email"]),
        ({"nickname": "Countess"}, ["body.nickname"]),
        ({"name": 3}, ["body.name"]),
    ],
)
def test_patch_with_an_invalid_body_is_422_and_changes_nothing(
    client: TestClient, connection: sqlite3.Connection, payload, fields
) -> None:
    client.post("/users", json=ADA)
    response = client.patch("/users/1", json=payload)
    assert error_fields(response) == fields
    assert stored_rows(connection) == [(1, "Ada", "ada@example.com")]


def test_patch_null_explains_that_fields_cannot_be_removed(client: TestClient) -> None:
    client.post("/users", json=ADA)
    body = client.patch("/users/1", json={"name": None}).json()
    assert body["errors"][0]["message"] == "may be left out, but cannot be null"


def test_patch_unknown_id_is_404(client: TestClient) -> None:
    assert_problem(client.patch("/users/4", json={"name": "X"}), 404, "user-not-found")


def test_patch_to_another_users_email_is_409_and_changes_nothing(
    client: TestClient, connection: sqlite3.Connection
) -> None:
    client.post("/users", json=ADA)
    client.post("/users", json=GRACE)
    before = stored_rows(connection)
    response = client.patch("/users/2", json={"name": "G", "email": "Ada@Example.com"})
    assert_problem(response, 409, "email-taken")
    assert stored_rows(connection) == before


def test_patch_with_malformed_json_is_400(client: TestClient, connection) -> None:
    client.post("/users", json=ADA)
    response = client.patch("/users/1", content=b"{name: Ada}", headers={"content-type": "application/json"})
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
        ("DELETE", "/users", "GET, POST"),
        ("PUT", "/users", "GET, POST"),
        ("PATCH", "/users", "GET, POST"),
        ("POST", "/users/1", "DELETE, GET, PATCH, PUT"),
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
    assert first["next"] == (f"http://testserver/users?limit={DEFAULT_LIMIT}&after={encode_cursor(DEFAULT_LIMIT)}")
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
def test_an_invalid_limit_is_422(client: TestClient, limit: str) -> None:
    assert error_fields(client.get("/users", params={"limit": limit})) == ["query.limit"]


@pytest.mark.parametrize(
    "after",
    [
        "garbage!",
        "",
        "aWQ6",  # "id:" with no number
        encode_cursor(3).upper(),
        "eHg6Mw",  # "xx:3"
        "aWQ6LTE",  # "id:-1"
        "aWQ6MS41",  # "id:1.5"
        encode_cursor(2**63),
        "QQ" * 40,  # longer than any cursor we issue
    ],
)
def test_a_cursor_we_did_not_issue_is_422(client: TestClient, after: str) -> None:
    response = client.get("/users", params={"after": after})
    assert error_fields(response) == ["query.after"]
    assert response.json()["errors"][0]["message"] == "is not a cursor this API issued"


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
    with TestClient(create_app(connection)) as client:
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


@given(st.integers(min_value=0, max_value=2**63 - 1))
def test_cursor_round_trips(last_id: int) -> None:
    assert decode_cursor(encode_cursor(last_id)) == last_id


@given(st.text(max_size=80))
def test_decoding_any_text_yields_an_id_or_value_error(token: str) -> None:
    try:
        value = decode_cursor(token)
    except ValueError:
        return
    assert 0 <= value <= 2**63 - 1


def test_retrying_a_patch_that_sets_values_is_safe(client: TestClient) -> None:
    client.post("/users", json=ADA)
    first = client.patch("/users/1", json={"email": "new@example.com"})
    retry = client.patch("/users/1", json={"email": "new@example.com"})
    assert first.status_code == retry.status_code == 200
    assert first.json() == retry.json() == {"id": 1, "name": "Ada", "email": "new@example.com"}
