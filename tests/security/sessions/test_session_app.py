"""The cookie session app under attack: fixation, CSRF, stolen cookies."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from examples.machine_coding.clock import ManualClock
from examples.security.sessions.session_app import COOKIE, create_app
from examples.security.sessions.session_store import SessionStore, connect

USERS = {("ada@example.com", "ada-pass"): 1, ("eve@example.com", "eve-pass"): 2}
ADA = {"email": "ada@example.com", "password": "ada-pass"}
EVE = {"email": "eve@example.com", "password": "eve-pass"}
PAYMENT = {"to": "eve", "cents": 500}


@pytest.fixture
def store() -> Iterator[SessionStore]:
    conn = connect()
    yield SessionStore(conn, ManualClock())
    conn.close()


@pytest.fixture
def app(store):
    return create_app(store, lambda email, password: USERS.get((email, password)))


def browser(app) -> TestClient:
    return TestClient(app, base_url="https://testserver")


def login(client: TestClient, who=ADA) -> dict[str, str]:
    response = client.post("/login", json=who)
    assert response.status_code == 200
    return {"X-CSRF-Token": response.json()["csrf_token"]}


def test_the_cookie_has_every_protective_attribute(app) -> None:
    with browser(app) as client:
        header = client.post("/login", json=ADA).headers["set-cookie"]
    name, _, attributes = header.partition("; ")
    assert name.startswith(f"{COOKIE}=")
    parts = {part.lower() for part in attributes.split("; ")}
    assert parts == {"httponly", "path=/", "samesite=lax", "secure"}  # no Domain


def test_wrong_password_sets_no_cookie(app) -> None:
    with browser(app) as client:
        response = client.post("/login", json={**ADA, "password": "nope"})
    assert response.status_code == 401
    assert "set-cookie" not in response.headers
    assert response.headers["www-authenticate"] == 'Session realm="sessions", login="/login"'


def test_no_cookie_or_a_made_up_one_is_401(app) -> None:
    with browser(app) as client:
        response = client.get("/me")
        assert response.status_code == 401
        # RFC 9110 section 15.5.2: a 401 always names a way to authenticate
        assert response.headers["www-authenticate"].startswith('Session realm="sessions"')
    with TestClient(
        app, base_url="https://testserver", cookies={COOKIE: "guess"}
    ) as client:
        assert client.get("/me").status_code == 401


def test_login_replaces_a_planted_session_id(app) -> None:
    with browser(app) as attacker, browser(app) as victim:
        login(attacker, EVE)
        planted = attacker.cookies[COOKIE]
        victim.post("/login", json=ADA, headers={"cookie": f"{COOKIE}={planted}"})
        assert victim.cookies[COOKIE] != planted
        assert victim.get("/me").json() == {"user_id": 1}
        assert attacker.get("/me").status_code == 401  # the planted id is gone


@pytest.mark.parametrize("token", [None, "", "x", "A" * 43])
def test_an_unsafe_request_without_the_right_token_is_refused(app, token) -> None:
    with browser(app) as client:
        login(client)
        headers = {} if token is None else {"X-CSRF-Token": token}
        response = client.post("/transfer", json=PAYMENT, headers=headers)
    assert response.status_code == 403
    assert response.json()["detail"] == "Missing or wrong CSRF token."


def test_another_sessions_token_does_not_work(app) -> None:
    with browser(app) as ada, browser(app) as eve:
        login(ada)
        eves_token = login(eve, EVE)
        assert (
            ada.post("/transfer", json=PAYMENT, headers=eves_token).status_code == 403
        )


def test_the_right_token_works_and_safe_methods_need_none(app) -> None:
    with browser(app) as client:
        csrf = login(client)
        assert client.get("/me").status_code == 200
        response = client.post("/transfer", json=PAYMENT, headers=csrf)
    assert response.json() == {"from": 1, "to": "eve", "cents": 500}


def test_a_forged_logout_is_refused_too(app) -> None:
    with browser(app) as client:
        login(client)
        assert client.post("/logout").status_code == 403
        assert client.get("/me").status_code == 200


def test_logout_kills_the_session_on_the_server(app) -> None:
    with browser(app) as client:
        csrf = login(client)
        copied = client.cookies[COOKIE]
        response = client.post("/logout", headers=csrf)
        assert response.status_code == 204
        assert f'{COOKIE}=""' in response.headers["set-cookie"]
        assert "max-age=0" in response.headers["set-cookie"].lower()
    with TestClient(
        app, base_url="https://testserver", cookies={COOKIE: copied}
    ) as thief:
        assert thief.get("/me").status_code == 401


def test_bad_login_bodies_are_refused_before_authenticating(store) -> None:
    calls = []
    app = create_app(store, lambda email, password: calls.append(email))
    with browser(app) as client:
        assert (
            client.post("/login", json={"email": "ada@example.com"}).status_code == 422
        )
        assert client.post("/login", json={**ADA, "admin": True}).status_code == 422
    assert calls == []


@pytest.mark.parametrize(
    "token", ["é".encode("latin-1"), b"\xff" * 43, "ü".encode() * 20]
)
def test_a_non_ascii_csrf_token_is_a_403_not_a_crash(app, token: bytes) -> None:
    with TestClient(
        app, base_url="https://testserver", raise_server_exceptions=False
    ) as client:
        login(client)
        for path, body in [("/transfer", PAYMENT), ("/logout", None)]:
            response = client.post(path, json=body, headers={"X-CSRF-Token": token})
            assert response.status_code == 403, path
        assert client.get("/me").status_code == 200  # still logged in
