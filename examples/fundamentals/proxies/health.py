"""A dead backend: idempotent requests retried, passive ejection, an active check."""

from __future__ import annotations

import asyncio

from examples.fundamentals.proxies.backend import Backend
from examples.fundamentals.proxies.http1 import Message, fetch, get
from examples.fundamentals.proxies.proxy import ReverseProxy

TIMEOUT_S = 5.0


def post() -> Message:
    return Message("POST /orders HTTP/1.1", [("Host", "example.test")], b"{}")


# --8<-- [start:demo]
async def main() -> None:
    async with Backend() as a, Backend() as b:
        dead = Backend()
        async with dead:
            pass  # it listened once; now its port refuses connections
        backends = [a.address, b.address, dead.address]
        async with ReverseProxy(backends, eject_after=3) as proxy:
            for method, make in (("POST", post), ("GET", get)):
                codes = [
                    (await fetch(proxy.address, make(), timeout_s=TIMEOUT_S)).status
                    for _ in range(6)
                ]
                print(f"6 x {method:<4} {codes}")
                #> 6 x POST [200, 200, 502, 200, 200, 502]
                #> 6 x GET  [200, 200, 200, 200, 200, 200]
            print("ejected:", proxy.counts("ejected"))
            #> ejected: [False, False, True]
            print("check:  ", await proxy.check_health())
            #> check:   [True, True, False]
            async with Backend(port=dead.port):  # the backend comes back
                print("check:  ", await proxy.check_health())
                #> check:   [True, True, True]
                print("ejected:", proxy.counts("ejected"))
                #> ejected: [False, False, False]


if __name__ == "__main__":
    asyncio.run(main())
# --8<-- [end:demo]
