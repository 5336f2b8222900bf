"""Which address is the client? A backend that trusts X-Forwarded-For only from its proxy.

Loopback has a whole /8, so each party gets its own source address: the
client 127.0.0.3, the proxy 127.0.0.2. The backend trusts only 127.0.0.2.
"""

from __future__ import annotations

import asyncio

from examples.fundamentals.proxies.backend import Backend
from examples.fundamentals.proxies.http1 import Message, fetch, get, response
from examples.fundamentals.proxies.proxy import ReverseProxy
from examples.system_design.rate_limiter.client_key import Trust, client_address

CLIENT, PROXY = "127.0.0.3", "127.0.0.2"
TIMEOUT_S = 5.0


# --8<-- [start:backend]
TRUST = Trust.of(f"{PROXY}/32")  # our proxies, and nobody else


async def who_am_i(request: Message, peer: str) -> Message:
    """Answer with the client address, as far as trusted proxies vouch for it."""
    chain = request.get("X-Forwarded-For")
    address = client_address(peer, chain, TRUST)
    return response(200, f"{address} (header: {', '.join(chain) or '-'})".encode())


# --8<-- [end:backend]


# --8<-- [start:demo]
async def main() -> None:
    forged = ("X-Forwarded-For", "1.2.3.4")
    async with (
        Backend(who_am_i) as backend,
        ReverseProxy([backend.address], source=PROXY) as proxy,
    ):
        cases = {
            "via proxy": (proxy.address, get("/")),
            "via proxy, forged": (proxy.address, get("/", forged)),
            "direct, forged": (backend.address, get("/", forged)),
        }
        for label, (address, request) in cases.items():
            answer = await fetch(address, request, timeout_s=TIMEOUT_S, source=CLIENT)
            print(f"{label:<18} {answer.body.decode()}")
            #> via proxy          127.0.0.3 (header: 127.0.0.3)
            #> via proxy, forged  127.0.0.3 (header: 1.2.3.4, 127.0.0.3)
            #> direct, forged     127.0.0.3 (header: 1.2.3.4)


if __name__ == "__main__":
    asyncio.run(main())
# --8<-- [end:demo]
