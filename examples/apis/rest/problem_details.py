"""One error format for the whole API: RFC 9457 problem details.

Every error leaves as `application/problem+json` with the members `type`,
`title`, `status`, `detail` and `instance`; validation failures add `errors`,
a list of `{"field", "message"}`. `install_problem_handlers` makes FastAPI's
own errors (422 validation, 404 and 405 from routing, crashes) use it too, so a
client needs one error parser, not one per status code.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

PROBLEM_JSON = "application/problem+json"
PROBLEM_TYPES = "https://api.example.com/problems/"

logger = logging.getLogger(__name__)


# --8<-- [start:problem]
class ProblemError(Exception):
    """Raise from a route to answer with a problem details document."""

    def __init__(self, status: int, slug: str, title: str, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.type = PROBLEM_TYPES + slug  # a stable id clients can switch on
        self.title = title  # the same for every occurrence of this type
        self.detail = detail  # this occurrence, for a human


def problem_response(
    request: Request,
    status: int,
    *,
    title: str,
    detail: str,
    type_: str = "about:blank",
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    """Build the application/problem+json response every error goes through."""
    body: dict[str, Any] = {
        "type": type_,
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.url.path,
    }
    if errors is not None:
        body["errors"] = errors
    return JSONResponse(body, status, headers=headers, media_type=PROBLEM_JSON)


# --8<-- [end:problem]


# --8<-- [start:validation]
def _field_errors(exc: RequestValidationError) -> list[dict[str, str]]:
    """Pydantic's error list, reduced to what a client can act on."""
    return [
        {
            # ("body", "email") -> "body.email"; ("query", "limit") -> "query.limit"
            "field": ".".join(str(part) for part in error["loc"]),
            "message": error["msg"].removeprefix("Value error, "),
        }
        for error in exc.errors()
    ]


async def _on_validation_error(
    request: Request, exc: RequestValidationError
) -> JSONResponse:
    malformed = [e for e in exc.errors() if e["type"] == "json_invalid"]
    if malformed:
        # Bytes that are not JSON at all are a syntax error (400), not a
        # well-formed document that breaks the rules (422).
        reason = malformed[0].get("ctx", {}).get("error", "invalid JSON")
        return problem_response(
            request,
            400,
            title="Malformed JSON",
            detail=f"The request body is not valid JSON: {reason}.",
            type_=PROBLEM_TYPES + "malformed-json",
        )
    return problem_response(
        request,
        422,
        title="Invalid request",
        detail="One or more fields are invalid; see errors.",
        type_=PROBLEM_TYPES + "validation-error",
        errors=_field_errors(exc),
    )


# --8<-- [end:validation]


async def _on_problem(request: Request, exc: ProblemError) -> JSONResponse:
    return problem_response(
        request, exc.status, title=exc.title, detail=exc.detail, type_=exc.type
    )


async def _on_http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    """Routing errors (no such path, wrong method) in the same format."""
    phrase = HTTPStatus(exc.status_code).phrase
    detail = str(exc.detail)
    if exc.status_code == 404:
        detail = f"Nothing is served at {request.url.path}."
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        # A 405 must carry Allow. Starlette lists only the first route that
        # matched the path, so GET /users and POST /users would say "POST".
        headers["Allow"] = _allowed_methods(request)
        detail = (
            f"{request.method} is not allowed here; use one of: {headers['Allow']}."
        )
    return problem_response(
        request, exc.status_code, title=phrase, detail=detail, headers=headers
    )


def _allowed_methods(request: Request) -> str:
    """Every method some route accepts on this path, e.g. "GET, POST"."""
    methods: set[str] = set()
    for route in request.app.router.routes:
        match, _ = route.matches(request.scope)
        if match is not Match.NONE:
            methods |= getattr(route, "methods", None) or set()
    return ", ".join(sorted(methods))


async def _on_crash(request: Request, exc: Exception) -> JSONResponse:
    # The traceback goes to the log, never to the client: it can hold SQL,
    # file paths and data that belong to other users.
    logger.exception("unhandled error on %s %s", request.method, request.url.path)
    return problem_response(
        request,
        500,
        title="Internal Server Error",
        detail="The server failed to handle this request; it has been logged.",
    )


# --8<-- [start:install]
def install_problem_handlers(app: FastAPI) -> None:
    """Route every kind of error through problem_response."""
    app.add_exception_handler(ProblemError, _on_problem)
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(StarletteHTTPException, _on_http_error)
    app.add_exception_handler(Exception, _on_crash)


# --8<-- [end:install]
