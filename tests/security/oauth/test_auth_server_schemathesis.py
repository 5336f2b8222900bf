"""Schemathesis against the authorization server: /authorize, /token and /jwks.

Each operation gets up to MAX_EXAMPLES generated requests plus schemathesis's
coverage cases, sent in-process over https (RFC 6749 sections 3.1 and 3.2;
plain http to a name that is not loopback is refused with a 400). Every
response must match the document: 302 with a Location from /authorize, the
token response with Cache-Control: no-store, and RFC 6749 errors as JSON.

Aiming, since generated values never name a registered client, a session or
an unspent code: the browser's session cookie comes from the auth provider;
a positive /authorize query mostly becomes the SPA's real request (client,
exact redirect_uri, an S256 challenge, a scope it may have); a positive
/token form mostly becomes a real grant, either the service's
client_credentials with its Basic secret or the SPA's authorization_code
with a code just issued and its PKCE verifier. A code redirect counts as
/authorize's success. Schemathesis's defaults are widened for /authorize and
/token only where RFC 6749 says so (see `config`).
"""

import base64
import hashlib
import secrets
from urllib.parse import parse_qs, urlsplit

import pytest
import schemathesis
from fastapi.testclient import TestClient
from schemathesis.core.parameters import ParameterLocation

from examples.security.oauth import auth_server
from examples.security.oauth.registry import User
from tests.support.schemathesis_cases import positive
from tests.support.schemathesis_runs import Tally, accepting, bounded, mostly

HTTPS = "https://testserver"
SPA, CALLBACK, SERVICE = "notes-spa", "https://notes.example.com/callback", "reports-service"
AUTHORIZE, TOKEN = "GET /authorize", "POST /token"
server, app = auth_server.build()
server.registry.users["ada"] = User("ada", "Ada Lovelace", "ada@example.com")
server.registry.register_public_client(SPA, [CALLBACK])
SERVICE_SECRET = server.registry.register_service(SERVICE, {"reports:read"})
# A well-formed request can still name a client, code or scope that does not
# exist: RFC 6749 answers 400 (sections 4.1.2.1 and 5.2), or for /authorize a
# 302 back to the client carrying the error once client and redirect_uri check
# out, which is also how it refuses a bad PKCE method or a missing nonce.
config = accepting({AUTHORIZE: [400], TOKEN: [400]}, rejecting={AUTHORIZE: [302]})
schema = schemathesis.openapi.from_asgi("/openapi.json", app, config=config)
tally = Tally()
_tally, _reached_2xx = tally.fixtures()


def pkce() -> tuple[str, str]:
    """(verifier, S256 challenge), RFC 7636 section 4."""
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode()).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def spa_authorization(challenge: str) -> dict[str, str]:
    return {
        "response_type": "code",
        "client_id": SPA,
        "redirect_uri": CALLBACK,
        "scope": "notes:read",
        "code_challenge": challenge,
        "code_challenge_method": "S256",
    }


def browser() -> TestClient:
    """Ada's browser, signed in at the server."""
    session = {auth_server.SESSION_COOKIE: server.registry.sign_in("ada")}
    return TestClient(app, base_url=HTTPS, follow_redirects=False, cookies=session)


def fresh_code() -> tuple[str, str]:
    """(code, verifier): what the SPA holds after Ada approved it."""
    verifier, challenge = pkce()
    answer = browser().get("/authorize", params=spa_authorization(challenge))
    return parse_qs(urlsplit(answer.headers["location"]).query)["code"][0], verifier


@schema.auth(refresh_interval=None)
class ServerSession:
    """Ada's sign-in cookie at the server, for /authorize (the only route that asks for it)."""

    def get(self, case, context) -> str:
        return server.registry.sign_in("ada")

    def set(self, case, data: str, context) -> None:
        case.cookies = {**(case.cookies or {}), auth_server.SESSION_COOKIE: data}


