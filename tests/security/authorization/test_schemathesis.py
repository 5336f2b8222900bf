"""Schemathesis: requests generated from the OpenAPI document, checked against it.

Every operation gets up to MAX_EXAMPLES generated requests (plus schemathesis's
coverage cases), sent to the ASGI app in-process as an admin. Schemathesis
checks each response (status documented, content type, body schema, headers).
After a 2xx, its ignored_auth check also sends the request once without the
token and expects a 401.

Three things keep the run honest rather than a wall of 401s and 404s:
- every case starts from the same four users, so a DELETE of the admin in one
  case cannot log the next ones out;
- a positive `user_id` is mostly aimed at one of those users (and sometimes
  left as generated, for the 404 path), and a positive `after` is replaced by
  a cursor the app signed, since no generated string carries a valid tag;
- a 401 or 403 to a request that carried the admin's token fails the test: the
  admin may do everything, and such a response is also documented, so
  schemathesis alone would accept it.
"""

import hashlib
import secrets
from collections.abc import Iterator

import pytest
import schemathesis

from examples.security.authorization.accounts import connect
from examples.security.authorization.policy import Role
from examples.security.authorization.users_api import create_app
from tests.support.schemathesis_cases import aim_at_real_data
from tests.support.schemathesis_runs import Tally, bounded

MAX_EXAMPLES = 25
KEY = secrets.token_bytes(32)
TOKEN = secrets.token_urlsafe(32)  # the same on every case: schemathesis bakes it in
PEOPLE = [
    ("Ada", Role.ADMIN),
    ("Sam", Role.SUPPORT),
    ("Max", Role.MEMBER),
    ("Nia", Role.MEMBER),
]

connection = connect()
app = create_app(connection, cursor_key=KEY)
store = app.state.store
schema = schemathesis.openapi.from_asgi("/openapi.json", app)
ids: list[int] = []
tally = Tally()  # fails an operation that never answered 2xx
_tally, _reached_2xx = tally.fixtures()


def reset() -> None:
    """The same four users (ids 1-4) and the admin's TOKEN, before every case."""
    with connection:
        connection.execute("DELETE FROM users")  # roles and tokens cascade
        connection.execute("DELETE FROM sqlite_sequence")  # ids start at 1 again
    ids[:] = [store.add_with_role(n, f"{n}@example.com", r).id for n, r in PEOPLE]
    with connection:
        connection.execute(
            "INSERT INTO api_tokens (token_sha256, user_id) VALUES (?, ?)",
            (hashlib.sha256(TOKEN.encode()).hexdigest(), ids[0]),
        )


@schema.auth()
class AdminToken:
    """How schemathesis authenticates, so ignored_auth can leave it out."""

    def get(self, case, context) -> str:
        return TOKEN

    def set(self, case, data: str, context) -> None:
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}


@pytest.fixture(scope="module", autouse=True)
def _close_connection() -> Iterator[None]:
    yield
    connection.close()


@schema.parametrize()
@bounded(MAX_EXAMPLES)
def test_the_app_does_what_its_openapi_document_says(case) -> None:
    reset()
    aim_at_real_data(case, ids, KEY)
    response = tally.call_and_validate(case)
    sent = response.request.headers.get("Authorization")
    if sent == f"Bearer {TOKEN}":
        assert response.status_code not in (401, 403), "the admin was refused"
