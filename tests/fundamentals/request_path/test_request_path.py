import asyncio
import socket
import ssl
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from examples.fundamentals.dns.server import serve_dns
from examples.fundamentals.dns.zone import Zone
from examples.fundamentals.proxies.http1 import Message, close, read_response
from examples.fundamentals.request_path.journey import get_order
from examples.fundamentals.request_path.stack import (
    HOST,
    ZONE,
    Trace,
    certificates,
    running_stack,
    tls_balancer,
)


def run(coroutine):
    return asyncio.run(asyncio.wait_for(coroutine, 30))


def test_the_trace_lists_every_hop_in_the_order_the_request_crossed_them() -> None:
    async def scenario() -> list[str]:
        trace = Trace()
        async with running_stack(trace) as stack:
            assert await get_order(stack, 8, trace) == {"id": 8, "status": "paid"}
        return [event.split()[0] for event in trace.events]

    assert run(scenario()) == ["dns", "tls", "client", "lb", "app", "db", "client"]


@pytest.mark.parametrize(
    ("start", "status"),
    [
        ("GET /orders/7 HTTP/1.1", 200),
        ("GET /orders/9 HTTP/1.1", 404),  # no such row
        ("GET /orders/x HTTP/1.1", 404),  # not an id: never reaches SQL
        ("GET /orders/ HTTP/1.1", 404),
        ("POST /orders/7 HTTP/1.1", 404),
        ("GET /admin HTTP/1.1", 404),
    ],
)
def test_the_app_answers_only_order_reads(start: str, status: int) -> None:
    async def scenario() -> int:
        async with running_stack(Trace()) as stack:
            reader, writer = await asyncio.open_connection(
                "127.0.0.1", stack.lb_port, ssl=stack.client_tls, server_hostname=HOST
            )
            try:
                writer.write(Message(start, [("Host", HOST)]).encode())
                answer = await read_response(reader, start.split()[0])
            finally:
                await close(writer)
        assert answer is not None
        return answer.status

    assert run(scenario()) == status


def test_requests_on_one_kept_connection_share_one_pooled_backend_connection() -> None:
    async def scenario() -> tuple[list[int], list[int], int]:
        async with running_stack(Trace()) as stack:
            reader, writer = await asyncio.open_connection(
                "127.0.0.1", stack.lb_port, ssl=stack.client_tls, server_hostname=HOST
            )
            statuses = []
            try:
                for order in (7, 8, 7):
                    request = Message(f"GET /orders/{order} HTTP/1.1", [("Host", HOST)])
                    writer.write(request.encode())
                    answer = await read_response(reader, "GET")
                    assert answer is not None
                    statuses.append(answer.status)
            finally:
                await close(writer)
            return (
                statuses,
                stack.proxy.counts("connections_opened"),
                stack.backend.connections_accepted,
            )

    statuses, opened, accepted = run(scenario())
    assert statuses == [200, 200, 200]
    assert opened == [1]
    assert accepted == 1


def test_a_client_that_does_not_trust_the_shop_root_is_refused() -> None:
    async def scenario() -> None:
        async with running_stack(Trace()) as stack:
            stranger = ssl.create_default_context()  # the system roots only
            await asyncio.open_connection(
                "127.0.0.1", stack.lb_port, ssl=stranger, server_hostname=HOST
            )

    with pytest.raises(
        ssl.SSLCertVerificationError, match="unable to get local issuer certificate"
    ):
        run(scenario())


def test_every_server_is_stopped_when_the_block_ends() -> None:
    async def scenario() -> list[tuple[str, int]]:
        async with running_stack(Trace()) as stack:
            addresses = [
                ("127.0.0.1", stack.lb_port),
                stack.proxy.address,
                stack.backend.address,
            ]
        return addresses

    for address in run(scenario()):
        with pytest.raises(ConnectionRefusedError):
            run(asyncio.open_connection(*address))


def caught_errors(loop: asyncio.AbstractEventLoop) -> list[str]:
    """What the loop would have logged as unhandled (callbacks, server handlers)."""
    errors: list[str] = []
    loop.set_exception_handler(lambda _, context: errors.append(context["message"]))
    return errors


async def tls_client(
    port: int, context: ssl.SSLContext
) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    return await asyncio.wait_for(
        asyncio.open_connection("127.0.0.1", port, ssl=context, server_hostname=HOST),
        10,
    )


def test_a_client_still_connected_when_the_stack_stops_leaves_no_task_behind() -> None:
    async def scenario() -> tuple[list[str], list[str], bool]:
        errors = caught_errors(asyncio.get_running_loop())
        before = asyncio.all_tasks()
        async with running_stack(Trace()) as stack:
            reader, writer = await tls_client(stack.lb_port, stack.client_tls)
            writer.write(Message("GET /orders/7 HTTP/1.1", [("Host", HOST)]).encode())
            assert (
                await asyncio.wait_for(read_response(reader, "GET"), 10)
            ).status == 200
        # The balancer must have ended its side: the client sees EOF, no task survives.
        eof = await asyncio.wait_for(reader.read(1), 10) == b""
        left = [t.get_coro().__qualname__ for t in asyncio.all_tasks() - before]
        await close(writer)
        return left, errors, eof

    left, errors, eof = run(scenario())
    assert left == []
    assert errors == []
    assert eof


def test_the_balancer_closes_the_client_when_the_proxy_is_down() -> None:
    async def scenario() -> tuple[bytes, list[str]]:
        errors = caught_errors(asyncio.get_running_loop())
        with socket.socket() as probe:  # a port nothing listens on
            probe.bind(("127.0.0.1", 0))
            nowhere = probe.getsockname()
        with certificates(datetime.now(UTC)) as (server_tls, client_tls):
            async with tls_balancer(server_tls, nowhere, Trace()) as port:
                reader, writer = await tls_client(port, client_tls)
                try:
                    data = await asyncio.wait_for(reader.read(100), 10)
                finally:
                    await close(writer)
        return data, errors

    assert run(scenario()) == (b"", [])


def test_a_client_that_resets_mid_request_costs_only_its_own_connection() -> None:
    async def scenario() -> tuple[list[str], int]:
        errors = caught_errors(asyncio.get_running_loop())
        async with running_stack(Trace()) as stack:
            _, rude = await tls_client(stack.lb_port, stack.client_tls)
            rude.write(b"GET /orders/7 HTTP/1.1\r\nHost: ")  # half a request
            await rude.drain()
            await asyncio.sleep(0.2)  # the balancer has passed it on and reads again
            rude.transport.abort()  # RST instead of close_notify
            order = await asyncio.wait_for(get_order(stack, 8, Trace()), 10)
            await asyncio.sleep(0.5)  # time for the balancer to notice the reset
        return errors, order["id"]

    assert run(scenario()) == ([], 8)


API_A = "api.shop.test.   60 IN A    127.0.0.1"


@pytest.mark.parametrize(
    ("zone", "rcode"),
    [
        (ZONE.replace(API_A, ""), "NXDOMAIN"),  # the name does not exist
        (ZONE.replace(API_A, "api.shop.test. 60 IN AAAA ::1"), "NOERROR"),  # no IPv4
    ],
)
def test_a_name_without_an_address_is_a_clear_lookup_error(
    zone: str, rcode: str
) -> None:
    assert zone != ZONE

    async def scenario() -> None:
        async with running_stack(Trace()) as stack:
            with serve_dns(Zone.from_text("shop.test.", zone)) as other:
                await get_order(replace(stack, dns_port=other.port), 7, Trace())

    with pytest.raises(LookupError, match=f"api.shop.test: {rcode}, no A record"):
        run(scenario())
