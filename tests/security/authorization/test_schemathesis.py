"""Schemathesis: requests generated from the OpenAPI document, checked against it.

Every operation gets up to MAX_EXAMPLES generated requests, sent to the ASGI app
in-process as an admin. Schemathesis checks each response (status documented,
content type, body schema, headers) and also resends it without the token,
expecting a 401. A failure means the document and the app disagree.
"""

from collections import Counter
from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from examples.security.authorization.accounts import connect
from examples.security.authorization.policy import Role
from examples.security.authorization.users_api import create_app

MAX_EXAMPLES = 25

connection = connect()
app = create_app(connection)
store = app.state.store
TOKEN = store.issue_token(store.add_with_role("Ada", "ada@example.com", Role.ADMIN).id)
schema = schemathesis.openapi.from_asgi("/openapi.json", app)
cases: Counter[str] = Counter()


@schema.auth()
class AdminToken:
    """How schemathesis authenticates, so its no-token check can remove it."""

    def get(self, case, context) -> str:
        return TOKEN

    def set(self, case, data: str, context) -> None:
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}


@pytest.fixture(scope="module", autouse=True)
def _report() -> Iterator[None]:
    yield
    print(f"\nschemathesis cases per operation: {dict(cases)}")
    connection.close()


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,  # the same cases on every run
    suppress_health_check=list(HealthCheck),
)
def test_the_app_does_what_its_openapi_document_says(case) -> None:
    cases[f"{case.method} {case.path}"] += 1
    excluded = []
    if (case.query or {}).get("after") is not None:
        # Any string fits the schema, but only a cursor this API signed is
        # accepted: a generated one is rightly a 400, not a schema mismatch.
        excluded.append(positive_data_acceptance)
    case.call_and_validate(excluded_checks=excluded)
