"""One error format for the whole API: RFC 9457 problem details.

Every error leaves as `application/problem+json` with the members `type`,
`title`, `status`, `detail` and `instance`. Invalid input adds `errors`, one
object per mistake: `{"detail", "pointer"}` for a member of the JSON body (a
JSON Pointer, RFC 6901, as in RFC 9457's own example), `{"detail", "parameter"}`
for a path or query parameter, `{"detail", "header"}` for a header.

`install_problem_handlers` makes FastAPI's own errors (validation, 404 and 405
from routing, crashes) use the format too, and makes the OpenAPI document say
so, so a client needs one error parser, not one per status code.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from http import HTTPStatus
from typing import Any, NotRequired
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import TypeAdapter
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match
from typing_extensions import TypedDict  # Pydantic needs this one before 3.12

PROBLEM_JSON = "application/problem+json"
PROBLEM_TYPES = "https://api.example.com/problems/"
# RFC 9110 renamed these; Python's HTTPStatus uses the new phrases only from 3.13.
RFC_9110_PHRASES = {
    413: "Content Too Large",
    414: "URI Too Long",
    416: "Range Not Satisfiable",
    422: "Unprocessable Content",
}

logger = logging.getLogger(__name__)


# --8<-- [start:problem]
# What RFC 3986 lets a path segment or a fragment hold besides letters, digits
# and "-._~" (which quote never encodes); everything else is percent-encoded.
PCHAR = "!$&'()*+,;=:@"


def instance_of(request: Request) -> str:
    """The request's path as a URI reference, as the client sent it.

    Starlette's url.path is decoded, so %2F would come back as a second /; the
    raw path keeps it. Anything the raw path holds that a URI may not (a server
    can pass such bytes on) is percent-encoded; existing escapes stay.
    """
    # ASGI's raw_path never holds the query string.
    raw = request.scope.get("raw_path") or request.url.path.encode()
    return quote(raw.decode("latin-1"), safe="/%" + PCHAR)


class InvalidInput(TypedDict):
    """One mistake in the request, and where it is: exactly one of the rest."""

    detail: str
    pointer: NotRequired[str]  # a JSON Pointer into the body: "#/email"
    parameter: NotRequired[str]  # a path or query parameter: "limit"
    header: NotRequired[str]  # a request header: "idempotency-key"


class Problem(TypedDict):
    """The body of every error response (RFC 9457)."""

    type: str  # a URI clients switch on; "about:blank" means "see the status"
    title: str  # the same for every occurrence of this type
    status: int  # the HTTP status, repeated for logs and proxies
    detail: str  # this occurrence, for a human
    instance: str  # here, the request path
    errors: NotRequired[list[InvalidInput]]  # only for invalid input


class ProblemError(Exception):
    """Raise from a route to answer with a problem details document."""

    def __init__(
        self,
        status: int,
        slug: str,
        title: str,
        detail: str,
        *,
        headers: Mapping[str, str] | None = None,  # a 401's WWW-Authenticate
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.type = PROBLEM_TYPES + slug  # a stable id clients can switch on
        self.title = title
        self.detail = detail
        self.headers = headers


def problem_response(
    request: Request,
    status: int,
    *,
    title: str,
    detail: str,
    type_: str = "about:blank",
    errors: list[InvalidInput] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    """Build the application/problem+json response every error goes through."""
    body = Problem(
        type=type_,
        title=title,
        status=status,
        detail=detail,
        instance=instance_of(request),
    )
    if errors is not None:
        body["errors"] = errors
    return JSONResponse(body, status, headers=headers, media_type=PROBLEM_JSON)


# --8<-- [end:problem]


# --8<-- [start:validation]
def json_pointer(path: Iterable[str | int]) -> str:
    """A JSON Pointer in URI-fragment form: ["a/b", 0] -> "#/a~1b/0" (RFC 6901)."""
    tokens = (str(part).replace("~", "~0").replace("/", "~1") for part in path)
    # Section 6 of RFC 6901: percent-encode what a URI fragment cannot hold.
    return "#" + "".join("/" + quote(token, safe=PCHAR) for token in tokens)


def _invalid_input(error: Mapping[str, Any]) -> InvalidInput:
    """One Pydantic error, named the way the API's contract names things."""
    source, *path = error["loc"]  # ("body", "email"), ("query", "limit")
    found = InvalidInput(detail=error["msg"].removeprefix("Value error, "))
    if source == "body":
        found["pointer"] = json_pointer(path)
    elif source == "header":
        found["header"] = str(path[0])
    else:  # "path", "query" or "cookie": all parameters in OpenAPI's terms
        found["parameter"] = str(path[0])
    return found


