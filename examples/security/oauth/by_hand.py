"""The protocol spoken by hand, as an attacker would: query strings and form posts."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import httpx2
from authlib.oauth2.rfc7636 import create_s256_code_challenge

from examples.security.oauth.demo_setup import SPA, SPA_CALLBACK, Setup

VERIFIER = "v" * 43  # fixed, so that printed output stays the same


def query_of(url: str) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(url).query))


def authorize(
    setup: Setup, user: str = "ada", **changes: str | None
) -> httpx2.Response:
    """An authorization request by hand; a change of None leaves a parameter out."""
    params = {
        "response_type": "code",
        "client_id": SPA,
        "redirect_uri": SPA_CALLBACK,
        "scope": "notes:read",
        "state": "state-1",
        "code_challenge": create_s256_code_challenge(VERIFIER),
        "code_challenge_method": "S256",
        **changes,
    }
    sent = {key: value for key, value in params.items() if value is not None}
    with setup.browser(user) as browser:
        return browser.get(f"{setup.auth_base}/authorize", params=sent)


def new_code(setup: Setup, **changes: str | None) -> str:
    answer = authorize(setup, **changes)
    assert answer.status_code == 302, answer.text
    return query_of(answer.headers["location"])["code"]


def redeem(
    setup: Setup, http: httpx2.Client, code: str, **changes: str | None
) -> httpx2.Response:
    form = {
        "grant_type": "authorization_code",
        "client_id": SPA,
        "redirect_uri": SPA_CALLBACK,
        "code": code,
        "code_verifier": VERIFIER,
        **changes,
    }
    sent = {key: value for key, value in form.items() if value is not None}
    return http.post(f"{setup.auth_base}/token", data=sent)
