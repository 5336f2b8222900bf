"""Schemathesis against the users API: generated requests, checked against its OpenAPI.

Each operation gets up to MAX_EXAMPLES generated requests (plus schemathesis's
coverage cases), sent in-process. Every response must match the document:
documented status, content type, body schema and headers.

Each case starts from the same four users, so one case's DELETE cannot turn
the next cases into 404s. A positive `user_id` is mostly aimed at one of them
(the rest stay as generated, mostly 404s), and a positive `after` becomes a
cursor the app signed: no generated string carries a valid tag.
"""

import secrets
from collections.abc import Iterator

import pytest
import schemathesis

from examples.apis.rest.users_app import allow_anyone_demo_only, create_app
from examples.apis.rest.users_store import UsersStore, connect
from tests.support.schemathesis_cases import aim_at_real_data
from tests.support.schemathesis_runs import Tally, bounded

MAX_EXAMPLES = 25
KEY = secrets.token_bytes(32)
NAMES = ["Ada", "Sam", "Max", "Nia"]

connection = connect(":memory:")
schema = schemathesis.openapi.from_asgi(
    "/openapi.json",
    create_app(connection, authorize=allow_anyone_demo_only, cursor_key=KEY),
)
store = UsersStore(connection)  # the same tables the app uses
ids: list[int] = []
tally = Tally()  # fails an operation that never answered 2xx
_tally, _reached_2xx = tally.fixtures()


def reset() -> None:
    """The same four users, ids 1-4, before every case."""
    with connection:
        connection.execute("DELETE FROM users")
        connection.execute("DELETE FROM sqlite_sequence")  # ids start at 1 again
    ids[:] = [store.add(name, f"{name}@example.com").id for name in NAMES]


@pytest.fixture(scope="module", autouse=True)
def _close_connection() -> Iterator[None]:
    yield
    connection.close()


@schema.parametrize()
@bounded(MAX_EXAMPLES)
def test_the_app_does_what_its_openapi_document_says(case) -> None:
    reset()
    aim_at_real_data(case, ids, KEY)
    tally.call_and_validate(case)
