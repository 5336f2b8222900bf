"""The SPA's login over loopback: state, nonce and the ID token checks, attacked."""

from __future__ import annotations

import base64
import json
import time

import jwt
import pytest

from examples.security.oauth import auth_server
from examples.security.oauth.by_hand import authorize, query_of
from examples.security.oauth.demo_setup import SPA, SPA_CALLBACK
from examples.security.oauth.login_client import MAX_ID_TOKEN_AGE, LoginRefused
from examples.security.oauth.registry import SigningKey


@pytest.fixture
def client(setup):
    login_client = setup.login_client()
    yield login_client
    login_client.close()


def callback_for(setup, client, session: dict, user: str = "ada", scope="openid"):
    url = client.start(session, scope=scope)
    with setup.browser(user) as browser:
        return browser.get(url).headers["location"]


def test_a_login_returns_the_user_and_a_verified_id_token(setup, client) -> None:
    session: dict = {}
    callback = callback_for(setup, client, session, scope="openid profile email")
    login = client.finish(session, callback)
    assert login.user_id == "ada"
    claims = login.id_claims
    assert claims["iss"] == auth_server.ISSUER
    assert claims["aud"] == ["notes-spa"]
    assert (claims["name"], claims["email"]) == ("Ada Lovelace", "ada@example.com")
    assert jwt.get_unverified_header(login.id_token)["kid"] == setup.server.key.kid
    assert "pending_login" not in session  # spent


def test_the_id_token_carries_only_what_the_scope_allows(setup, client) -> None:
    session: dict = {}
    login = client.finish(session, callback_for(setup, client, session))
    assert "name" not in login.id_claims and "email" not in login.id_claims


def test_each_login_gets_fresh_state_nonce_and_verifier(client) -> None:
    first, second = {}, {}
    client.start(first, scope="openid")
    client.start(second, scope="openid")
    a, b = first["pending_login"], second["pending_login"]
    assert a.state != b.state and a.nonce != b.nonce
    assert a.code_verifier != b.code_verifier
    assert 43 <= len(a.code_verifier) <= 128


def test_login_csrf_an_attackers_callback_is_refused(setup, client) -> None:
    trap = callback_for(setup, client, {}, user="mallory")
    victim: dict = {}
    client.start(victim, scope="openid")
    with pytest.raises(LoginRefused, match="state does not match"):
        client.finish(victim, trap)


def test_a_callback_with_no_login_in_progress_is_refused(setup, client) -> None:
    trap = callback_for(setup, client, {}, user="mallory")
    with pytest.raises(LoginRefused, match="state does not match"):
        client.finish({}, trap)


def test_pkce_alone_also_stops_the_injected_code(setup, client) -> None:
    trap = callback_for(setup, client, {}, user="mallory")
    victim: dict = {}
    client.start(victim, scope="openid")
    verifier = victim["pending_login"].code_verifier
    with pytest.raises(LoginRefused, match="invalid_grant"):
        client.redeem(query_of(trap)["code"], verifier)


def test_a_callback_is_accepted_once(setup, client) -> None:
    session: dict = {}
    callback = callback_for(setup, client, session)
    client.finish(session, callback)
    with pytest.raises(LoginRefused, match="state"):
        client.finish(session, callback)


@pytest.mark.parametrize("state", ["", "x", None])
def test_a_missing_or_wrong_state_is_refused(setup, client, state) -> None:
    session: dict = {}
    callback = callback_for(setup, client, session)
    params = query_of(callback)
    if state is None:
        del params["state"]
    else:
        params["state"] = state
    forged = "https://notes.example.com/callback?" + "&".join(
        f"{key}={value}" for key, value in params.items()
    )
    with pytest.raises(LoginRefused, match="state"):
        client.finish(session, forged)


def test_an_error_from_the_server_is_not_a_login(setup, client) -> None:
    session: dict = {}
    url = client.start(session, scope="openid admin")  # an unknown scope
    with setup.browser("ada") as browser:
        callback = browser.get(url).headers["location"]
    with pytest.raises(LoginRefused, match="invalid_scope"):
        client.finish(session, callback)


def test_without_openid_there_is_no_id_token_and_no_login(setup, client) -> None:
    session: dict = {}
    callback = callback_for(setup, client, session, scope="notes:read")
    with pytest.raises(LoginRefused, match="no ID token"):
        client.finish(session, callback)


def test_an_id_token_replayed_into_another_login_is_refused(setup, client) -> None:
    session: dict = {}
    old = client.finish(session, callback_for(setup, client, session))
    client.start(session, scope="openid")
    with pytest.raises(LoginRefused, match="nonce"):
        client.verify_id_token(old.id_token, session["pending_login"].nonce)


