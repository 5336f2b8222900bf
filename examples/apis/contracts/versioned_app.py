"""One resource at /v1 and /v2; v2 renames `customer` to `customer_id`.

v1 keeps working while it is deprecated, announces its retirement in headers,
and answers 410 Gone (in problem+json) once its sunset date has passed.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from email.utils import format_datetime

from fastapi import FastAPI, HTTPException, Request, Response
from pydantic import BaseModel

from examples.apis.rest.problem_details import (
    PROBLEM_TYPES,
    install_problem_handlers,
    problem_doc,
    problem_response,
    problem_responses,
)

Clock = Callable[[], datetime]

ORDERS = {"o1": {"id": "o1", "customer_id": "c7", "total_cents": 1250}}
DEPRECATED_AT = datetime(2026, 1, 1, tzinfo=UTC)
SUNSET_AT = datetime(2026, 7, 1, tzinfo=UTC)  # RFC 9745: never before deprecation
MIGRATION_GUIDE = "https://api.example.com/docs/v1-to-v2"
RETIREMENT_POLICY = "https://api.example.com/docs/retirement"


# --8<-- [start:headers]
def deprecation_headers(deprecated_at: datetime, sunset_at: datetime) -> dict[str, str]:
    if deprecated_at.tzinfo is None or sunset_at.tzinfo is None:
        raise ValueError("use aware datetimes: a naive one is read as local time")
    if sunset_at < deprecated_at:  # RFC 9745 section 4: the sunset MUST NOT be earlier
        raise ValueError("the sunset must not come before the deprecation")
    links = (
        f'<{MIGRATION_GUIDE}>; rel="deprecation"; type="text/html", '
        f'<{RETIREMENT_POLICY}>; rel="sunset"; type="text/html"'
    )
    return {
        # RFC 9745: a structured-field Date, "@" and seconds since the epoch.
        "Deprecation": f"@{int(deprecated_at.timestamp())}",
        # RFC 8594: an HTTP-date, always GMT.
        "Sunset": format_datetime(sunset_at.astimezone(UTC), usegmt=True),
        "Link": links,
    }


# --8<-- [end:headers]


class OrderV2(BaseModel):
    id: str
    customer_id: str
    total_cents: int


class OrderV1(BaseModel):
    id: str
    customer: str  # the name v2 changed
    total_cents: int


# What the OpenAPI document says each version answers: the body of each, the
# retirement headers v1 sends from DEPRECATED_AT on, and its 410 after SUNSET_AT.
def _header(description: str) -> dict[str, object]:
    return {"description": description, "schema": {"type": "string"}}


NOT_FOUND = problem_responses({404: "No order has this id"})
V1_RESPONSES: dict[int | str, dict[str, object]] = {
    200: {
        "headers": {
            "Deprecation": _header("RFC 9745: when v1 was deprecated, as @seconds"),
            "Sunset": _header("RFC 8594: the HTTP-date v1 stops answering"),
            "Link": _header("The migration guide and the retirement policy"),
        }
    },
    **NOT_FOUND,
    410: {
        **problem_doc("v1 is retired; the Link header points at the guide"),
        "headers": {"Link": {**_header("The migration guide"), "required": True}},
    },
}


# --8<-- [start:app]
def create_app(clock: Clock = lambda: datetime.now(UTC)) -> FastAPI:
    app = FastAPI()
    install_problem_handlers(app)
    retired = deprecation_headers(DEPRECATED_AT, SUNSET_AT)

    @app.middleware("http")
    async def announce_v1_retirement(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        if not request.url.path.startswith("/v1/"):
            return await call_next(request)
        if clock() >= SUNSET_AT:  # past the date we promised: stop serving
            gone = problem_response(
                request,
                410,
                title="API version retired",
                detail="v1 was retired; use /v2 (see the Link header).",
                type_=PROBLEM_TYPES + "version-retired",
                headers={"Link": retired["Link"]},
            )
            return gone
        response = await call_next(request)
        if clock() >= DEPRECATED_AT:  # before that, v1 is simply current
            response.headers.update(retired)
        return response

    def find(order_id: str) -> dict[str, object]:
        if order_id not in ORDERS:
            raise HTTPException(404, f"no order {order_id!r}")
        return dict(ORDERS[order_id])  # a copy: a view must not edit the store

    @app.get("/v2/orders/{order_id}", response_model=OrderV2, responses=NOT_FOUND)
    def get_order_v2(order_id: str) -> dict[str, object]:
        return find(order_id)

    @app.get("/v1/orders/{order_id}", response_model=OrderV1, responses=V1_RESPONSES)
    def get_order_v1(order_id: str) -> dict[str, object]:
        order = find(order_id)  # one store; v1 is a view over it
        order["customer"] = order.pop("customer_id")
        return order

    return app


# --8<-- [end:app]
