"""A client for a third-party shipping API, and the stub server its tests run against.

The carrier is someone else's service: the tests cannot call it, and a mock
of the client library would only check that the code calls the mock. So the
tests start a stub carrier on a loopback port (uvicorn, port 0) that answers
from a script and records what it received. The client runs unchanged, over
a real socket, through its real timeouts and error handling.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

import httpx2
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

TIMEOUT_SECONDS = 2.0


class CarrierUnavailable(Exception):
    """The carrier failed or was too slow; the caller may retry later."""


# --8<-- [start:client]
def shipping_quote(client: httpx2.Client, sku: str, quantity: int) -> int:
    """The carrier's price in cents to ship `quantity` of `sku`."""
    try:
        response = client.post("/v1/quotes", json={"sku": sku, "quantity": quantity})
    except httpx2.TimeoutException as error:
        raise CarrierUnavailable("the carrier timed out") from error
    if response.status_code >= 500:
        raise CarrierUnavailable(f"the carrier answered {response.status_code}")
    response.raise_for_status()  # a 4xx is our bug: let it surface
    return int(response.json()["cents"])


def carrier(base_url: str, token: str) -> httpx2.Client:
    """A client with a base URL, the API token and a timeout on every call."""
    return httpx2.Client(
        base_url=base_url,
        headers={"Authorization": f"Bearer {token}"},
        timeout=TIMEOUT_SECONDS,
    )


# --8<-- [end:client]


# --8<-- [start:stub]
@dataclass
class Reply:
    status: int
    body: dict[str, Any]
    delay_seconds: float = 0.0  # longer than the client's timeout: a slow carrier


@dataclass
class StubCarrier:
    """Answers each request with the next scripted Reply; keeps what it received."""

    script: list[Reply]
    received: list[dict[str, Any]] = field(default_factory=list)

    def app(self) -> Starlette:
        async def quotes(request: Request) -> JSONResponse:
            self.received.append(
                {
                    "path": request.url.path,
                    "auth": request.headers.get("authorization"),
                    "json": await request.json(),
                }
            )
            if not self.script:  # an unscripted call is a test bug: say so loudly
                return JSONResponse({"error": "unscripted request"}, status_code=599)
            reply = self.script.pop(0)
            await asyncio.sleep(reply.delay_seconds)
            return JSONResponse(reply.body, status_code=reply.status)

        return Starlette(routes=[Route("/v1/quotes", quotes, methods=["POST"])])


# --8<-- [end:stub]


if __name__ == "__main__":
    from examples import uvicorn_server

    # --8<-- [start:run]
    stub = StubCarrier(
        [
            Reply(200, {"cents": 899}),
            Reply(503, {"error": "maintenance"}),
            Reply(200, {"cents": 899}, delay_seconds=TIMEOUT_SECONDS + 1),
        ]
    )
    with (
        uvicorn_server.serve(stub.app()) as port,
        carrier(f"http://127.0.0.1:{port}", "test-token") as client,
    ):
        print("quote:", shipping_quote(client, "mug", 2))
        #> quote: 899
        for _ in range(2):
            try:
                shipping_quote(client, "mug", 2)
            except CarrierUnavailable as error:
                print("CarrierUnavailable:", error)
                #> CarrierUnavailable: the carrier answered 503
                #> CarrierUnavailable: the carrier timed out
    first = stub.received[0]
    print("the stub received:", first["path"], first["auth"], first["json"])
    #> the stub received: /v1/quotes Bearer test-token {'sku': 'mug', 'quantity': 2}
    # --8<-- [end:run]
