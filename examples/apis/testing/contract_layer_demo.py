"""The bug only a contract test finds: the API does one thing, its document says another.

Schemathesis reads the app's OpenAPI document, generates requests from it and
checks every response against it: a documented status, content type, body
schema and headers. Here it runs against two copies of the orders app: one as
written, one whose document lost its 409. Both answer 409 when stock runs out,
so a hand-written API test of the 409 passes for both; only the document lies,
and a client generated from it has no branch for that answer.
"""

from __future__ import annotations

import itertools
from collections import Counter
from contextlib import nullcontext

import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from schemathesis.errors import FailureGroup

from examples.apis.testing.fake_orders import FakeOrders
from examples.apis.testing.orders_app import create_app

MAX_EXAMPLES = 60


class Shop:
    """A fresh fake store before every generated case, so cases do not interact.

    Generated SKUs almost never exist, so cases are aimed in turn: at "mug"
    (plenty in stock: 201), at "lamp" (none left: 409), or left as generated (404).
    """

    AIMS = ("mug", "lamp", None)

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.orders = FakeOrders()
        self.orders.add_product("mug", unit_cents=1250, stock=1_000)
        self.orders.add_product("lamp", unit_cents=4000, stock=0)

    def app(self) -> FastAPI:
        return create_app(lambda: nullcontext(self.orders))


# --8<-- [start:run]
def check_against_document(app: FastAPI, shop: Shop) -> tuple[Counter, Counter]:
    """Generated POST /orders cases: statuses seen, and contract failures."""
    operation = schemathesis.openapi.from_asgi("/openapi.json", app)["/orders"]["POST"]
    statuses: Counter[int] = Counter()
    failures: Counter[str] = Counter()
    aims = itertools.cycle(Shop.AIMS)

    @settings(
        max_examples=MAX_EXAMPLES,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def one_case(case: schemathesis.Case) -> None:
        shop.reset()
        if (sku := next(aims)) is not None:
            case.body["sku"] = sku
        response = case.call()  # in-process, through the ASGI app
        statuses[response.status_code] += 1
        try:
            case.validate_response(response)  # every default check
        except FailureGroup as group:
            failures.update(failure.title for failure in group.exceptions)

    one_case()
    return statuses, failures


# --8<-- [end:run]


def undocumented_409(shop: Shop) -> FastAPI:
    """The app as it was before someone listed its 409 in responses=."""
    app = shop.app()
    del app.openapi()["paths"]["/orders"]["post"]["responses"]["409"]
    return app


if __name__ == "__main__":
    # --8<-- [start:demo]
    shop = Shop()
    for name, app in (
        ("as written", shop.app()),
        ("409 left out", undocumented_409(shop)),
    ):
        statuses, failures = check_against_document(app, shop)
        print(f"{name}: saw {sorted(statuses)}; failures {sorted(failures)}")
        #> as written: saw [201, 404, 409]; failures []
        #> 409 left out: saw [201, 404, 409]; failures ['Undocumented status code']
    # --8<-- [end:demo]
