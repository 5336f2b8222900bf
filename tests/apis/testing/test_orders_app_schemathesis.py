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
from contextlib import nullcontext

import psycopg
import schemathesis
from schemathesis.core.parameters import ParameterLocation

from examples.apis.testing.orders_app import create_app
from examples.apis.testing.orders_store import Orders, PostgresOrders
from tests.support.schemathesis_cases import positive
from tests.support.schemathesis_runs import Tally, bounded

MAX_EXAMPLES = 25
current: dict[str, Orders] = {}
app = create_app(lambda: nullcontext(current["orders"]))
schema = schemathesis.openapi.from_asgi("/openapi.json", app)
# Each operation must reach a 2xx, checked once its own cases are done: a
# module fixture over all of them broke when pytest-xdist ran this module's
# items apart, between other tests of the same group.
tally = Tally()
_tally, _reached_2xx = tally.fixtures()
aims = itertools.cycle([True, True, False])  # 2 in 3 at real data


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
@bounded(MAX_EXAMPLES)
def test_the_app_does_what_its_openapi_document_says(case, db: psycopg.Connection) -> None:
    with db.transaction(force_rollback=True):
        orders = PostgresOrders(db)
        current["orders"] = orders
        aim(case, orders.place("seed-order-1", "tee", 1).id)
        tally.call_and_validate(case)
