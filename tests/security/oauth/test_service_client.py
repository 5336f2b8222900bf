"""Client credentials over loopback: per-client scopes, client auth, the token cache."""

from __future__ import annotations

import base64
import threading

import jwt
import pytest
from authlib.integrations.base_client import OAuthError

from examples.machine_coding.clock import ManualClock
from examples.security.oauth import auth_server
from examples.security.oauth.demo_setup import SERVICE, SPA
from examples.security.oauth.service_client import ServiceTokens


def tokens_for(setup, scope="reports:read", secret=None, **options) -> ServiceTokens:
    url = f"{setup.auth_base}/token"
    return ServiceTokens(url, SERVICE, secret or setup.service_secret, scope, **options)


def test_the_token_names_the_service_and_only_the_scope_asked(setup) -> None:
    tokens = tokens_for(setup)
    claims = jwt.decode(tokens.access_token(), options={"verify_signature": False})
    tokens.close()
    assert claims["sub"] == claims["client_id"] == SERVICE
    assert claims["scope"] == "reports:read"


@pytest.mark.parametrize(
    "scope", ["notes:write", "reports:read notes:read", "openid", "admin", ""]
)
def test_scopes_beyond_the_registration_are_invalid_scope(setup, scope) -> None:
    tokens = tokens_for(setup, scope=scope)
    with pytest.raises(OAuthError) as refused:
        tokens.access_token()
    tokens.close()
    assert refused.value.error == "invalid_scope"


def test_a_wrong_secret_is_invalid_client(setup) -> None:
    tokens = tokens_for(setup, secret="wrong")  # noqa: S106 (a wrong one, on purpose)
    with pytest.raises(OAuthError) as refused:
        tokens.access_token()
    tokens.close()
    assert refused.value.error == "invalid_client"


def test_the_secret_in_the_form_body_is_not_accepted(setup, http) -> None:
    answer = http.post(
        f"{setup.auth_base}/token",
        data={
            "grant_type": "client_credentials",
            "client_id": SERVICE,
            "client_secret": setup.service_secret,
            "scope": "reports:read",
        },
    )
    assert answer.json()["error"] == "invalid_client"


def test_a_public_client_cannot_use_client_credentials(setup, http) -> None:
    answer = http.post(
        f"{setup.auth_base}/token",
        data={"grant_type": "client_credentials", "client_id": SPA, "scope": "openid"},
    )
    assert answer.status_code == 401  # RFC 6749 section 5.2: 401 and a challenge
    assert answer.headers["www-authenticate"].startswith("Basic ")
    assert answer.json()["error"] == "invalid_client"


def test_the_service_cannot_start_a_user_login(setup) -> None:
    from examples.security.oauth.by_hand import authorize

    answer = authorize(setup, client_id=SERVICE, scope="reports:read")
    assert answer.status_code == 400  # no redirect URI registered: nowhere to send it


def test_the_secret_is_stored_only_as_a_digest(setup) -> None:
    client = setup.server.registry.clients[SERVICE]
    assert setup.service_secret not in repr(client)
    assert client.check_client_secret(setup.service_secret)
    assert not client.check_client_secret(setup.service_secret + "x")


def test_the_cache_renews_a_margin_before_expiry(setup) -> None:
    clock = ManualClock()
    tokens = tokens_for(setup, now=clock, refresh_margin=60)
    first = tokens.access_token()
    clock.set(239.0)
    assert tokens.access_token() == first
    clock.set(240.0)
    assert tokens.access_token() != first
    assert tokens.fetches == 2
    tokens.close()


