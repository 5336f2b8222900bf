"""Authorization code + PKCE over loopback: the happy path and every refused variant."""

from __future__ import annotations

import contextlib
import threading
from urllib.parse import urlencode

import pytest
from authlib.oauth2.rfc6750 import BearerTokenGenerator
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from examples.security.oauth import auth_server
from examples.security.oauth.by_hand import (
    VERIFIER,
    authorize,
    new_code,
    query_of,
    redeem,
)
from examples.security.oauth.demo_setup import SPA, SPA_CALLBACK, running
from examples.security.oauth.registry import (
    CODE_TTL_SECONDS,
    IssuedCode,
    Registry,
    SigningKey,
)


def error_of(response) -> str:
    return response.json().get("error", "")


def test_a_code_with_the_right_verifier_buys_a_bearer_token(setup, http) -> None:
    answer = authorize(setup, state="xyz")
    assert answer.status_code == 302
    callback = query_of(answer.headers["location"])
    assert callback["state"] == "xyz"  # echoed exactly, for the client to check
    token = redeem(setup, http, callback["code"])
    assert token.status_code == 200
    body = token.json()
    assert body["token_type"] == "Bearer"  # noqa: S105 (a scheme name)
    assert body["scope"] == "notes:read"
    assert body["expires_in"] == 300
    assert "refresh_token" not in body and "id_token" not in body  # no openid scope
    assert token.headers["cache-control"] == "no-store"  # RFC 6749 section 5.1


def test_without_a_session_at_the_server_there_is_no_code(setup, http) -> None:
    answer = http.get(f"{setup.auth_base}/authorize", params={"client_id": SPA})
    assert answer.status_code == 401
    assert "location" not in answer.headers
    assert answer.headers["www-authenticate"] == 'Session realm="authorization-server"'


def test_a_missing_verifier_is_refused(setup, http) -> None:
    answer = redeem(setup, http, new_code(setup), code_verifier=None)
    assert (answer.status_code, error_of(answer)) == (400, "invalid_request")


@pytest.mark.parametrize("verifier", ["b" * 43, "a" * 44, VERIFIER.upper()])
def test_a_wrong_verifier_is_refused(setup, http, verifier) -> None:
    answer = redeem(setup, http, new_code(setup), code_verifier=verifier)
    assert (answer.status_code, error_of(answer)) == (400, "invalid_grant")


@pytest.mark.parametrize("verifier", ["short", "a" * 129, "a" * 42 + "!"])
def test_a_malformed_verifier_is_refused(setup, http, verifier) -> None:
    answer = redeem(setup, http, new_code(setup), code_verifier=verifier)
    assert (answer.status_code, error_of(answer)) == (400, "invalid_request")


