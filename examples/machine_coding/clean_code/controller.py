"""The HTTP layer: parse the request, call the service, shape the response.

This is the controller of controller/service/repository. It holds no pricing
rule and no SQL: it turns JSON into LineItems, domain errors into status
codes, and an Order into JSON. examples/apis/rest/users_app.py is the same
layering at full size (problem details, pagination, PUT and PATCH).
"""

from __future__ import annotations

import sqlite3
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict

from examples.machine_coding.clean_code.pricing import InvalidOrderError, LineItem
from examples.machine_coding.clean_code.repository import (
    Order,
    SqliteOrderRepository,
)
from examples.machine_coding.clean_code.service import OrderService


# --8<-- [start:controller]
class LineBody(BaseModel):
    model_config = ConfigDict(strict=True)  # 2 is a quantity; "2", 2.0, true are not

    sku: str
    unit_price_cents: int
    quantity: int


class OrderBody(BaseModel):
    model_config = ConfigDict(strict=True)

    customer: str
    items: list[LineBody]
    coupon: str | None = None


def order_json(order: Order) -> dict[str, Any]:
    q = order.quote
    return {
        "id": order.id,
        "customer": order.customer,
        "subtotal_cents": q.subtotal_cents,
        "discount_cents": q.discount_cents,
        "shipping_cents": q.shipping_cents,
        "total_cents": q.total_cents,
    }


def create_app(service: OrderService) -> FastAPI:
    app = FastAPI()

    @app.exception_handler(RequestValidationError)
    async def malformed(request: Request, error: RequestValidationError) -> Any:
        first = error.errors()[0]  # say where, not the whole pydantic report
        fields = [] if first["type"] == "json_invalid" else first["loc"][1:]
        where = ".".join(str(part) for part in fields) or "body"
        return JSONResponse({"error": f"{where}: {first['msg']}"}, 422)

    @app.exception_handler(InvalidOrderError)
    async def broken_rule(request: Request, error: InvalidOrderError) -> Any:
        return JSONResponse({"error": str(error)}, 422)

    @app.post("/orders", status_code=201)
    def place_order(body: OrderBody) -> dict[str, Any]:
        items = [LineItem(i.sku, i.unit_price_cents, i.quantity) for i in body.items]
        order = service.place_order(body.customer, items, body.coupon)
        return order_json(order)

    @app.get("/orders/{order_id}")
    def find_order(order_id: int) -> Any:
        order = service.find_order(order_id)
        if order is None:
            return JSONResponse({"error": "no such order"}, 404)
        return order_json(order)

    return app


# --8<-- [end:controller]


# --8<-- [start:wiring]
def production_app(connection: sqlite3.Connection) -> FastAPI:
    """The one place that picks the concrete classes."""
    return create_app(OrderService(SqliteOrderRepository(connection)))


# --8<-- [end:wiring]
