import asyncio
import ssl

import pytest

from examples.fundamentals.proxies.http1 import Message, close, read_response
from examples.fundamentals.request_path.journey import get_order
from examples.fundamentals.request_path.stack import HOST, Trace, running_stack


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
            return statuses, stack.proxy.counts("connections_opened"), stack.backend.connections_accepted

    statuses, opened, accepted = run(scenario())
    assert statuses == [200, 200, 200]
    assert opened == [1]
    assert accepted == 1


def test_a_client_that_does_not_trust_the_shop_root_is_refused() -> None:
    async def scenario() -> None:
        async with running_stack(Trace()) as stack:
            stranger = ssl.create_default_context()  # the system roots only
            await asyncio.open_connection("127.0.0.1", stack.lb_port, ssl=stranger, server_hostname=HOST)

    with pytest.raises(ssl.SSLCertVerificationError, match="unable to get local issuer certificate"):
        run(scenario())


def test_every_server_is_stopped_when_the_block_ends() -> None:
    async def scenario() -> int:
        async with running_stack(Trace()) as stack:
            port = stack.lb_port
        return port

    port = run(scenario())
    with pytest.raises(OSError):
        run(asyncio.open_connection("127.0.0.1", port))