@settings(max_examples=15, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-._~", min_size=43))
def test_any_verifier_but_the_one_hashed_is_refused(setup, http, guess) -> None:
    # Well-formed guesses only; the right one is the first test in this file.
    guess = guess[:128]
    assume(guess != VERIFIER)
    answer = redeem(setup, http, new_code(setup), code_verifier=guess)
    assert (answer.status_code, error_of(answer)) == (400, "invalid_grant")


def test_plain_and_absent_methods_and_absent_challenges_are_refused(setup) -> None:
    must_be_s256 = "code_challenge_method must be S256."
    required = "PKCE is required: send a code_challenge."
    for changes, description in [
        ({"code_challenge": VERIFIER, "code_challenge_method": "plain"}, must_be_s256),
        ({"code_challenge_method": None}, must_be_s256),  # absent = plain (7636 4.3)
        ({"code_challenge": None, "code_challenge_method": None}, required),
        ({"code_challenge": None}, required),
    ]:
        answer = authorize(setup, **changes)
        assert answer.status_code == 302  # the redirect URI is known: tell the client
        callback = query_of(answer.headers["location"])
        assert callback["error"] == "invalid_request", changes
        assert callback["error_description"] == description, changes
        assert "code" not in callback
        assert callback["state"] == "state-1"


def test_a_second_challenge_parameter_is_refused(setup) -> None:
    challenge = create_s256_code_challenge(VERIFIER)
    with setup.browser("ada") as browser:
        answer = browser.get(
            f"{setup.auth_base}/authorize",
            params=[
                ("response_type", "code"),
                ("client_id", SPA),
                ("redirect_uri", SPA_CALLBACK),
                ("scope", "notes:read"),
                ("code_challenge", challenge),
                ("code_challenge", create_s256_code_challenge("c" * 43)),
                ("code_challenge_method", "S256"),
            ],
        )
    callback = query_of(answer.headers["location"])
    assert callback["error"] == "invalid_request"
    assert "code" not in callback


def test_a_code_is_single_use_and_reuse_revokes_its_token(setup, http) -> None:
    code = new_code(setup)
    first = redeem(setup, http, code)
    assert first.status_code == 200
    bearer = {"Authorization": f"Bearer {first.json()['access_token']}"}
    assert http.get(f"{setup.api_base}/notes", headers=bearer).status_code == 200
    second = redeem(setup, http, code)
    assert (second.status_code, error_of(second)) == (400, "invalid_grant")
    after = http.get(f"{setup.api_base}/notes", headers=bearer)
    assert after.status_code == 401
    assert 'error_description="revoked"' in after.headers["www-authenticate"]


def test_a_failed_verifier_spends_the_code(setup, http) -> None:
    code = new_code(setup)
    assert redeem(setup, http, code, code_verifier="b" * 43).status_code == 400
    assert error_of(redeem(setup, http, code)) == "invalid_grant"


def test_a_made_up_code_is_refused(setup, http) -> None:
    answer = redeem(setup, http, "not-a-code")
    assert (answer.status_code, error_of(answer)) == (400, "invalid_grant")


@pytest.mark.parametrize(
    "uri",
    [
        "https://evil.example/callback",
        "https://notes.example.com/callback/",
        "https://notes.example.com/callback?next=x",
        "https://notes.example.com/callback/../admin",
        "http://notes.example.com/callback",
        "https://NOTES.example.com/callback",
        "https://notes.example.com.evil.example/callback",
    ],
)
def test_only_the_exact_registered_redirect_uri_gets_a_code(setup, uri) -> None:
    answer = authorize(setup, redirect_uri=uri)
    assert answer.status_code == 400
    assert "location" not in answer.headers  # never sent to an unregistered URI
    assert answer.json()["error"] == "invalid_request"


def test_a_missing_redirect_uri_is_refused(setup) -> None:
    answer = authorize(setup, redirect_uri=None)
    assert answer.status_code == 400
    assert "location" not in answer.headers


def test_the_token_request_must_repeat_the_same_redirect_uri(setup, http) -> None:
    for uri in [SPA_CALLBACK + "/", "https://evil.example/callback"]:
        answer = redeem(setup, http, new_code(setup), redirect_uri=uri)
        assert (answer.status_code, error_of(answer)) == (400, "invalid_grant")


def test_another_client_cannot_redeem_the_code(setup, http) -> None:
    setup.server.registry.register_public_client("other-spa", [SPA_CALLBACK])
    answer = redeem(setup, http, new_code(setup), client_id="other-spa")
    assert (answer.status_code, error_of(answer)) == (400, "invalid_grant")


def test_an_unknown_client_gets_no_redirect(setup) -> None:
    answer = authorize(setup, client_id="nobody")
    assert answer.status_code == 400
    assert "location" not in answer.headers


def test_the_implicit_grant_is_not_offered(setup) -> None:
    answer = authorize(setup, response_type="token")
    assert "access_token" not in answer.headers.get("location", "")
    assert query_of(answer.headers["location"])["error"] == "unsupported_response_type"


def test_the_password_grant_is_not_offered(setup, http) -> None:
    answer = http.post(
        f"{setup.auth_base}/token",
        data={"grant_type": "password", "username": "ada", "password": "x"},
    )
    assert (answer.status_code, error_of(answer)) == (400, "unsupported_grant_type")


def test_scopes_the_client_was_not_registered_for_are_dropped(setup, http) -> None:
    code = new_code(setup, scope="notes:read reports:read")
    assert redeem(setup, http, code).json()["scope"] == "notes:read"


def test_unknown_scopes_are_refused(setup) -> None:
    answer = authorize(setup, scope="notes:read admin")
    assert query_of(answer.headers["location"])["error"] == "invalid_scope"


# The registry alone, on a manual clock.


def issued(now: float) -> IssuedCode:
    return IssuedCode(
        client_id=SPA,
        user_id="ada",
        redirect_uri=SPA_CALLBACK,
        scope="notes:read",
        code_challenge=create_s256_code_challenge(VERIFIER),
        code_challenge_method="S256",
        nonce=None,
        auth_time=int(now),
        expires_at=now + CODE_TTL_SECONDS,
    )


def test_a_code_expires() -> None:
    clock = [1000.0]
    registry = Registry(now=lambda: clock[0])
    registry.save_code("c1", issued(clock[0]))
    registry.save_code("c2", issued(clock[0]))
    clock[0] += CODE_TTL_SECONDS - 1
    assert registry.redeem_code("c1", SPA) is not None
    clock[0] += 1
    assert registry.redeem_code("c2", SPA) is None


def test_codes_are_stored_as_digests() -> None:
    registry = Registry(now=lambda: 0.0)
    registry.save_code("the-code", issued(0.0))
    assert "the-code" not in registry._codes


class PausingCode(IssuedCode):
    """Holds each reader of `redeemed` at a barrier, so that two check-then-spend
    sequences overlap if nothing serializes them."""

    barrier = threading.Barrier(2)

    def __getattribute__(self, name: str):
        value = super().__getattribute__(name)  # read first, then wait
        if name == "redeemed":
            # With the lock, the other racer never arrives: the wait times out.
            with contextlib.suppress(threading.BrokenBarrierError):
                type(self).barrier.wait(timeout=0.5)
        return value


def test_two_racing_redemptions_of_one_code_get_one_token() -> None:
    registry = Registry(now=lambda: 0.0)
    record = issued(0.0)
    registry.save_code("c", PausingCode(**vars(record)))
    winners = []

    def race() -> None:
        if registry.redeem_code("c", SPA) is not None:
            winners.append(1)

    threads = [threading.Thread(target=race) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(winners) == 1


def test_a_reuse_between_spend_and_record_still_revokes_the_token() -> None:
    # An order the lock allows: the first redemption spends the code, and the
    # second arrives before the first has recorded its token's jti.
    registry = Registry(now=lambda: 0.0)
    registry.save_code("c", issued(0.0))
    record = registry.redeem_code("c", SPA)
    assert registry.redeem_code("c", SPA) is None
    registry.record_token(record, "jti-1")
    assert registry.is_revoked("jti-1")


def test_a_key_switch_during_a_token_request_does_not_break_it(http) -> None:
    with running() as own:  # its own servers: this changes the signing key
        server = own.server
        sign = server.sign_access_token

        def sign_then_switch(**kwargs):
            token = sign(**kwargs)
            new_key = SigningKey.generate("key-next")
            server.publish(new_key)
            server.sign_with(new_key)
            return token

        server.register_token_generator(
            "default",
            BearerTokenGenerator(
                sign_then_switch, expires_generator=lambda client, grant_type: 300
            ),
        )
        assert redeem(own, http, new_code(own)).status_code == 200


# The token endpoint's form: RFC 6749 sections 3.2 and 5.2.

FORM = {"content-type": "application/x-www-form-urlencoded"}


def post_form(setup, http, body, headers=FORM):
    return http.post(f"{setup.auth_base}/token", content=body, headers=headers)


def code_form(code: str) -> list[tuple[str, str]]:
    return [
        ("grant_type", "authorization_code"),
        ("client_id", SPA),
        ("redirect_uri", SPA_CALLBACK),
        ("code", code),
        ("code_verifier", VERIFIER),
    ]


@pytest.mark.parametrize(
    "extra", [("code", "bogus"), ("code_verifier", "w" * 43), ("scope", "notes:read")]
)
def test_a_repeated_parameter_is_invalid_request(setup, http, extra) -> None:
    form = code_form(new_code(setup))
    if extra[0] == "scope":
        form.append(extra)  # scope twice, the second one real
    body = urlencode([extra, *form]).encode()  # the bogus one first
    answer = post_form(setup, http, body)
    assert (answer.status_code, error_of(answer)) == (400, "invalid_request")
    assert answer.json()["error_description"] == "A parameter is repeated."


@pytest.mark.parametrize(
    "body", [b"grant_type=\xff\xfe", b"grant_type=%FF%FE", "grant_type=é".encode()]
)
def test_a_body_not_ascii_or_not_utf8_is_invalid_request(setup, http, body) -> None:
    answer = post_form(setup, http, body)
    assert (answer.status_code, error_of(answer)) == (400, "invalid_request")


def test_too_many_fields_are_invalid_request(setup, http) -> None:
    body = "&".join(f"k{i}=v" for i in range(auth_server.MAX_FORM_FIELDS + 1))
    answer = post_form(setup, http, body.encode())
    assert (answer.status_code, error_of(answer)) == (400, "invalid_request")


def test_a_body_over_the_cap_is_413_with_or_without_a_length(setup, http) -> None:
    big = b"grant_type=client_credentials&x=" + b"a" * auth_server.MAX_FORM_BYTES
    assert post_form(setup, http, big).status_code == 413
    chunked = post_form(setup, http, iter([big[:100], big[100:]]))  # no length
    assert chunked.status_code == 413


def test_the_media_type_is_case_insensitive(setup, http) -> None:
    body = urlencode(code_form(new_code(setup))).encode()
    headers = {"content-type": "Application/X-WWW-Form-Urlencoded; charset=UTF-8"}
    assert post_form(setup, http, body, headers).status_code == 200
