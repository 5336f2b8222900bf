"""A service's own exception hierarchy, mapped to HTTP statuses in exactly one place.

The domain code raises errors that say what went wrong in business terms and
knows nothing about HTTP. The boundary (one function here; an exception
handler in FastAPI) turns each one into a status and an RFC 9457 problem-details
body, the format docs/apis/errors.md uses, and it is the only place that catches
Exception: an unexpected error, or a domain error nobody mapped, is logged with
its traceback and answered with a bare 500 that leaks nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from logging.handlers import BufferingHandler


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
# The one place that knows HTTP: status, problem type and title per error class.
# A subclass inherits its base's entry (MRO lookup); clients switch on the type
# URI, so renaming a Python class never breaks them.
PROBLEM_TYPES = "https://shop.example/problems/"
PROBLEMS: dict[type[ShopError], tuple[int, str, str]] = {
    NotFound: (404, "not-found", "No such resource"),
    Conflict: (409, "conflict", "Conflicts with the current state"),
    InvalidOrder: (422, "invalid-order", "The order is not valid"),
}
# RFC 9457: "about:blank" means "nothing beyond the status"; no detail, on purpose.
INTERNAL: dict[str, object] = {
    "type": "about:blank",
    "title": "Internal Server Error",
    "status": 500,
}
log = logging.getLogger("shop.http")


@dataclass(frozen=True)
class Response:
    status: int
    body: dict[str, object]


def problem_for(error: ShopError) -> tuple[int, dict[str, object]] | None:
    """Status and problem-details body for a mapped domain error; None if unmapped."""
    for cls in type(error).__mro__:  # OutOfStock -> Conflict -> ShopError -> ...
        if cls in PROBLEMS:
            status, slug, title = PROBLEMS[cls]
            body = {"type": PROBLEM_TYPES + slug, "title": title, "status": status}
            return status, body | {"detail": str(error)}
    return None


def handle(endpoint: Callable[[], object]) -> Response:
    try:
        return Response(200, {"result": endpoint()})
    except ShopError as error:  # expected: the client gets the reason
        problem = problem_for(error)
        if problem is not None:
            return Response(*problem)
        log.exception("unmapped domain error")  # a bug too: its mapping is missing
    except Exception:  # the only `except Exception`: log it all, tell the client little
        log.exception("unhandled error")
    return Response(500, INTERNAL)


logged = BufferingHandler(capacity=100)  # keeps the records: a stand-in for your log
log.addHandler(logged)
log.propagate = False
for call in (
    lambda: reserve("pen", 2),
    lambda: reserve("pen", 2),
    lambda: reserve("ink", 1),
    lambda: reserve("pen", 0),
    lambda: reserve("pen", None),  # type: ignore[arg-type]  # a bug: TypeError
):
    response = handle(call)
    body = response.body
    shown = [body[key] for key in ("result", "type", "detail") if key in body]
    print(response.status, *shown)
    #> 200 1
    #> 409 https://shop.example/problems/conflict pen: wanted 2, 1 left
    #> 404 https://shop.example/problems/not-found no product 'ink'
    #> 422 https://shop.example/problems/invalid-order quantity must be >= 1, got 0
    #> 500 about:blank
for record in logged.buffer:  # the traceback went to the log, not to the client
    error = record.exc_info[1] if record.exc_info else None
    print(record.levelname, record.getMessage(), "| traceback of", type(error).__name__)
    #> ERROR unhandled error | traceback of TypeError
# --8<-- [end:boundary]
