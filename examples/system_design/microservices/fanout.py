"""A fan-out route: one client request, several backend calls at once.

GET /dashboard/{id} asks users for the user and orders for their orders, in
parallel. What the client gets when one backend is slow or down depends on two
choices: the timeout of each call, and whether an optional part may be missing
(a degraded answer, marked as such) or fails the whole request.
"""

from __future__ import annotations

import json
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit

from examples.system_design.microservices.gateway import Gateway, Upstream
from examples.system_design.microservices.http_kit import (
    CLIENT_ID,
    PROBLEM_JSON,
    REQUEST_ID,
    Response,
    json_response,
    problem,
)


@dataclass(frozen=True)
class Part:
    """One backend call of a fan-out; `{id}` in the target is the request's id."""

    name: str
    service: str
    target: str
    required: bool = False  # without it the answer is useless: fail the request


@dataclass(frozen=True)
class Failure:
    status: int
    slug: str
    detail: str
    body: bytes = b""  # a backend's own 4xx problem, passed through as it is


# --8<-- [start:fanout]
@dataclass(frozen=True)
class FanOut:
    """Serves `prefix/{id}` by calling every part at once."""

    prefix: str
    parts: tuple[Part, ...]
    timeout: float | None  # per call; None waits as long as the backend takes
    degrade: bool  # True: answer with what arrived, and say what is missing

    def matches(self, path: str) -> bool:
        return path.startswith(self.prefix + "/")

    def handle(
        self, gateway: Gateway, target: str, client: str, request_id: str
    ) -> Response:
        key = urlsplit(target).path.removeprefix(self.prefix + "/")
        if not re.fullmatch(r"[0-9]{1,9}", key):
            return problem(400, "bad-id", "the id must be a number", request_id)
        headers = {REQUEST_ID: request_id, CLIENT_ID: client}
        with ThreadPoolExecutor(max_workers=len(self.parts)) as pool:
            calls = {
                part: pool.submit(self._one, gateway, part, key, headers)
                for part in self.parts
            }
        results = {part: call.result() for part, call in calls.items()}
        failed = [part for part in self.parts if isinstance(results[part], Failure)]
        for part in failed:
            failure = results[part]
            if isinstance(failure, Failure) and (part.required or not self.degrade):
                return _fail(failure, part, request_id)
        document = {
            part.name: None if part in failed else results[part] for part in self.parts
        }
        document["degraded"] = [part.name for part in failed]  # the marker
        response = json_response(200, document)
        response.note = "degraded: " + ", ".join(document["degraded"]) if failed else ""
        return response

    def _one(
        self, gateway: Gateway, part: Part, key: str, headers: dict[str, str]
    ) -> object:
        target = part.target.format(id=key)
        try:
            status, _, body = gateway.fetch(
                part.service, "GET", target, headers, b"", self.timeout
            )
        except Upstream as error:
            return Failure(error.status, error.slug, error.detail)
        if 400 <= status < 500:
            return Failure(status, "upstream-refused", f"answered {status}", body)
        if status != 200:
            return Failure(502, "upstream-failed", f"answered {status}")
        try:
            return json.loads(body)
        except ValueError:
            return Failure(502, "upstream-failed", "answered with invalid JSON")


# --8<-- [end:fanout]


def _fail(failure: Failure, part: Part, request_id: str) -> Response:
    if failure.body:  # the backend's own 4xx, such as 404 for an unknown user
        return Response(failure.status, failure.body, {"Content-Type": PROBLEM_JSON})
    detail = f"{part.name}: {failure.detail}"
    return problem(failure.status, failure.slug, detail, request_id)


def dashboard(*, timeout: float | None, degrade: bool) -> FanOut:
    """The demo's fan-out: the user (required) and their orders (optional)."""
    return FanOut(
        "/dashboard",
        (
            Part("user", "users", "/users/{id}", required=True),
            Part("orders", "orders", "/orders?user_id={id}"),
        ),
        timeout=timeout,
        degrade=degrade,
    )
