"""Client credentials over loopback: scopes per client, client authentication, the cache."""

from __future__ import annotations

import threading

import jwt
import pytest
from authlib.integrations.base_client import OAuthError

from examples.machine_coding.clock import ManualClock
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
    assert answer.status_code in (400, 401)
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
