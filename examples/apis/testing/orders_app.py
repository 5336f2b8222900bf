"""The orders API the tests on this page exercise: FastAPI over any Orders.

    POST /orders            201 + Location; 404 unknown SKU, 409 out of stock,
                            422 a reused Idempotency-Key, 400 a bad header
    GET  /orders/{id}       200, or 404
    GET  /products/{sku}    200, or 404

`create_app` takes a function that opens an Orders for one request, so a test
can hand it a fake, its own rolled-back connection, or a real connection
per request. Every error is an RFC 9457 problem (examples/apis/rest).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Annotated

from fastapi import Depends, FastAPI, Header, Path, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from examples.apis.rest.problem_details import (
    ProblemError,
    install_problem_handlers,
    problem_responses,
)
from examples.apis.testing.orders_store import (
    KeyReused,
    Order,
    Orders,
    OutOfStock,
    Product,
    UnknownProduct,
)

MAX_QUANTITY = 1_000
MAX_BIGINT = 2**63 - 1  # orders.id is a bigint; a larger id would be a 500
SKU_PATTERN = r"^[a-z0-9-]{1,40}$"  # no NUL: PostgreSQL text cannot hold one
KEY_PATTERN = r"^[A-Za-z0-9_-]{8,64}$"

Sku = Annotated[str, Field(pattern=SKU_PATTERN)]
OrderId = Annotated[int, Path(ge=1, le=MAX_BIGINT)]


class OrderRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sku: Sku
    quantity: int = Field(ge=1, le=MAX_QUANTITY)


class OrderOut(BaseModel):
    id: int
    sku: str
    quantity: int
    total_cents: int


class ProductOut(BaseModel):
    sku: str
    unit_cents: int
    discount_percent: int
    stock: int


def _order_out(order: Order) -> OrderOut:
    return OrderOut(
        id=order.id,
        sku=order.sku,
        quantity=order.quantity,
        total_cents=order.total_cents,
    )


def _not_found(what: str) -> ProblemError:
    return ProblemError(404, "not-found", "Not found", f"There is no {what}.")


def _orders(request: Request) -> Iterator[Orders]:
    """The request's Orders, opened by the function create_app was given."""
    with request.app.state.open_orders() as store:
        yield store


Store = Annotated[Orders, Depends(_orders)]


# --8<-- [start:app]
def create_app(open_orders: Callable[[], AbstractContextManager[Orders]]) -> FastAPI:
    """The API over whatever Orders `open_orders` gives each request."""
    app = FastAPI(title="Orders")
    app.state.open_orders = open_orders
    install_problem_handlers(app)

    @app.post(
        "/orders",
        status_code=201,
        responses=problem_responses(
            {
                404: "No product has this SKU",
                409: "Not enough stock",
                422: "Invalid body, or the key was used for another order",
            }
        ),
    )
    def place_order(
        body: OrderRequest,
        store: Store,
        response: Response,
        idempotency_key: Annotated[str, Header(pattern=KEY_PATTERN)],
    ) -> OrderOut:
        try:
            order = store.place(idempotency_key, body.sku, body.quantity)
        except UnknownProduct:
            raise _not_found(f"product {body.sku}") from None
        except OutOfStock:
            raise ProblemError(
                409, "out-of-stock", "Out of stock", f"Not enough {body.sku} left."
            ) from None
        except KeyReused:
            raise ProblemError(
                422,
                "idempotency-key-reused",
                "Idempotency key reused",
                "This key was used for a different order; use a new key.",
            ) from None
        response.headers["Location"] = f"/orders/{order.id}"
        return _order_out(order)

    # --8<-- [end:app]

    @app.get("/orders/{order_id}", responses=problem_responses({404: "No such order"}))
    def get_order(order_id: OrderId, store: Store) -> OrderOut:
        order = store.order(order_id)
        if order is None:
            raise _not_found(f"order {order_id}")
        return _order_out(order)

    @app.get("/products/{sku}", responses=problem_responses({404: "No such product"}))
    def get_product(
        sku: Annotated[str, Path(pattern=SKU_PATTERN)], store: Store
    ) -> ProductOut:
        product: Product | None = store.product(sku)
        if product is None:
            raise _not_found(f"product {sku}")
        return ProductOut(
            sku=product.sku,
            unit_cents=product.unit_cents,
            discount_percent=product.discount_percent,
            stock=product.stock,
        )

    return app


if __name__ == "__main__":
    from contextlib import nullcontext

    from fastapi.testclient import TestClient

    from examples.apis.testing.fake_orders import FakeOrders

    fake = FakeOrders()
    fake.add_product("mug", unit_cents=1250, stock=1)
    with TestClient(create_app(lambda: nullcontext(fake))) as client:
        key = {"Idempotency-Key": "order-0001"}
        placed = client.post("/orders", json={"sku": "mug", "quantity": 1}, headers=key)
        print(placed.status_code, placed.headers["location"], placed.json())
        #> 201 /orders/1 {'id': 1, 'sku': 'mug', 'quantity': 1, 'total_cents': 1250}
