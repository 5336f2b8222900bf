"""Schemathesis against the cookie session app: generated requests, checked against its OpenAPI.

Each operation gets up to MAX_EXAMPLES generated requests plus schemathesis's
coverage cases, sent in-process. Every response must match the document:
the bodies, the Set-Cookie of a login, and problem+json 401, 403, 400, 422.
The document declares the session cookie as a security scheme, so after each
2xx schemathesis's ignored_auth check sends the request again without the
cookie and expects a 401.

Every case that needs a session gets a new one (a logout deletes its own),
sent as the cookie by the auth provider below, which also mostly puts the
session's CSRF token in X-CSRF-Token where the header is meant to be valid;
the rest keep a generated token, or none, for the 403. A positive /login
body mostly becomes a real user's credentials.
"""

import schemathesis
from schemathesis.core.parameters import ParameterLocation

from examples.machine_coding.clock import ManualClock
from examples.security.sessions.session_app import COOKIE, create_app
from examples.security.sessions.session_store import NewSession, SessionStore, connect
from tests.support.schemathesis_cases import positive
from tests.support.schemathesis_runs import Tally, aim_header, bounded, mostly

ADA = {"email": "ada@example.com", "password": "ada-pass"}
store = SessionStore(connect(), ManualClock())
app = create_app(store, lambda email, password: 1 if [email, password] == [*ADA.values()] else None)
schema = schemathesis.openapi.from_asgi("/openapi.json", app)
tally = Tally()
_tally, _reached_2xx = tally.fixtures()


@schema.auth(refresh_interval=None)  # a new session for every case
class SessionCookie:
    def get(self, case, context) -> NewSession:
        return store.create(user_id=1)

    def set(self, case, data: NewSession, context) -> None:
        case.cookies = {**(case.cookies or {}), COOKIE: data.session_id}
        aim_header(case, "X-CSRF-Token", data.csrf_token, add=True)


@schema.parametrize()
@bounded()
def test_the_app_does_what_its_openapi_document_says(case) -> None:
    body = case.body
    meant_valid = isinstance(body, dict) and positive(case, ParameterLocation.BODY)
    if case.path == "/login" and meant_valid and mostly(sorted(body.items())):
        case.body = dict(ADA)
    response = tally.call_and_validate(case)
    if case.path == "/login" and response.status_code == 200:
        (cookie,) = response.headers["set-cookie"]
        assert cookie.startswith(f"{COOKIE}=") and "HttpOnly" in cookie and "Secure" in cookie


def test_the_document_lists_the_cookie_scheme_and_every_refusal() -> None:
    """It once listed no cookie, no 401 anywhere and no 403 on the unsafe routes."""
    document = app.openapi()
    scheme = document["components"]["securitySchemes"]["APIKeyCookie"]
    assert scheme == {"type": "apiKey", "in": "cookie", "name": COOKIE}
    paths = document["paths"]
    assert set(paths["/login"]["post"]["responses"]) == {"200", "400", "401", "422"}
    assert set(paths["/me"]["get"]["responses"]) == {"200", "400", "401"}
    assert set(paths["/transfer"]["post"]["responses"]) == {"200", "400", "401", "403", "422"}
    assert set(paths["/logout"]["post"]["responses"]) == {"204", "400", "401", "403"}
