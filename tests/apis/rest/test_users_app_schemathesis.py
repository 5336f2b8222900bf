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
from collections import Counter
from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from examples.apis.rest.users_app import allow_anyone_demo_only, create_app
from examples.apis.rest.users_store import UsersStore, connect
from tests.support.schemathesis_cases import aim_at_real_data, print_tally

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
statuses: Counter[str] = Counter()


def reset() -> None:
    """The same four users, ids 1-4, before every case."""
    with connection:
        connection.execute("DELETE FROM users")
        connection.execute("DELETE FROM sqlite_sequence")  # ids start at 1 again
    ids[:] = [store.add(name, f"{name}@example.com").id for name in NAMES]


@pytest.fixture(scope="module", autouse=True)
def _report() -> Iterator[None]:
    yield
    print_tally(statuses)
    connection.close()


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,  # the same cases on every run
    suppress_health_check=list(HealthCheck),
)
def test_the_app_does_what_its_openapi_document_says(case) -> None:
    reset()
    aim_at_real_data(case, ids, KEY)
    response = case.call_and_validate()
    statuses[f"{case.method} {case.path} {response.status_code}"] += 1