async def _on_validation_error(
    request: Request, exc: RequestValidationError
) -> JSONResponse:
    errors = exc.errors()
    malformed = [e for e in errors if e["type"] == "json_invalid"]
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
    # RFC 9110 defines 422 for request *content* that parses but breaks the
    # rules. A bad path, query or header value is not content: that is a 400.
    in_body = all(e["loc"][0] == "body" for e in errors)
    return problem_response(
        request,
        422 if in_body else 400,
        title="Invalid request",
        detail="One or more inputs are invalid; see errors.",
        type_=PROBLEM_TYPES + "validation-error",
        errors=[_invalid_input(e) for e in errors],
    )


# --8<-- [end:validation]


# --8<-- [start:http_errors]
async def _on_problem(request: Request, exc: ProblemError) -> JSONResponse:
    return problem_response(
        request,
        exc.status,
        title=exc.title,
        detail=exc.detail,
        type_=exc.type,
        headers=exc.headers,
    )


def status_phrase(status: int) -> str:
    """The reason phrase RFC 9110 gives `status`: an about:blank problem's title."""
    if status in RFC_9110_PHRASES:
        return RFC_9110_PHRASES[status]
    try:
        return HTTPStatus(status).phrase
    except ValueError:  # a code no RFC defines, such as nginx's 499
        return f"Error {status}"


async def _on_http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    """Routing errors (no such path, wrong method) and HTTPException, same format."""
    phrase = status_phrase(exc.status_code)
    detail = str(exc.detail)
    if exc.status_code == 404 and detail == "Not Found":  # the router's default
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


# --8<-- [end:http_errors]


# --8<-- [start:openapi]
SCHEMA_REF = "#/components/schemas/"


def problem_doc(description: str) -> dict[str, Any]:
    """One OpenAPI response whose body is a Problem."""
    schema = {"$ref": SCHEMA_REF + "Problem"}
    return {"description": description, "content": {PROBLEM_JSON: {"schema": schema}}}


def problem_responses(described: Mapping[int, str]) -> dict[int | str, Any]:
    """A route's `responses=`: each of these statuses answers with a Problem."""
    return {status: problem_doc(text) for status, text in described.items()}


BAD_INPUT = {
    (True, False): "The body is not valid JSON",
    (False, True): "A path or query parameter or a header is invalid; see `errors`",
    (True, True): "Malformed JSON, or an invalid parameter or header; see `errors`",
}
BROKEN_SCHEMA = "The JSON body breaks the schema; `errors` points at each mistake"


def _document_problems(app: FastAPI) -> Callable[[], dict[str, Any]]:
    """app.openapi, changed to describe the errors this module really sends."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = build()  # FastAPI caches it in app.openapi_schema
            schemas = schema.setdefault("components", {}).setdefault("schemas", {})
            problem = TypeAdapter(Problem).json_schema(
                ref_template=SCHEMA_REF + "{model}"
            )
            schemas.update(problem.pop("$defs", {}), Problem=problem)
            # FastAPI documents a 422 in its own format on every route with
            # inputs; this API never sends that format.
            schemas.pop("HTTPValidationError", None)
            schemas.pop("ValidationError", None)
            for operation in _operations(schema):
                responses = operation["responses"]
                if "HTTPValidationError" in str(responses.get("422")):
                    del responses["422"]  # FastAPI's own; a route's own 422 stays
                inputs = ("requestBody" in operation, "parameters" in operation)
                if inputs in BAD_INPUT:
                    responses.setdefault("400", problem_doc(BAD_INPUT[inputs]))
                if "requestBody" in operation:
                    responses.setdefault("422", problem_doc(BROKEN_SCHEMA))
        return app.openapi_schema

    return openapi


def _operations(schema: dict[str, Any]) -> list[dict[str, Any]]:
    methods = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
    return [
        operation
        for path_item in schema.get("paths", {}).values()
        for method, operation in path_item.items()
        if method in methods
    ]


# --8<-- [end:openapi]


# --8<-- [start:install]
def install_problem_handlers(app: FastAPI) -> None:
    """Route every kind of error through problem_response, and document it."""
    app.add_exception_handler(ProblemError, _on_problem)
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(StarletteHTTPException, _on_http_error)
    app.add_exception_handler(Exception, _on_crash)
    app.openapi = _document_problems(app)  # type: ignore[method-assign]


# --8<-- [end:install]
