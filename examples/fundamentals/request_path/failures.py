"""Break each hop on purpose and see what the client gets: the error names the hop.

Reading an error this way is most of debugging a request path: a DNS error,
a refused connection, a certificate error, a 502 or 504 from the proxy and a
404 from the app each point at a different box, and at a different team.
"""

from __future__ import annotations

import asyncio
import socket
import ssl

from dnslib import RCODE

from examples.fundamentals.dns.stub import ask
from examples.fundamentals.proxies.backend import Backend
from examples.fundamentals.proxies.http1 import Message, close, fetch
from examples.fundamentals.proxies.proxy import ReverseProxy
from examples.fundamentals.request_path.journey import TIMEOUT_S, get_order
from examples.fundamentals.request_path.stack import HOST, Trace, running_stack


def free_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def slow(request: Message, peer: str) -> Message:
    await asyncio.sleep(30)  # far past the proxy's timeout
    raise AssertionError("the proxy should have given up")


# --8<-- [start:failures]
async def each_hop_broken() -> dict[str, str]:
    seen: dict[str, str] = {}
    trace = Trace()
    async with running_stack(trace) as stack:
        reply = await asyncio.to_thread(ask, "apii.shop.test", "A", stack.dns_port)
        seen["dns: a typo in the name"] = RCODE[reply.header.rcode]

        try:
            await asyncio.wait_for(
                asyncio.open_connection("127.0.0.1", free_port()), TIMEOUT_S
            )
        except ConnectionRefusedError as error:
            seen["tcp: nothing listening"] = type(error).__name__

        try:  # the right address, the wrong name: the certificate does not cover it
            _, writer = await asyncio.wait_for(
                asyncio.open_connection(
                    "127.0.0.1",
                    stack.lb_port,
                    ssl=stack.client_tls,
                    server_hostname="admin.shop.test",
                ),
                TIMEOUT_S,
            )
            await close(writer)  # not reached: the handshake fails
        except ssl.SSLCertVerificationError as error:
            seen["tls: name not on the certificate"] = error.verify_message.split(",")[
                0
            ]

        try:
            await get_order(stack, 404, trace)
        except LookupError as error:
            seen["app: no such order"] = str(error)

    async with ReverseProxy([("127.0.0.1", free_port())]) as proxy:
        answer = await fetch(
            proxy.address, Message("GET / HTTP/1.1", [("Host", HOST)]), timeout_s=5
        )
        seen["proxy: backend down"] = answer.start

    async with (
        Backend(slow) as backend,
        ReverseProxy([backend.address], timeout_s=0.2) as proxy,
    ):
        answer = await fetch(
            proxy.address, Message("GET / HTTP/1.1", [("Host", HOST)]), timeout_s=5
        )
        seen["proxy: backend too slow"] = answer.start
    return seen


for hop, error in asyncio.run(each_hop_broken()).items():
    print(f"{hop:<34} {error}")
    #> dns: a typo in the name            NXDOMAIN
    #> tcp: nothing listening             ConnectionRefusedError
    #> tls: name not on the certificate   Hostname mismatch
    #> app: no such order                 HTTP/1.1 404 Not Found: no such order
    #> proxy: backend down                HTTP/1.1 502 Bad Gateway
    #> proxy: backend too slow            HTTP/1.1 504 Gateway Timeout
# --8<-- [end:failures]
