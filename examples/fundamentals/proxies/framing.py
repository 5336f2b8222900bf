"""Requests two parsers could split differently are refused before any backend sees them."""

from __future__ import annotations

import asyncio

from examples.fundamentals.proxies.backend import Backend
from examples.fundamentals.proxies.http1 import close, open_stream, read_response
from examples.fundamentals.proxies.proxy import ReverseProxy

TIMEOUT_S = 5.0
HEAD = b"POST /upload HTTP/1.1\r\nHost: example.test\r\n"
# --8<-- [start:ambiguous]
AMBIGUOUS = {
    "length and chunked": b"Content-Length: 4\r\nTransfer-Encoding: chunked\r\n",
    "two lengths": b"Content-Length: 4\r\nContent-Length: 9\r\n",
    "space before colon": b"Transfer-Encoding : chunked\r\n",
    "bare LF in a value": b"X-Note: a\nTransfer-Encoding: chunked\r\n",
    "chunked alone": b"Transfer-Encoding: chunked\r\n",
    "length alone": b"Content-Length: 4\r\n",
}
# --8<-- [end:ambiguous]


async def send_raw(address: tuple[str, int], data: bytes) -> int:
    """Write raw bytes to the proxy; the status of its answer."""
    async with asyncio.timeout(TIMEOUT_S):
        reader, writer = await open_stream(*address)
        try:
            writer.write(data)
            await writer.drain()
            answer = await read_response(reader, "POST")
        finally:
            await close(writer)
    if answer is None:
        raise ConnectionError("the proxy closed without answering")
    return answer.status


# --8<-- [start:demo]
async def main() -> None:
    async with Backend() as backend, ReverseProxy([backend.address]) as proxy:
        for label, fields in AMBIGUOUS.items():
            status = await send_raw(proxy.address, HEAD + fields + b"\r\nbody")
            print(f"{label:<19} {status}")
            #> length and chunked  400
            #> two lengths         400
            #> space before colon  400
            #> bare LF in a value  400
            #> chunked alone       501
            #> length alone        200
        print("connections that reached the backend:", backend.connections_accepted)
        #> connections that reached the backend: 1


if __name__ == "__main__":
    asyncio.run(main())
# --8<-- [end:demo]
