"""Schemathesis against the notes API (the resource server), with real signed tokens.

Each operation gets up to MAX_EXAMPLES generated requests plus schemathesis's
coverage cases, sent in-process to an API whose verifier fetches the JWKS
from the authorization server running on loopback (tests/security/oauth/
conftest.py). Every response must match the document: the bodies, and the
problem+json 401 and 403 with their WWW-Authenticate challenge. The document
declares the bearer scheme, so after each 2xx schemathesis's ignored_auth
check sends the request again without the token and expects a 401.

The auth provider signs a fresh access token per case with the server's key.
Four in five carry every scope, so each route can answer 2xx; the fifth has
none of the API's scopes, so each route's 403 is reached too.
"""

import itertools
import secrets
import time
from collections.abc import Iterator

import jwt
import pytest
import schemathesis

from examples.security.oauth import auth_server
from examples.security.oauth.demo_setup import Setup
from examples.security.oauth.resource_server import create_app
from tests.support.schemathesis_runs import Tally, bounded

ALL_SCOPES = "notes:read notes:write reports:read"
tally = Tally()
_tally, _reached_2xx = tally.fixtures()
running: list[Setup] = []  # the servers, once the fixture has started them
cases = itertools.count()


@pytest.fixture
def notes_api(setup: Setup) -> Iterator[schemathesis.BaseSchema]:
    running[:] = [setup]
    yield schemathesis.openapi.from_asgi("/openapi.json", create_app(setup.verifier))


schema = schemathesis.pytest.from_fixture("notes_api")


def access_token(scope: str) -> str:
    """What the authorization server would issue (RFC 9068), signed with its current key."""
    key, now = running[0].server.key, int(time.time())
    claims = {
        "iss": auth_server.ISSUER,
        "aud": auth_server.API_AUDIENCE,
        "sub": "ada",
        "client_id": "notes-spa",
        "scope": scope,
        "iat": now,
        "exp": now + 300,
        "jti": secrets.token_urlsafe(8),
    }
    return jwt.encode(claims, key.private_key, "RS256", headers={"kid": key.kid, "typ": "at+jwt"})


@schema.auth(refresh_interval=None)  # a token per case
class BearerToken:
    def get(self, case, context) -> str:
        return access_token(ALL_SCOPES if next(cases) % 5 else "openid")

    def set(self, case, data: str, context) -> None:
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}


@schema.parametrize()
@bounded()
def test_the_app_does_what_its_openapi_document_says(case) -> None:
    response = tally.call_and_validate(case)
    if response.status_code in (401, 403):
        (challenge,) = response.headers["www-authenticate"]
        assert challenge.startswith('Bearer realm="notes"')


def test_the_document_names_the_bearer_scheme_and_the_refusals(setup: Setup) -> None:
    """It once listed only the 200 and 201: no scheme, no 401 or 403, untyped bodies."""
    document = create_app(setup.verifier).openapi()
    assert document["components"]["securitySchemes"]["HTTPBearer"] == {"type": "http", "scheme": "bearer"}
    for path, method, ok in [("/notes", "get", "200"), ("/notes", "post", "201"), ("/reports", "get", "200")]:
        responses = document["paths"][path][method]["responses"]
        assert set(responses) == {ok, "401", "403"}
        assert responses["403"]["headers"]["WWW-Authenticate"]["required"] is True
