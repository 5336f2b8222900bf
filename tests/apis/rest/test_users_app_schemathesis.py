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
from schemathesis.core.parameters import ParameterLocation

from examples.apis.rest.cursors import CursorCodec
from examples.apis.rest.users_app import allow_anyone_demo_only, create_app
from examples.apis.rest.users_store import UsersStore, connect

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


def positive(case, location: ParameterLocation) -> bool:
    return case.meta is None or not case.meta.is_negative_at(location)


def aim_at_real_data(case) -> None:
    """Existing ids and signed cursors where the generated values are valid."""
    path = case.path_parameters or {}
    if "user_id" in path and positive(case, ParameterLocation.PATH):
        generated = int(path["user_id"])
        if generated % 5:  # 4 in 5 at users 1-4; the rest stay (mostly 404)
            path["user_id"] = ids[generated % 5 - 1]
    query = case.query or {}
    if query.get("after") is not None and positive(case, ParameterLocation.QUERY):
        query["after"] = CursorCodec(KEY).encode(len(str(query["after"])) % 5)


@pytest.fixture(scope="module", autouse=True)
def _report() -> Iterator[None]:
    yield
    print(f"\nschemathesis cases: {sum(statuses.values())}")
    for line in sorted(statuses):
        print(f"  {line}: {statuses[line]}")
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
    aim_at_real_data(case)
    response = case.call_and_validate()
    statuses[f"{case.method} {case.path} {response.status_code}"] += 1