def test_the_server_requires_a_nonce_with_openid(setup) -> None:
    answer = authorize(setup, scope="openid")  # no nonce parameter
    assert query_of(answer.headers["location"])["error"] == "invalid_request"


def test_the_server_refuses_a_nonce_it_has_seen(setup) -> None:
    first = authorize(setup, scope="openid", nonce="n-reused-123")
    assert "code" in query_of(first.headers["location"])
    again = authorize(setup, scope="openid", nonce="n-reused-123")
    assert query_of(again.headers["location"])["error"] == "invalid_request"


def test_an_id_token_for_another_client_is_refused(setup, client) -> None:
    session: dict = {}
    login = client.finish(session, callback_for(setup, client, session))
    other = setup.login_client()
    other.client_id = "another-client"
    with pytest.raises(LoginRefused, match="Audience"):
        other.verify_id_token(login.id_token, login.id_claims["nonce"])
    other.close()


def b64(document: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(document).encode()).rstrip(b"=").decode()


def test_a_forged_or_unsigned_id_token_is_refused(setup, client) -> None:
    session: dict = {}
    login = client.finish(session, callback_for(setup, client, session))
    header, _, signature = login.id_token.split(".")
    forged_claims = {**login.id_claims, "sub": "mallory"}
    tampered = f"{header}.{b64(forged_claims)}.{signature}"
    with pytest.raises(LoginRefused, match="Signature"):
        client.verify_id_token(tampered, login.id_claims["nonce"])
    kid = setup.server.key.kid
    unsigned = f"{b64({'alg': 'none', 'kid': kid})}.{b64(forged_claims)}."
    with pytest.raises(LoginRefused):
        client.verify_id_token(unsigned, login.id_claims["nonce"])
    # Signed by a key the server never published, under the published kid.
    impostor = SigningKey.generate(kid)
    signed = jwt.encode(forged_claims, impostor.private_key, "RS256", {"kid": kid})
    with pytest.raises(LoginRefused, match="Signature"):
        client.verify_id_token(signed, login.id_claims["nonce"])


def id_token_for(setup, nonce: str, typ: str | None = None, **changes) -> str:
    """An ID token signed with the server's real key, claims changed at will."""
    now = int(time.time())
    claims = {
        "iss": auth_server.ISSUER,
        "sub": "ada",
        "aud": SPA,
        "exp": now + 300,
        "iat": now,
        "nonce": nonce,
        **changes,
    }
    key = setup.server.key
    headers = {"kid": key.kid} | ({"typ": typ} if typ else {})
    return jwt.encode(claims, key.private_key, "RS256", headers=headers)


@pytest.mark.parametrize(
    "changes",
    [
        {"aud": [SPA, "evil-client"], "azp": "evil-client"},
        {"aud": [SPA, "evil-client"]},  # an audience this client does not trust
        {"aud": SPA, "azp": "evil-client"},
    ],
)
def test_an_id_token_shared_with_another_client_is_refused(
    setup, client, changes
) -> None:
    token = id_token_for(setup, "n", **changes)
    with pytest.raises(LoginRefused, match="another client"):
        client.verify_id_token(token, "n")


def test_an_old_id_token_is_refused_though_exp_is_far(setup, client) -> None:
    now = int(time.time())
    token = id_token_for(setup, "n", iat=now - 10_000_000, exp=now + 10**8)
    with pytest.raises(LoginRefused, match="too old"):
        client.verify_id_token(token, "n")
    fresh = id_token_for(setup, "n", iat=now - MAX_ID_TOKEN_AGE + 5)
    assert client.verify_id_token(fresh, "n")["sub"] == "ada"


def test_an_access_token_is_not_an_id_token(setup, client) -> None:
    token = id_token_for(setup, "n", typ="at+jwt", scope="notes:read", jti="j")
    with pytest.raises(LoginRefused, match="not an ID token"):
        client.verify_id_token(token, "n")


@pytest.mark.parametrize("query", ["code=x&state=%C3%A9", "code=x&state=%E2%98%83"])
def test_a_non_ascii_state_is_refused_not_a_crash(client, query) -> None:
    session: dict = {}
    client.start(session, scope="openid")
    with pytest.raises(LoginRefused, match="state"):
        client.finish(session, f"{SPA_CALLBACK}?{query}")


@pytest.mark.parametrize(
    "query",
    [
        "code=x&state=bad&state={state}",  # the right state last
        "code=a&code=b&state={state}",
        "error=a&error=b&state={state}",
    ],
)
def test_a_repeated_callback_parameter_is_refused(client, query) -> None:
    session: dict = {}
    client.start(session, scope="openid")
    query = query.format(state=session["pending_login"].state)
    with pytest.raises(LoginRefused, match="repeated"):
        client.finish(session, f"{SPA_CALLBACK}?{query}")
