"""A service's own exception hierarchy, mapped to HTTP statuses in exactly one place.

The domain code raises errors that say what went wrong in business terms and
knows nothing about HTTP. The boundary (one function here; an exception
handler in FastAPI) turns each one into a status and a body, and it is the
only place that catches Exception: it logs the unexpected error with its
traceback and answers 500 without leaking the details.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass


# --8<-- [start:hierarchy]
class ShopError(Exception):
    """Base of every error the shop's domain code raises on purpose."""


class NotFound(ShopError):
    pass


class Conflict(ShopError):
    """The request is valid but clashes with the current state."""


class OutOfStock(Conflict):
    def __init__(self, sku: str, wanted: int, left: int) -> None:
        super().__init__(f"{sku}: wanted {wanted}, {left} left")
        self.sku = sku


class InvalidOrder(ShopError):
    pass


STOCK = {"pen": 3}


def reserve(sku: str, quantity: int) -> int:
    """Domain code: raises domain errors, never an HTTP status."""
    if quantity < 1:
        raise InvalidOrder(f"quantity must be >= 1, got {quantity}")
    if sku not in STOCK:
        raise NotFound(f"no product {sku!r}")
    if STOCK[sku] < quantity:
        raise OutOfStock(sku, quantity, STOCK[sku])
    STOCK[sku] -= quantity
    return STOCK[sku]


# --8<-- [end:hierarchy]


# --8<-- [start:boundary]
# The one place that knows HTTP. A subclass inherits its base's status (MRO lookup).
HTTP_STATUS: dict[type[ShopError], int] = {
    NotFound: 404,
    Conflict: 409,
    InvalidOrder: 422,
}
log = logging.getLogger("shop.http")


@dataclass(frozen=True)
class Response:
    status: int
    body: dict[str, str]


def status_for(error: ShopError) -> int:
    for cls in type(error).__mro__:  # OutOfStock -> Conflict -> ShopError -> ...
        if cls in HTTP_STATUS:
            return HTTP_STATUS[cls]
    return 500  # a ShopError nobody mapped yet


def handle(endpoint: Callable[[], object]) -> Response:
    try:
        return Response(200, {"result": str(endpoint())})
    except ShopError as error:  # expected: the client gets the reason
        return Response(
            status_for(error), {"type": type(error).__name__, "detail": str(error)}
        )
    except Exception:  # the only `except Exception`: log it all, tell the client little
        log.exception("unhandled error")
        return Response(500, {"type": "InternalError", "detail": "internal error"})


log.disabled = True  # keep this demo's output to the responses
for call in (
    lambda: reserve("pen", 2),
    lambda: reserve("pen", 2),
    lambda: reserve("ink", 1),
    lambda: reserve("pen", 0),
    lambda: reserve("pen", None),  # type: ignore[arg-type]  # a bug: TypeError
):
    response = handle(call)
    print(response.status, response.body)
    #> 200 {'result': '1'}
    #> 409 {'type': 'OutOfStock', 'detail': 'pen: wanted 2, 1 left'}
    #> 404 {'type': 'NotFound', 'detail': "no product 'ink'"}
    #> 422 {'type': 'InvalidOrder', 'detail': 'quantity must be >= 1, got 0'}
    #> 500 {'type': 'InternalError', 'detail': 'internal error'}
# --8<-- [end:boundary]
