"""The URL shortener service: create, read, delete and follow short links.

PostgreSQL holds the links; Redis, when given, is a cache-aside in front of
the redirect. A found redirect records a click without waiting for it
(clicks.py). Errors are RFC 9457 problem details, from the users API's
module (examples/apis/rest/problem_details.py).
"""

# requires-server: postgres, redis

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    field_validator,
    model_validator,
)
from starlette.convertors import Convertor, register_url_convertor  # codespell:ignore

from examples.apis.rest.problem_details import (
    PROBLEM_TYPES,
    install_problem_handlers,
    problem_response,
    problem_responses,
)
from examples.system_design.url_shortener.cache import LinkCache
from examples.system_design.url_shortener.clicks import ClickLog
from examples.system_design.url_shortener.ranges import RangeCodes
from examples.system_design.url_shortener.redirects import (
    NOT_FOUND_CACHE_CONTROL,
    redirect_for,
)
from examples.system_design.url_shortener.store import (
    MAX_URL_LENGTH,
    Connect,
    Link,
    delete_link,
    find_link,
    insert_link,
)

Clock = Callable[[], datetime]
CODE = re.compile(r"[0-9A-Za-z]{1,16}")
MAX_LIFETIME_SECONDS = 5 * 365 * 86_400  # the retention the estimate assumes
NOT_FOUND = problem_responses({404: "No live link has this code"})
# The redirect's headers, in the OpenAPI document (it has no body).
REDIRECT = {
    "headers": {
        "Location": {"required": True, "schema": {"type": "string"}},  # the url
        "Cache-Control": {"required": True, "schema": {"type": "string"}},
    },
}


class ShortCode(Convertor[str]):  # codespell:ignore (Starlette's own spelling)
    """A path segment other than "links": GET /links is not a redirect.

    OpenAPI matches a concrete path (/links) before a template (/{code}), so
    its document says GET /links is no operation; without this, the router
    sent it to the redirect. Range codes have 7 characters or more: none is "links".
    """

    regex = "(?!links$)[^/]+"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("short_code", ShortCode())
REDIRECT_ROUTE: dict[str, Any] = {
    "status_code": 302,
    "response_class": Response,  # no body, so the document lists no JSON
    "responses": {301: REDIRECT, 302: REDIRECT, **NOT_FOUND},
}


class Stats:
    """Cache hits and misses of the redirect, counted safely across request threads."""

    def __init__(self) -> None:
        self._counts: Counter[str] = Counter()
        self._lock = threading.Lock()

    def add(self, name: str) -> None:
        with self._lock:
            self._counts[name] += 1

    def snapshot(self) -> dict[str, int]:
        with self._lock:
            return dict(self._counts)


# --8<-- [start:models]
# An absolute http(s) URL in printable ASCII, as a pattern the OpenAPI document
# carries: a lowercase scheme (the table's CHECK is case-sensitive), optional
# user info and @, a host that is not empty and not an [IPv6] literal, an
# optional numeric port, then anything. No part holds the character ending it.
URL_PATTERN = (
    r'^https?://(?:[!"$-.0->@-Z\\^-~]*@)?'  # user info: no / ? # [ ]
    r'[!"$-.0-9;->A-Z\\^-~]+'  # host: also no @ or :
    r"(?::[0-9]*)?(?:[/?#][!-~]*)?$"
)
URL = re.compile(URL_PATTERN)


def _json_integer(value: object) -> object:
    # Pydantic's lax int takes "60" and true; JSON Schema's integer does not.
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("must be an integer")
    return value


class NewLink(BaseModel):
    # The model validator's rule, in JSON Schema: a permanent link has no expiry.
    model_config = ConfigDict(
        json_schema_extra={
            "if": {
                "properties": {"permanent": {"const": True}},
                "required": ["permanent"],
            },
            "then": {"properties": {"expires_in_seconds": {"type": "null"}}},
        }
    )

    url: str = Field(
        max_length=MAX_URL_LENGTH, json_schema_extra={"pattern": URL_PATTERN}
    )
    # JSON's own types, as the document says: false, not 0; 60 or 60.0, not "60".
    permanent: StrictBool = False
    expires_in_seconds: (
        Annotated[
            int,
            Field(ge=1, le=MAX_LIFETIME_SECONDS),
            BeforeValidator(_json_integer),
        ]
        | None
    ) = None

    @field_validator("url")
    @classmethod
    def absolute_http_url(cls, url: str) -> str:
        # A URI is printable ASCII (RFC 3986); a Location header must be too.
        if not all("!" <= char <= "~" for char in url):
            raise ValueError(
                "url must be ASCII with no spaces or control characters:"
                " percent-encode the path and use the host's xn-- (IDNA) form"
            )
        if not URL.fullmatch(url):
            raise ValueError("url must be an absolute http or https URL")
        return url

    @model_validator(mode="after")
    def permanent_links_do_not_expire(self) -> NewLink:
        if self.permanent and self.expires_in_seconds is not None:
            raise ValueError("a permanent link cannot expire")
        return self