def aim(case) -> None:
    if case.path == "/authorize" and positive(case, ParameterLocation.QUERY):
        query = case.query if case.query is not None else {}
        if mostly(sorted(query.items())):
            case.query = {**query, **spa_authorization(pkce()[1])}
    body = case.body
    if case.path == "/token" and isinstance(body, dict) and positive(case, ParameterLocation.BODY):
        if not mostly(sorted(body.items())):
            return
        if body.get("grant_type") == "client_credentials":
            case.body = {"grant_type": "client_credentials", "scope": "reports:read"}
            basic = base64.b64encode(f"{SERVICE}:{SERVICE_SECRET}".encode()).decode()
            case.headers = {**(case.headers or {}), "Authorization": f"Basic {basic}"}
        else:
            code, verifier = fresh_code()
            case.body = {
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": CALLBACK,
                "client_id": SPA,
                "code_verifier": verifier,
            }


@schema.parametrize()
@bounded()
def test_the_app_does_what_its_openapi_document_says(case) -> None:
    aim(case)
    response = tally.call_and_validate(case, base_url=HTTPS)
    if case.path == "/authorize" and response.status_code == 302:
        location = urlsplit(response.headers["location"][0])
        assert f"{location.scheme}://{location.netloc}{location.path}" == CALLBACK  # nowhere else
        if "code" in parse_qs(location.query):
            tally.mark_success(case)


# What the run found, each once a 500 or missing from the document.


@pytest.mark.parametrize("path", ["/authorize", "/token"])
def test_plain_http_to_a_name_is_refused_not_a_crash(path: str) -> None:
    """Authlib raises InsecureTransportError for http:// unless the host is loopback."""
    client = TestClient(app, base_url="http://auth.example.com")
    answer = client.get(path) if path == "/authorize" else client.post(path, data={"grant_type": "x"})
    assert answer.status_code == 400
    assert answer.json() == {"error": "invalid_request", "error_description": "Use HTTPS."}
    assert answer.headers["cache-control"] == "no-store"


@pytest.mark.parametrize("response_type", ['to"ken', "to\\ken", "\x1f", "tökén"])
def test_a_response_type_authlib_cannot_quote_is_still_unsupported(response_type: str) -> None:
    """Authlib quoted it into error_description and raised ValueError: a 500."""
    query = {**spa_authorization(pkce()[1]), "response_type": response_type, "state": "s1"}
    answer = browser().get("/authorize", params=query)
    assert answer.status_code == 302
    sent = parse_qs(urlsplit(answer.headers["location"]).query)
    assert sent["error"] == ["unsupported_response_type"] and sent["state"] == ["s1"]


@pytest.mark.parametrize("redirect_uri", [CALLBACK + '"', CALLBACK + "\\", CALLBACK + "\x7f"])
def test_a_redirect_uri_authlib_cannot_quote_gets_no_redirect(redirect_uri: str) -> None:
    query = {**spa_authorization(pkce()[1]), "redirect_uri": redirect_uri}
    answer = browser().get("/authorize", params=query)
    assert answer.status_code == 400 and "location" not in answer.headers
    assert answer.json()["error"] == "invalid_request"


def test_the_document_describes_what_the_handlers_read() -> None:
    """It once had no parameters, no form and no schemes: generated requests were empty."""
    document = app.openapi()
    authorize = document["paths"]["/authorize"]["get"]
    token = document["paths"]["/token"]["post"]
    required = {p["name"] for p in authorize["parameters"] if p["required"]}
    assert required == {"response_type", "client_id", "redirect_uri", "code_challenge", "code_challenge_method"}
    assert set(authorize["responses"]) == {"302", "400", "401"}
    assert set(token["requestBody"]["content"]) == {auth_server.FORM}
    assert set(token["responses"]) == {"200", "400", "401", "413"}
    assert token["responses"]["200"]["headers"]["Cache-Control"]["required"] is True
    assert set(document["components"]["securitySchemes"]) == {"serverSession", "clientSecretBasic"}
