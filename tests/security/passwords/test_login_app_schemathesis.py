"""Schemathesis against the login service: generated requests, checked against its OpenAPI.

Each operation gets up to MAX_EXAMPLES generated requests plus schemathesis's
coverage cases, sent in-process (Argon2 with cheap parameters, so the run
takes seconds). Every response must match the document: 200 with the account
id, the one 401 for a wrong email or password, 429 with Retry-After,
problem+json 400 and 422, and 202 from /register and /password-reset.

One account exists. A generated email and password never match it, so a
positive /login body mostly becomes its real credentials; the rest stay as
generated, for the 401. The throttle's clock moves a minute per case, so
one case's failures do not lock the next out with a 429. Each answer is also
checked for what the page claims: the same 202 body whether or not an
account exists, and the same 401 whether the email or the password is wrong.
"""

import schemathesis
from argon2 import PasswordHasher
from schemathesis.core.parameters import ParameterLocation

from examples.machine_coding.clock import ManualClock
from examples.security.passwords.accounts import Accounts, connect
from examples.security.passwords.login_app import ACCEPTED, WRONG, create_app
from examples.security.passwords.throttle import LoginThrottle
from tests.support.schemathesis_cases import positive
from tests.support.schemathesis_runs import Tally, bounded, mostly

ADA = {"email": "ada@example.com", "password": "correct horse battery staple"}
clock = ManualClock(1_767_225_600.0)
cheap = PasswordHasher(memory_cost=64, time_cost=1, parallelism=1)
connection = connect()
Accounts(connection).create(ADA["email"], cheap.hash(ADA["password"]))
app = create_app(connection, hasher=cheap, throttle=LoginThrottle(clock))
schema = schemathesis.openapi.from_asgi("/openapi.json", app)
tally = Tally()
_tally, _reached_2xx = tally.fixtures()


@schema.parametrize()
@bounded()
def test_the_app_does_what_its_openapi_document_says(case) -> None:
    clock.advance(60)
    body = case.body
    meant_valid = isinstance(body, dict) and positive(case, ParameterLocation.BODY)
    if case.path == "/login" and meant_valid and mostly(sorted(body.items())):
        case.body = dict(ADA)
    response = tally.call_and_validate(case)
    if response.status_code == 202:
        assert response.json() == ACCEPTED  # the same, account or not
    if response.status_code == 401:
        assert response.json()["detail"] == WRONG  # the same, email or password


def test_the_document_lists_what_login_answers() -> None:
    """It once listed 200 (untyped), 400 and 422: the 401 and the 429 with Retry-After were missing."""
    responses = app.openapi()["paths"]["/login"]["post"]["responses"]
    assert set(responses) == {"200", "400", "401", "422", "429"}
    assert responses["429"]["headers"]["Retry-After"]["required"] is True
    assert responses["200"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/LoggedIn"}
