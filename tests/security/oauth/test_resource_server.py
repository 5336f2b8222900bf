"""The API's token checks: every way a bearer token can be wrong, and key rotation."""

from __future__ import annotations

import base64
import json
import re
import secrets
import time

import jwt
import pytest

from examples.security.oauth import auth_server
from examples.security.oauth.demo_setup import SERVICE, running
from examples.security.oauth.registry import SigningKey
from examples.security.oauth.resource_server import challenge

ISSUER, API = auth_server.ISSUER, auth_server.API_AUDIENCE


def claims(**changes) -> dict:
    now = int(time.time())
    base = {
        "iss": ISSUER,
        "aud": API,
        "sub": "ada",
        "client_id": "notes-spa",
        "scope": "notes:read",
        "iat": now,
        "exp": now + 300,
        "jti": secrets.token_urlsafe(8),
    }
    base.update(changes)
    return {key: value for key, value in base.items() if value is not None}


def signed(setup, key=None, typ="at+jwt", **changes) -> str:
    key = key or setup.server.key
    headers = {"kid": key.kid, "typ": typ}
    return jwt.encode(claims(**changes), key.private_key, "RS256", headers=headers)


def call(setup, http, token: str, path="/notes", method="GET"):
    headers = {"Authorization": f"Bearer {token}"}
    return http.request(method, f"{setup.api_base}{path}", headers=headers)


def test_a_well_formed_token_is_accepted(setup, http) -> None:
    answer = call(setup, http, signed(setup))
    assert answer.status_code == 200
    assert answer.json()["owner"] == "ada"


@pytest.mark.parametrize(
    "changes",
    [
        {"aud": "https://billing.example.com"},
        {"iss": "https://evil.example"},
        {"exp": int(time.time()) - 3600},
        {"exp": None},
        {"jti": None},
        {"scope": None},
        {"typ": "JWT"},
    ],
)
def test_a_token_with_a_bad_claim_is_401_invalid_token(setup, http, changes) -> None:
    answer = call(setup, http, signed(setup, **changes))
    assert answer.status_code == 401
    assert 'error="invalid_token"' in answer.headers["www-authenticate"]


def test_both_spellings_of_the_access_token_type_are_accepted(setup, http) -> None:
    for typ in ["at+jwt", "application/at+jwt"]:
        assert call(setup, http, signed(setup, typ=typ)).status_code == 200


def test_a_token_from_an_unknown_key_is_refused(setup, http) -> None:
    stranger = SigningKey.generate("stranger")
    answer = call(setup, http, signed(setup, key=stranger))
    assert answer.status_code == 401


def test_a_token_signed_by_an_impostor_under_the_real_kid_is_refused(
    setup, http
) -> None:
    impostor = SigningKey.generate(setup.server.key.kid)
    assert call(setup, http, signed(setup, key=impostor)).status_code == 401


@pytest.mark.parametrize("value", ["Bearer", "Basic abc", "bearer", "Token x"])
def test_no_bearer_token_is_401_without_an_error_code(setup, http, value) -> None:
    answer = http.get(f"{setup.api_base}/notes", headers={"Authorization": value})
    assert answer.status_code == 401
    assert answer.headers["www-authenticate"] == 'Bearer realm="notes"'


def b64(document: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(document).encode()).rstrip(b"=").decode()


def unsigned(header: dict) -> str:
    return f"{b64(header)}.{b64({'sub': 'x'})}.c2ln"


@pytest.mark.parametrize(
    "garbage",
    [
        "x",
        "a.b.c",
        "...",
        "e30.e30.e30",
        unsigned({"alg": "RS256", "typ": ["at+jwt"], "kid": "k"}),  # unhashable
        unsigned({"alg": "RS256", "typ": {"a": 1}, "kid": "k"}),
    ],
)
def test_garbage_is_401_not_500(setup, http, garbage) -> None:
    assert call(setup, http, garbage).status_code == 401


# RFC 6750 section 3: what an error_description may contain.
DESCRIPTION = re.compile(r'error_description="([\x20-\x21\x23-\x5B\x5D-\x7E]*)"')


