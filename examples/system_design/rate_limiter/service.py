"""The limiter as a service: the gateway (or a sidecar) asks, the service decides.

It has no authentication of its own: anyone who can call it can spend any
client's quota, so it listens only on a private network or behind mTLS.
The caller has already derived the client key (client_key.py) and names the
route; the service knows each route's policies and fail mode, runs the GCRA
script, and answers with the status to send (200 means "go on") and the
headers to copy onto the client's response. The check itself always answers
200 when it could decide; bad input gets 422 (400 for malformed JSON), an
unknown route 404, each as an RFC 9457 problem.
"""

# requires-server: redis

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import redis
from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, Field
from redis.backoff import NoBackoff
from redis.retry import Retry

from examples import server_settings
from examples.apis.rest.problem_details import (
    ProblemError,
    install_problem_handlers,
    problem_responses,
)
from examples.machine_coding.clock import system_clock
from examples.machine_coding.rate_limiter.token_bucket import TokenBucketLimiter
from examples.system_design.rate_limiter.deny_cache import DenyCache
from examples.system_design.rate_limiter.fail_modes import FailMode, GuardedLimiter
from examples.system_design.rate_limiter.gcra import GcraLimiter, Policy

# The whole decision must fit in the gateway's budget. On a shared laptop the
# tests need slack; in production this is a few milliseconds.
LIMITER_TIMEOUT_S = 0.25


@dataclass(frozen=True)
class Route:
    policies: tuple[Policy, ...]
    fail: FailMode
    instances: int = 4  # for FailMode.LOCAL: this instance's share of the limit


# --8<-- [start:routes]
ROUTES: dict[str, Route] = {
    "catalog": Route((Policy("second", 50, 1),), FailMode.OPEN),
    "search": Route(
        (Policy("second", 10, 1), Policy("hour", 2_000, 3_600)), FailMode.LOCAL
    ),
    # A security limit: with a burst below the limit, no minute admits more
    # than 5 and no day more than 20 (without it, up to twice that).
    "login": Route(
        (Policy("minute", 5, 60, burst=2), Policy("day", 20, 86_400, burst=5)),
        FailMode.CLOSED,
    ),
}
# --8<-- [end:routes]


# --8<-- [start:api]
class CheckRequest(BaseModel):
    route: str = Field(pattern=r"^[a-z][a-z0-9-]{0,31}$")
    client: str = Field(pattern=r"^[A-Za-z0-9_.:/@-]{1,128}$")
    cost: int = Field(default=1, ge=1, le=1_000)


class CheckResponse(BaseModel):
    status: int  # what the gateway sends: 200 (go on), 429 or 503
    decided_by: str
    headers: dict[str, str]


def create_app(
    r: redis.Redis,
    prefix: str,
    routes: Mapping[str, Route] = ROUTES,
    clock_us: Callable[[], int] | None = None,
) -> FastAPI:
    guards = {
        name: _guard(r, prefix, name, route, clock_us) for name, route in routes.items()
    }
    app = FastAPI(title="rate limiter")
    install_problem_handlers(app)  # errors as RFC 9457 problems, documented

    @app.post("/v1/check", responses=problem_responses({404: "No such route"}))
    def check(request: CheckRequest) -> CheckResponse:
        guard = guards.get(request.route)
        if guard is None:
            detail = f"No policies for route {request.route!r}."
            raise ProblemError(404, "route-not-found", "Route not found", detail)
        try:
            outcome = guard.check(request.client, request.cost)
        except ValueError as error:  # a cost above the route's burst
            where = {"type": "value_error", "loc": ("body", "cost"), "msg": str(error)}
            raise RequestValidationError([where]) from error
        status = int(outcome.status) if outcome.status else 200
        return CheckResponse(
            status=status, decided_by=outcome.decided_by, headers=outcome.headers
        )

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    return app


# --8<-- [end:api]


def _guard(
    r: redis.Redis,
    prefix: str,
    name: str,
    route: Route,
    clock_us: Callable[[], int] | None,
) -> GuardedLimiter:
    shared = GcraLimiter(r, f"{prefix}{name}:", route.policies, clock_us=clock_us)
    deny = DenyCache()  # refused clients wait here, not on a Redis shard
    if route.fail is not FailMode.LOCAL:
        return GuardedLimiter(shared, route.fail, deny=deny)
    tightest = min(route.policies, key=lambda p: p.period_s)
    share = max(1, tightest.limit // route.instances)
    local = TokenBucketLimiter(share, tightest.period_s, clock=system_clock)
    return GuardedLimiter(shared, route.fail, local, deny)


def limiter_client(url: str | None = None) -> redis.Redis:
    """A connection with the limiter's short budget and no retries."""
    return redis.Redis.from_url(
        url or server_settings.redis_url(),
        socket_connect_timeout=LIMITER_TIMEOUT_S,
        socket_timeout=LIMITER_TIMEOUT_S,
        retry=Retry(NoBackoff(), retries=0),
    )


def app_from_env() -> FastAPI:
    """For uvicorn: Redis from HANDBOOK_REDIS_URL, key prefix from RATE_LIMITER_PREFIX."""
    prefix = os.environ.get("RATE_LIMITER_PREFIX", "")
    if not prefix.endswith(":"):
        raise RuntimeError("set RATE_LIMITER_PREFIX to a key prefix ending in ':'")
    return create_app(limiter_client(), prefix)
