"""A small service with the probes and the overload guard a real one needs.

- `/livez`: liveness. Answers 200 while the process can serve at all; it
  checks no dependency, so a database outage never gets every pod restarted.
- `/readyz`: readiness. 503 while draining or while a dependency this pod
  needs is down: the pod leaves the load balancer but keeps running. It
  reads a flag that a background check keeps fresh, so a probe never waits
  on the database (and a blocking ping never stalls the event loop).
- `/work?ms=N`: the real endpoint; sleeps N ms (capped) to stand in for work.
- A guard in front of `/work` rejects at once with 503 and `Retry-After`
  when too many requests are already in flight: shedding at the door is
  cheaper than queueing work nobody will wait for.
- While draining, every response says `Connection: close`, so clients open
  their next request on another pod instead of reusing a connection that
  is about to be closed under them.
- `/openapi.json`: the document below, written by hand (Starlette makes
  none), listing every status and body the three routes can answer with.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_WORK_MS = 10_000


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": schema}},
    }


def _const(name: str, value: object) -> dict[str, Any]:
    props = {name: {"const": value}}
    return {
        "type": "object",
        "required": [name],
        "properties": props,
        "additionalProperties": False,
    }


_ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {"error": {"type": "string"}},
    "additionalProperties": False,
}
OPENAPI: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "Probes and an overload guard", "version": "1.0.0"},
    "paths": {
        "/livez": {
            "get": {
                "operationId": "livez",
                "responses": {
                    "200": _json(
                        {
                            "type": "object",
                            "required": ["alive", "in_flight"],
                            "properties": {
                                "alive": {"const": True},
                                "in_flight": {"type": "integer", "minimum": 0},
                            },
                            "additionalProperties": False,
                        },
                        "The process can serve; no dependency is checked.",
                    )
                },
            }
        },
        "/readyz": {
            "get": {
                "operationId": "readyz",
                "responses": {
                    "200": _json(_const("ready", True), "Send this pod traffic."),
                    "503": _json(
                        _const("ready", False), "Draining, or a dependency is down."
                    ),
                },
            }
        },
        "/work": {
            "get": {
                "operationId": "work",
                "parameters": [
                    {
                        "name": "ms",
                        "in": "query",
                        "required": False,
                        "schema": {
                            "type": "integer",
                            "minimum": 0,
                            "maximum": MAX_WORK_MS,
                            "default": 0,
                        },
                    }
                ],
                "responses": {
                    "200": _json(
                        _const("done", True), "The work ran for ms milliseconds."
                    ),
                    "400": _json(_ERROR, "ms is not an integer from 0 to MAX_WORK_MS."),
                    "503": {
                        **_json(
                            _const("error", "busy"), "Too many requests in flight."
                        ),
                        "headers": {
                            "Retry-After": {
                                "required": True,
                                "schema": {"type": "string", "pattern": "^[0-9]+$"},
                            }
                        },
                    },
                },
            }
        },
    },
}


async def openapi_document(request: Request) -> Response:
    return JSONResponse(OPENAPI)


# --8<-- [start:state]
@dataclass
class ServiceState:
    max_in_flight: int = 8
    in_flight: int = 0
    draining: bool = False  # set on SIGTERM, before the server stops accepting
    dependency_up: bool = True  # set by a background check, not by each probe


async def refresh_dependency_flag(
    state: ServiceState, ping: Callable[[], Awaitable[bool]], every_s: float
) -> None:
    """Runs for the app's lifetime: probes read the flag, never the database."""
    while True:
        try:
            async with asyncio.timeout(every_s):
                state.dependency_up = await ping()
        except Exception:  # a ping that raises or hangs means "down"
            state.dependency_up = False
        await asyncio.sleep(every_s)


# --8<-- [end:state]


# --8<-- [start:app]
def make_app(
    state: ServiceState,
    ping: Callable[[], Awaitable[bool]] | None = None,
    every_s: float = 5.0,
) -> ASGIApp:
    async def livez(request: Request) -> Response:
        return JSONResponse({"alive": True, "in_flight": state.in_flight})

    async def readyz(request: Request) -> Response:
        ready = not state.draining and state.dependency_up
        return JSONResponse({"ready": ready}, status_code=200 if ready else 503)

    async def work(request: Request) -> Response:
        try:
            ms = int(request.query_params.get("ms", "0"))
        except ValueError:
            return JSONResponse({"error": "ms must be an integer"}, status_code=400)
        if not 0 <= ms <= MAX_WORK_MS:
            return JSONResponse(
                {"error": f"ms must be 0..{MAX_WORK_MS}"}, status_code=400
            )
        await asyncio.sleep(ms / 1000)
        return JSONResponse({"done": True})

    def shed_when_busy(
        handler: Callable[[Request], Awaitable[Response]],
    ) -> Callable[[Request], Awaitable[Response]]:
        async def guarded(request: Request) -> Response:
            if state.in_flight >= state.max_in_flight:
                headers = {"Retry-After": "1"}  # seconds; clients add jitter
                return JSONResponse({"error": "busy"}, status_code=503, headers=headers)
            state.in_flight += 1
            try:
                return await handler(request)
            finally:
                state.in_flight -= 1

        return guarded

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if ping is None:
            yield
            return
        checker = asyncio.create_task(refresh_dependency_flag(state, ping, every_s))
        yield
        checker.cancel()

    app = Starlette(
        routes=[
            Route("/livez", livez),
            Route("/readyz", readyz),
            Route("/work", shed_when_busy(work)),
            Route("/openapi.json", openapi_document),
        ],
        lifespan=lifespan,
    )
    return CloseWhileDraining(app, state)


class CloseWhileDraining:
    """ASGI middleware: while draining, ask clients not to reuse connections."""

    def __init__(self, app: ASGIApp, state: ServiceState) -> None:
        self.app, self.state = app, state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_closing(message: Message) -> None:
            if message["type"] == "http.response.start" and self.state.draining:
                headers = [*message.get("headers", []), (b"connection", b"close")]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_closing)


# --8<-- [end:app]


def main() -> None:
    """Probe states and shedding on a loopback server, in one process."""
    import httpx2

    from examples.uvicorn_server import serve

    # --8<-- [start:demo]
    state = ServiceState(max_in_flight=2)
    with serve(make_app(state)) as port:
        url = f"http://127.0.0.1:{port}"
        with httpx2.Client(base_url=url, timeout=5.0) as client:

            def probes() -> tuple[int, int]:
                return (
                    client.get("/livez").status_code,
                    client.get("/readyz").status_code,
                )

            print("healthy (live, ready):", probes())
            #> healthy (live, ready): (200, 200)
            state.dependency_up = False  # as the background check would set it
            print("database down (live, ready):", probes())
            #> database down (live, ready): (200, 503)
            state.dependency_up = True
            state.in_flight = state.max_in_flight  # as if two slow requests ran
            busy = client.get("/work")
            print("at the limit:", busy.status_code, busy.headers["retry-after"])
            #> at the limit: 503 1
            state.in_flight = 0
            print("below it:", client.get("/work", params={"ms": 5}).status_code)
            #> below it: 200
    # --8<-- [end:demo]


if __name__ == "__main__":
    main()