@pytest.mark.parametrize("kid", ["\u2603", "é", "x\r\nSet-Cookie: a=b", 'a"b\\c'])
def test_the_challenge_never_repeats_the_tokens_kid(setup, http, kid) -> None:
    token = unsigned({"alg": "RS256", "typ": "at+jwt", "kid": kid})
    answer = call(setup, http, token)
    assert answer.status_code == 401
    assert answer.headers["www-authenticate"] == challenge(
        "invalid_token", "unknown key"
    )
    assert "set-cookie" not in answer.headers
    # The keep-alive connection survives for the next request.
    assert call(setup, http, signed(setup)).status_code == 200


@pytest.mark.parametrize(
    "changes, description",
    [
        ({"exp": int(time.time()) - 3600}, "expired"),
        ({"aud": "https://billing.example.com"}, "wrong audience"),
        ({"iss": "https://evil.example"}, "wrong issuer"),
        ({"jti": None}, "missing claim"),
        ({"typ": "JWT"}, "not an access token"),
        ({"scope": ["notes:read"]}, "bad claims"),
        ({"client_id": None}, "bad claims"),
    ],
)
def test_each_failure_has_a_fixed_description(
    setup, http, changes, description
) -> None:
    header = call(setup, http, signed(setup, **changes)).headers["www-authenticate"]
    assert DESCRIPTION.search(header).group(1) == description


def test_a_bad_signature_and_an_unknown_key_are_told_apart(setup, http) -> None:
    impostor = call(
        setup, http, signed(setup, key=SigningKey.generate(setup.server.key.kid))
    )
    assert 'error_description="bad signature"' in impostor.headers["www-authenticate"]
    stranger = call(setup, http, signed(setup, key=SigningKey.generate("stranger")))
    assert 'error_description="unknown key"' in stranger.headers["www-authenticate"]


def test_a_missing_scope_is_403_insufficient_scope(setup, http) -> None:
    answer = call(setup, http, signed(setup), method="POST")
    assert answer.status_code == 403
    assert answer.headers["www-authenticate"] == challenge(
        "insufficient_scope", scope="notes:write"
    )
    assert (
        call(
            setup, http, signed(setup, scope="notes:read notes:write"), method="POST"
        ).status_code
        == 201
    )


def test_a_scope_is_a_whole_word_not_a_prefix(setup, http) -> None:
    answer = call(setup, http, signed(setup, scope="notes:reader"))
    assert answer.status_code == 403


def test_the_jwks_holds_public_keys_only(setup, http) -> None:
    keys = http.get(f"{setup.auth_base}/jwks").json()["keys"]
    assert [key["kid"] for key in keys] == [setup.server.key.kid]
    assert all("d" not in key and "p" not in key for key in keys)


def test_a_rotation_reaches_the_api_through_the_jwks(http) -> None:
    # Its own servers, since this changes the signing key; no refetch cooldown.
    with running(jwks_cooldown=0) as setup:
        old_key = setup.server.key
        old_token = signed(setup)
        assert call(setup, http, old_token).status_code == 200
        new_key = SigningKey.generate("key-2026-02")
        with pytest.raises(ValueError, match="publish"):
            setup.server.sign_with(new_key)
        setup.server.publish(new_key)
        setup.server.sign_with(new_key)
        # A new kid makes the API fetch the JWKS again; the old token still works.
        assert call(setup, http, signed(setup)).status_code == 200
        assert call(setup, http, old_token).status_code == 200
        with pytest.raises(ValueError):
            setup.server.retire(new_key)
        setup.server.retire(old_key)
        stale = signed(setup, key=old_key)  # as if the old key had leaked
        # The API still trusts its cached copy of the set until it refetches.
        assert call(setup, http, stale).status_code == 200
        setup.verifier.refresh_keys()
        assert call(setup, http, stale).status_code == 401


def test_service_tokens_come_from_the_same_checks(setup, http) -> None:
    token = signed(setup, sub=SERVICE, client_id=SERVICE, scope="reports:read")
    assert call(setup, http, token, path="/reports").json()["caller"] == SERVICE