def test_concurrent_callers_share_one_fetch(setup) -> None:
    tokens = tokens_for(setup, now=ManualClock())
    start = threading.Barrier(8)
    seen: list[str] = []

    def call() -> None:
        start.wait()
        seen.append(tokens.access_token())

    threads = [threading.Thread(target=call) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    tokens.close()
    assert tokens.fetches == 1 and len(set(seen)) == 1


def test_the_service_token_works_for_its_scope_only(setup, http) -> None:
    tokens = tokens_for(setup)
    bearer = {"Authorization": f"Bearer {tokens.access_token()}"}
    tokens.close()
    assert http.get(f"{setup.api_base}/reports", headers=bearer).status_code == 200
    refused = http.get(f"{setup.api_base}/notes", headers=bearer)
    assert refused.status_code == 403
    assert 'scope="notes:read"' in refused.headers["www-authenticate"]


def basic(user: str, password: str) -> dict[str, str]:
    pair = base64.b64encode(f"{user}:{password}".encode()).decode()
    return {"Authorization": f"Basic {pair}"}


def test_basic_and_a_secret_in_the_body_are_two_methods(setup, http) -> None:
    answer = http.post(
        f"{setup.auth_base}/token",
        data={
            "grant_type": "client_credentials",
            "scope": "reports:read",
            "client_secret": "x",
        },
        headers=basic(SERVICE, setup.service_secret),
    )
    assert (answer.status_code, answer.json()["error"]) == (400, "invalid_request")


@pytest.mark.parametrize("credentials", ["//79/w==", "%%%", "eA"])  # \xff\xfe.., junk
def test_a_basic_header_that_does_not_decode_is_invalid_client(
    setup, http, credentials
) -> None:
    answer = http.post(
        f"{setup.auth_base}/token",
        data={"grant_type": "client_credentials", "scope": "reports:read"},
        headers={"Authorization": f"Basic {credentials}"},
    )
    assert (answer.status_code, answer.json()["error"]) == (401, "invalid_client")
    assert answer.headers["www-authenticate"].startswith("Basic ")


def test_a_token_shorter_than_twice_the_margin_is_kept_half_its_life(
    setup, monkeypatch
) -> None:
    monkeypatch.setattr(auth_server, "ACCESS_TOKEN_TTL", 30)
    clock = ManualClock()
    tokens = tokens_for(setup, now=clock, refresh_margin=60)
    first = tokens.access_token()
    for moment in [1.0, 14.0]:
        clock.set(moment)
        assert tokens.access_token() == first
    clock.set(15.0)
    tokens.access_token()
    tokens.close()
    assert tokens.fetches == 2


def counting(tokens: ServiceTokens) -> list[int]:
    """Counts the requests to the real token endpoint, failed ones included."""
    calls: list[int] = []
    fetch = tokens.oauth.fetch_token

    def counted(*args, **kwargs):
        calls.append(1)
        return fetch(*args, **kwargs)

    tokens.oauth.fetch_token = counted
    return calls


def test_after_a_failed_fetch_it_backs_off(setup) -> None:
    clock = ManualClock()
    tokens = tokens_for(setup, secret="wrong", now=clock, retry_after=5)  # noqa: S106
    calls = counting(tokens)
    for moment in [0.0, 1.0, 4.9]:
        clock.set(moment)
        with pytest.raises(OAuthError):
            tokens.access_token()
    assert len(calls) == 1
    clock.set(5.0)
    with pytest.raises(OAuthError):
        tokens.access_token()
    tokens.close()
    assert len(calls) == 2


def test_a_failed_renewal_keeps_the_token_that_still_works(setup) -> None:
    clock = ManualClock()
    tokens = tokens_for(setup, now=clock, retry_after=5)
    first = tokens.access_token()
    tokens.oauth.client_secret = "wrong"  # noqa: S105 (the server now refuses)
    calls = counting(tokens)
    for moment in [240.0, 242.0]:  # renewal due, fails; the token lives to 300
        clock.set(moment)
        assert tokens.access_token() == first
    assert len(calls) == 1
    clock.set(300.0)
    with pytest.raises(OAuthError):
        tokens.access_token()
    tokens.close()


def test_a_401_from_the_api_gets_one_retry_with_a_new_token(setup, http) -> None:
    tokens = tokens_for(setup, now=ManualClock())
    first = tokens.access_token()
    jti = jwt.decode(first, options={"verify_signature": False})["jti"]
    setup.server.registry.revoked_token_ids.add(jti)
    answer = tokens.get(http, f"{setup.api_base}/reports")
    assert answer.status_code == 200
    assert tokens.fetches == 2 and tokens.access_token() != first
    tokens.close()
