"""Schemathesis against the orders app on PostgreSQL: generated requests, checked against its OpenAPI.

Each operation gets up to MAX_EXAMPLES generated requests (plus schemathesis's
coverage cases), sent in-process. Each case runs inside a savepoint of the
test's transaction, rolled back after it, so cases start from the same seed
(mug and tee) and one order. Positive cases are aimed at that data in turn
(an existing SKU or order, or the generated value), so the run reaches 201s
and 200s, not only 404s.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterator
from contextlib import nullcontext

import psycopg
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.core.parameters import ParameterLocation

from examples.apis.testing.orders_app import create_app
from examples.apis.testing.orders_store import Orders, PostgresOrders
from tests.support.schemathesis_cases import positive, print_tally

MAX_EXAMPLES = 25
current: dict[str, Orders] = {}
app = create_app(lambda: nullcontext(current["orders"]))
schema = schemathesis.openapi.from_asgi("/openapi.json", app)
statuses: Counter[str] = Counter()
aims = itertools.cycle([True, True, False])  # 2 in 3 at real data


@pytest.fixture(scope="module", autouse=True)
def _report() -> Iterator[None]:
    yield
    print_tally(statuses)
    reached = {line.rsplit(" ", 1)[0] for line in statuses if line.endswith((" 200", " 201"))}
    assert reached == {"GET /orders/{order_id}", "GET /products/{sku}", "POST /orders"}


def aim(case, order_id: int) -> None:
    if not next(aims):
        return
    path = case.path_parameters or {}
    if positive(case, ParameterLocation.PATH):
        if "order_id" in path:
            path["order_id"] = order_id
        if "sku" in path:
            path["sku"] = "tee"
    if isinstance(case.body, dict) and positive(case, ParameterLocation.BODY) and "sku" in case.body:
        case.body["sku"] = "mug"


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_the_app_does_what_its_openapi_document_says(case, db: psycopg.Connection) -> None:
    with db.transaction(force_rollback=True):
        orders = PostgresOrders(db)
        current["orders"] = orders
        aim(case, orders.place("seed-order-1", "tee", 1).id)
        response = case.call_and_validate()
    statuses[f"{case.method} {case.path} {response.status_code}"] += 1
