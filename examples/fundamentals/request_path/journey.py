"""Follow one HTTPS request for https://api.shop.test/orders/7 through every hop.

The client does what a browser or an HTTP library does, one step at a time,
so each step can print what it learned: ask DNS for the address, open TCP,
run the TLS handshake and check the certificate, send the request, read the
answer. The servers behind it (stack.py) write their own lines to the same
trace, so the output is the request's path in the order things happened.
"""

from __future__ import annotations

import asyncio
import json

from dnslib import QTYPE, RCODE

from examples.fundamentals.dns.stub import ask
from examples.fundamentals.proxies.http1 import Message, close, read_response
from examples.fundamentals.request_path.stack import HOST, Stack, Trace, running_stack

TIMEOUT_S = 5.0  # every step gets one; a real client also caps the whole request


# --8<-- [start:client]
async def get_order(stack: Stack, order_id: int, trace: Trace) -> dict[str, object]:
    # 1. DNS: the stub asks its resolver (here the zone's own server) for A.
    reply = await asyncio.to_thread(ask, HOST, "A", stack.dns_port)
    records = [r for r in reply.rr if r.rtype == QTYPE.A]
    if not records:  # NXDOMAIN, or the name exists with no IPv4 address
        raise LookupError(f"{HOST}: {RCODE[reply.header.rcode]}, no A record")
    record = records[0]
    address = str(record.rdata)
    trace("dns", f"{HOST} A? -> {address}, may be cached for {record.ttl} s")

    # 2-3. TCP, then TLS on top: open_connection does both, so time them apart
    # in the benchmark; here the handshake's result is what matters.
    reader, writer = await asyncio.wait_for(
        asyncio.open_connection(
            address, stack.lb_port, ssl=stack.client_tls, server_hostname=HOST
        ),
        TIMEOUT_S,
    )
    try:
        tls = writer.get_extra_info("ssl_object")
        names = [v for k, v in tls.getpeercert()["subjectAltName"] if k == "DNS"]
        trace(
            "tls",
            f"{tls.version()}, certificate for {names} verified, ALPN "
            f"{tls.selected_alpn_protocol()}",
        )

        # 4. HTTP/1.1 request; Host says which site, since one address serves many.
        request = Message(f"GET /orders/{order_id} HTTP/1.1", [("Host", HOST)])
        trace("client", f"sends {request.start!r}")
        writer.write(request.encode())
        await writer.drain()
        answer = await asyncio.wait_for(read_response(reader, "GET"), TIMEOUT_S)
    finally:
        await close(writer)
    if answer is None:
        raise ConnectionError("the load balancer closed without answering")
    trace("client", f"{answer.start} {answer.body.decode()}")
    if answer.status != 200:
        raise LookupError(f"{answer.start}: {answer.body.decode()}")
    return json.loads(answer.body)


# --8<-- [end:client]


# --8<-- [start:main]
async def main() -> None:
    trace = Trace()
    async with running_stack(trace) as stack:
        order = await get_order(stack, 7, trace)
    print(order)
    #> {'id': 7, 'status': 'shipped'}
    for event in trace.events:
        print(event)
        #> dns    api.shop.test A? -> 127.0.0.1, may be cached for 60 s
        #> tls    TLSv1.3, certificate for ['api.shop.test'] verified, ALPN http/1.1
        #> client sends 'GET /orders/7 HTTP/1.1'
        #> lb     decrypted (TLSv1.3 ends here); 66 bytes on to the proxy
        #> app    GET /orders/7 from the proxy, X-Forwarded-For: 127.0.0.1
        #> db     SELECT id, status FROM orders WHERE id = ? -> 1 row
        #> client HTTP/1.1 200 OK {"id": 7, "status": "shipped"}


# --8<-- [end:main]


if __name__ == "__main__":
    asyncio.run(main())
