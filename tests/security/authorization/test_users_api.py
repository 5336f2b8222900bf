"""The users API with authorization: authentication, each role, and attacks."""

import logging
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.responses import JSONResponse

from examples.apis.rest.problem_details import PROBLEM_JSON, PROBLEM_TYPES
from examples.security.authorization import users_api
from examples.security.authorization.accounts import connect
from examples.security.authorization.policy import Action, Role
from examples.security.authorization.users_api import (
    create_app,
    every_route_guarded,
    guarded_action,
)

MERGE = {"content-type": "application/merge-patch+json"}


@dataclass
class World:
    client: TestClient
    app: FastAPI
    ids: dict[str, int]
    tokens: dict[str, str]

    def as_(self, who: str, **headers: str) -> dict[str, str]:
        return {"authorization": f"Bearer {self.tokens[who]}", **headers}


@pytest.fixture
def connection() -> Iterator[sqlite3.Connection]:
    conn = connect()
    yield conn
    conn.close()


@pytest.fixture
def world(connection: sqlite3.Connection) -> Iterator[World]:
    app = create_app(connection)
    store = app.state.store
    people = {
        "admin": ("Ada", Role.ADMIN),
        "support": ("Sam", Role.SUPPORT),
        "max": ("Max", Role.MEMBER),
        "nia": ("Nia", Role.MEMBER),
    }
    ids, tokens = {}, {}
    for key, (name, role) in people.items():
        user = store.add_with_role(name, f"{key}@example.com", role)
        ids[key] = user.id
        tokens[key] = store.issue_token(user.id)
    with TestClient(app) as client:
        yield World(client, app, ids, tokens)