class LinkOut(BaseModel):
    code: str
    short_url: str
    url: str
    permanent: bool
    expires_at: datetime | None


# --8<-- [end:models]


def create_app(
    connect: Connect,
    codes: RangeCodes,
    cache: LinkCache | None = None,
    clicks: ClickLog | None = None,
    *,
    clock: Clock = lambda: datetime.now(UTC),
    public_base: str = "https://sho.rt",
) -> FastAPI:
    """The service; `cache=None` sends every redirect to PostgreSQL."""
    app = FastAPI(title="URL shortener")
    install_problem_handlers(app)
    app.state.stats = stats = Stats()
    app.state.cache, app.state.clicks = cache, clicks

    def out(link: Link) -> LinkOut:
        short_url = f"{public_base}/{link.code}"
        return LinkOut(short_url=short_url, **vars(link))

    def not_found(request: Request, code: str) -> JSONResponse:
        return problem_response(
            request,
            404,
            title="Link not found",
            detail=f"No live link has the code {code!r}.",
            type_=PROBLEM_TYPES + "link-not-found",
            headers={"Cache-Control": NOT_FOUND_CACHE_CONTROL},
        )

    # --8<-- [start:create]
    @app.post("/links", status_code=201, response_model=LinkOut)
    def create(new: NewLink, response: Response) -> LinkOut:
        now = clock()
        expires_at = None
        if new.expires_in_seconds is not None:
            expires_at = now + timedelta(seconds=new.expires_in_seconds)
        link = Link(codes.next_code(), new.url, new.permanent, expires_at)
        with connect() as conn:
            insert_link(conn, link, now)
        response.headers["Location"] = f"/links/{link.code}"
        return out(link)

    # --8<-- [end:create]

    @app.get("/links/{code}", response_model=LinkOut, responses=NOT_FOUND)
    def read(code: str, request: Request) -> LinkOut | JSONResponse:
        with connect() as conn:
            link = find_link(conn, code, clock()) if CODE.fullmatch(code) else None
        return not_found(request, code) if link is None else out(link)

    # --8<-- [start:delete]
    @app.delete("/links/{code}", status_code=204, responses=NOT_FOUND)
    def delete(code: str, request: Request) -> Response:
        with connect() as conn:
            deleted = CODE.fullmatch(code) is not None and delete_link(conn, code)
        if cache is not None:
            cache.forget(code)  # after the table: a reader refills from the truth
        return Response(status_code=204) if deleted else not_found(request, code)

    # --8<-- [end:delete]

    # --8<-- [start:redirect]
    @app.get("/{code:short_code}", **REDIRECT_ROUTE)
    @app.head("/{code:short_code}", **REDIRECT_ROUTE)
    def follow(code: str, request: Request) -> Response:
        if not CODE.fullmatch(code):
            return not_found(request, code)  # never reaches the cache or the table
        now = clock()
        link = cache.get(code) if cache is not None else None
        if link is not None and not link.live_at(now):
            cache.forget(code)
            link = None
        if link is not None:
            stats.add("hit")
        else:
            stats.add("miss")
            with connect() as conn:
                link = find_link(conn, code, now)
            if link is None:
                return not_found(request, code)
            if cache is not None:
                cache.put(link, now)  # skipped while a Redis failure is recent
        if clicks is not None and request.method == "GET":  # HEAD is no visit
            clicks.record(code, now)  # a queue put: the redirect never waits
        status, headers = redirect_for(link, now)
        return Response(status_code=status, headers=headers)

    # --8<-- [end:redirect]

    return app