# Authentication ------------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    [None, "", "Bearer", "Bearer ", "Basic YWRhOnNlY3JldA==", "Token abc", "bearer"],
)
def test_no_usable_credentials_is_401_without_an_error_code(world, header) -> None:
    headers = {} if header is None else {"authorization": header}
    response = world.client.get("/users/1", headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == 'Bearer realm="users"'
    assert response.headers["content-type"] == PROBLEM_JSON
    assert response.json()["type"] == PROBLEM_TYPES + "unauthenticated"


def test_an_unknown_token_is_401_invalid_token(world) -> None:
    response = world.client.get("/users/1", headers={"authorization": "Bearer nope"})
    assert response.status_code == 401
    assert 'error="invalid_token"' in response.headers["www-authenticate"]


def test_the_scheme_is_case_insensitive(world) -> None:
    # RFC 9110 section 11.1: auth scheme names are case-insensitive.
    headers = {"authorization": f"bEaReR {world.tokens['max']}"}
    assert world.client.get(f"/users/{world.ids['max']}", headers=headers).is_success


def test_authentication_comes_before_validation_and_routing_details(world) -> None:
    # An anonymous caller learns nothing, not even that its input was bad.
    assert world.client.get("/users/0").status_code == 401
    assert world.client.post("/users", json={"bad": 1}).status_code == 401
    assert world.client.get("/users?limit=9999").status_code == 401


@pytest.mark.parametrize("method, path", [("POST", "/users"), ("PUT", "/users/4")])
def test_a_body_that_is_not_json_is_400_before_authentication(
    world, method, path
) -> None:
    # FastAPI parses the JSON body before it runs any dependency, so this one
    # refusal comes first. It says nothing about the API beyond "not JSON".
    response = world.client.request(
        method, path, content=b"{bad", headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json()["type"] == PROBLEM_TYPES + "malformed-json"
    assert "www-authenticate" not in response.headers
    listing = world.client.get("/users", headers=world.as_("admin")).json()
    assert [u["name"] for u in listing["items"]] == ["Ada", "Sam", "Max", "Nia"]


def test_a_deleted_users_token_stops_working(world) -> None:
    client = world.client
    gone = client.delete(f"/users/{world.ids['nia']}", headers=world.as_("admin"))
    assert gone.status_code == 204
    response = client.get(f"/users/{world.ids['nia']}", headers=world.as_("nia"))
    assert response.status_code == 401


# Object level (BOLA) ------------------------------------------------------


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(user_id=st.integers(1, 2**63 - 1))
def test_a_member_cannot_tell_others_from_nobody(world, user_id) -> None:
    if user_id == world.ids["max"]:
        return
    response = world.client.get(f"/users/{user_id}", headers=world.as_("max"))
    assert response.status_code == 404
    assert response.json()["detail"] == f"There is no user with id {user_id}."


@pytest.mark.parametrize("method", ["GET", "HEAD", "PUT", "PATCH", "DELETE"])
def test_hidden_and_missing_look_the_same_on_every_object_route(world, method) -> None:
    def call(user_id: int):
        body = {"name": "X", "email": "x@example.com"} if method == "PUT" else None
        if method == "PATCH":
            body = {"name": "X"}
        headers = world.as_("max", **(MERGE if method == "PATCH" else {}))
        return world.client.request(
            method, f"/users/{user_id}", json=body, headers=headers
        )

    hidden, missing = call(world.ids["nia"]), call(999)
    assert hidden.status_code == missing.status_code == 404
    strip = {"content-length", "date"}
    assert {k: v for k, v in hidden.headers.items() if k not in strip} == {
        k: v for k, v in missing.headers.items() if k not in strip
    }
    if method != "HEAD":
        assert hidden.json()["type"] == missing.json()["type"]
        assert hidden.json()["title"] == missing.json()["title"]


def test_a_stranger_cannot_change_or_delete_a_record(world) -> None:
    nia = f"/users/{world.ids['nia']}"
    client = world.client
    assert (
        client.patch(
            nia, json={"name": "Hacked"}, headers=world.as_("max", **MERGE)
        ).status_code
        == 404
    )
    body = {"name": "Hacked", "email": "h@example.com"}
    assert client.put(nia, json=body, headers=world.as_("max")).status_code == 404
    assert client.delete(nia, headers=world.as_("max")).status_code == 404
    assert client.get(nia, headers=world.as_("nia")).json()["name"] == "Nia"


def test_a_member_edits_itself(world) -> None:
    me = f"/users/{world.ids['max']}"
    response = world.client.patch(
        me, json={"name": "Maxine"}, headers=world.as_("max", **MERGE)
    )
    assert response.status_code == 200
    assert response.json() == {
        "id": world.ids["max"],
        "name": "Maxine",
        "email": "max@example.com",
        "role": "member",
    }


def test_support_reads_anyone_but_changes_only_itself(world) -> None:
    client = world.client
    nia, sam = f"/users/{world.ids['nia']}", f"/users/{world.ids['support']}"
    assert client.get(nia, headers=world.as_("support")).status_code == 200
    refused = client.patch(
        nia, json={"name": "X"}, headers=world.as_("support", **MERGE)
    )
    assert refused.status_code == 403
    assert refused.json()["type"] == PROBLEM_TYPES + "forbidden"
    # RFC 6750 section 3.1: a valid token without the rights for the request.
    assert refused.headers["www-authenticate"] == (
        'Bearer realm="users", error="insufficient_scope"'
    )
    assert (
        client.patch(
            sam, json={"name": "Sammy"}, headers=world.as_("support", **MERGE)
        ).status_code
        == 200
    )


# Property level (mass assignment) ------------------------------------------


@pytest.mark.parametrize("who", ["max", "support"])
def test_no_one_but_admin_sets_a_role_even_on_itself(world, who) -> None:
    me = f"/users/{world.ids[who]}"
    client = world.client
    patch = client.patch(
        me, json={"name": "New", "role": "admin"}, headers=world.as_(who, **MERGE)
    )
    assert patch.status_code == 403
    put = client.put(
        me,
        json={"name": "New", "email": "new@example.com", "role": "admin"},
        headers=world.as_(who),
    )
    assert put.status_code == 403
    after = client.get(me, headers=world.as_(who)).json()
    # Refused as a whole: the name and email in the same body were not written.
    assert after["role"] != "admin" and after["name"] != "New"
    assert after["email"] == f"{who}@example.com"


def test_even_restating_the_current_role_is_refused(world) -> None:
    me = f"/users/{world.ids['max']}"
    response = world.client.patch(
        me, json={"role": "member"}, headers=world.as_("max", **MERGE)
    )
    assert response.status_code == 403


def test_admin_sets_roles_by_patch_and_put(world) -> None:
    nia = f"/users/{world.ids['nia']}"
    client = world.client
    patched = client.patch(
        nia, json={"role": "support"}, headers=world.as_("admin", **MERGE)
    )
    assert patched.json()["role"] == "support"
    put = client.put(
        nia,
        json={"name": "Nia", "email": "nia@example.com"},
        headers=world.as_("admin"),
    )
    assert put.json()["role"] == "support"  # PUT without role keeps it
    # The new role takes effect on Nia's next request.
    assert client.get("/users", headers=world.as_("nia")).status_code == 200


@pytest.mark.parametrize("body", [{"role": None}, {"role": "root"}, {"id": 1}])
def test_bad_role_or_extra_fields_are_422(world, body) -> None:
    me = f"/users/{world.ids['admin']}"
    response = world.client.patch(me, json=body, headers=world.as_("admin", **MERGE))
    assert response.status_code == 422


# Function level -------------------------------------------------------------


@pytest.mark.parametrize("who", ["max", "support"])
def test_only_admin_creates(world, who) -> None:
    body = {"name": "New", "email": "new@example.com", "role": "admin"}
    assert (
        world.client.post("/users", json=body, headers=world.as_(who)).status_code
        == 403
    )
    created = world.client.post("/users", json=body, headers=world.as_("admin"))
    assert created.status_code == 201
    assert created.json()["role"] == "admin"
    assert created.headers["location"].endswith(f"/users/{created.json()['id']}")


def test_create_defaults_to_member_and_keeps_409(world) -> None:
    body = {"name": "New", "email": "new@example.com"}
    assert (
        world.client.post("/users", json=body, headers=world.as_("admin")).json()[
            "role"
        ]
        == "member"
    )
    again = world.client.post("/users", json=body, headers=world.as_("admin"))
    assert again.status_code == 409


def test_members_cannot_list_and_admins_page_through(world) -> None:
    client = world.client
    assert client.get("/users", headers=world.as_("max")).status_code == 403
    page = client.get("/users?limit=3", headers=world.as_("admin")).json()
    assert [u["name"] for u in page["items"]] == ["Ada", "Sam", "Max"]
    rest = client.get(page["next"], headers=world.as_("support")).json()
    assert [u["name"] for u in rest["items"]] == ["Nia"] and rest["next"] is None
    forged = client.get("/users?after=abc.def", headers=world.as_("admin"))
    assert forged.status_code == 400


def test_members_cannot_delete_even_themselves(world) -> None:
    me = f"/users/{world.ids['max']}"
    assert world.client.delete(me, headers=world.as_("max")).status_code == 403
    assert world.client.get(me, headers=world.as_("max")).status_code == 200


# Audit, OpenAPI, and the startup check ------------------------------------


def test_every_denial_is_audited_and_allowed_calls_are_not(world, caplog) -> None:
    caplog.set_level(logging.WARNING, logger="users.audit")
    world.client.get(f"/users/{world.ids['max']}", headers=world.as_("max"))
    assert caplog.records == []
    world.client.get(f"/users/{world.ids['nia']}", headers=world.as_("max"))
    world.client.get("/users", headers=world.as_("max"))
    messages = [record.getMessage() for record in caplog.records]
    max_, nia = world.ids["max"], world.ids["nia"]
    assert messages == [
        f"denied users:read user={max_} role=member target={nia} -> hide /users/{nia}",
        f"denied users:list user={max_} role=member target=None -> forbid /users",
    ]
    assert world.tokens["max"] not in caplog.text  # no credentials in the log


def test_a_missing_id_is_logged_per_caller_too(world, caplog) -> None:
    # An id walk hits gaps as well as other people's records: both leave a line.
    caplog.set_level(logging.WARNING, logger="users.audit")
    world.client.delete("/users/999", headers=world.as_("max"))
    assert [record.getMessage() for record in caplog.records] == [
        f"missing users:delete user={world.ids['max']} role=member target=999"
        " -> /users/999"
    ]


def test_openapi_documents_the_scheme_and_every_refusal(world) -> None:
    doc = world.client.get("/openapi.json").json()
    assert doc["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    for path, item in doc["paths"].items():
        for method, operation in item.items():
            assert operation["security"] == [{"HTTPBearer": []}], (method, path)
            for status in ("401", "403"):
                content = operation["responses"][status]["content"]
                assert list(content) == [PROBLEM_JSON], (method, path, status)
            assert "WWW-Authenticate" in operation["responses"]["401"]["headers"]
            if "{user_id}" in path:
                assert "404" in operation["responses"]


def test_every_route_names_its_action(world) -> None:
    actions = {
        (method, route.path): guarded_action(route)
        for route in world.app.routes
        if hasattr(route, "dependant")
        for method in route.methods
    }
    assert actions[("DELETE", "/users/{user_id}")] is Action.DELETE
    assert actions[("POST", "/users")] is Action.CREATE
    assert actions[("PATCH", "/users/{user_id}")] is Action.UPDATE
    assert None not in actions.values()


def test_a_route_without_a_guard_stops_the_app(world) -> None:
    @world.app.get("/users/{user_id}/export")
    def export(user_id: int) -> dict:
        return {"id": user_id}

    with pytest.raises(
        RuntimeError, match=re.escape("/users/{user_id}/export has no authorization")
    ):
        every_route_guarded(world.app)
    # Even before that check runs, the app-wide dependency keeps anonymous out.
    assert world.client.get("/users/1/export").status_code == 401


def test_create_app_refuses_to_start_with_an_unguarded_route(
    monkeypatch, connection
) -> None:
    class WithExport(FastAPI):
        """FastAPI, plus a route someone added without a guard."""

        def __init__(self, **options) -> None:
            super().__init__(**options)

            @self.get("/users/{user_id}/export")
            def export(user_id: int) -> dict:  # pragma: no cover - never called
                raise AssertionError

    monkeypatch.setattr(users_api, "FastAPI", WithExport)
    with pytest.raises(RuntimeError, match="export has no authorization"):
        create_app(connection)


async def _dump(request) -> JSONResponse:
    return JSONResponse({"everyone": "here"})


def test_a_plain_starlette_route_skips_authentication_so_it_stops_the_app(
    world,
) -> None:
    world.app.add_route("/users-export", _dump, methods=["GET"])
    # Why it is refused: no FastAPI dependency runs on it, authenticate included.
    assert world.client.get("/users-export").status_code == 200
    with pytest.raises(RuntimeError, match="GET,HEAD /users-export bypasses"):
        every_route_guarded(world.app)


def test_a_mounted_app_stops_the_app(world) -> None:
    admin = FastAPI()

    @admin.delete("/users/{user_id}")
    def purge(user_id: int) -> None:  # pragma: no cover - never called
        raise AssertionError

    world.app.mount("/admin", admin)
    with pytest.raises(RuntimeError, match=re.escape("* /admin bypasses")):
        every_route_guarded(world.app)


def test_only_fastapis_own_docs_routes_are_public(world) -> None:
    assert users_api.public_paths(world.app) == {
        "/openapi.json",
        "/docs",
        "/docs/oauth2-redirect",
        "/redoc",
    }
    assert world.client.get("/openapi.json").status_code == 200
    every_route_guarded(world.app)  # the real app passes
