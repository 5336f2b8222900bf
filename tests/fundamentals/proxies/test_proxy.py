"""The reverse proxy against real loopback backends: addresses, pooling, timeouts, retries, ejection."""

from __future__ import annotations

import asyncio
import random

import pytest

from examples.fundamentals.proxies import balancing, framing, timeouts
from examples.fundamentals.proxies.backend import Backend
from examples.fundamentals.proxies.forwarded import CLIENT, PROXY, who_am_i
from examples.fundamentals.proxies.health import post
from examples.fundamentals.proxies.http1 import Message, fetch, get, response
from examples.fundamentals.proxies.pooling import connections_for
from examples.fundamentals.proxies.proxy import ReverseProxy
from examples.system_design.load_balancing.balancers import LeastConnections, RoundRobin

T = 5.0


def test_a_forged_forwarded_for_never_becomes_the_client_address() -> None:
    async def go() -> list[bytes]:
        async with Backend(who_am_i) as backend, ReverseProxy([backend.address], source=PROXY) as proxy:
            forged = ("X-Forwarded-For", "1.2.3.4, 127.0.0.2")  # even naming the proxy itself
            return [
                (await fetch(address, get("/", forged), timeout_s=T, source=CLIENT)).body
                for address in (proxy.address, backend.address)
            ]

    for body in asyncio.run(go()):
        assert body.startswith(CLIENT.encode() + b" ")


def test_the_proxy_appends_the_peer_and_drops_hop_by_hop_headers() -> None:
    seen: list[Message] = []

    async def record(request: Message, peer: str) -> Message:
        seen.append(request)
        return response(200)

    async def go() -> None:
        async with Backend(record) as backend, ReverseProxy([backend.address]) as proxy:
            headers = [("X-Forwarded-For", "10.0.0.1"), ("Connection", "close"), ("Keep-Alive", "5")]
            await fetch(proxy.address, get("/", *headers), timeout_s=T)

    asyncio.run(go())
    assert seen[0].get("X-Forwarded-For") == ["10.0.0.1", "127.0.0.1"]
    assert seen[0].get("Connection") == seen[0].get("Keep-Alive") == []


def test_a_pool_opens_one_connection_per_request_in_flight() -> None:
    assert asyncio.run(connections_for(20, pool=False)) == 20
    assert asyncio.run(connections_for(20, pool=True)) == 1


def test_a_connection_the_backend_closes_is_not_pooled() -> None:
    async def close_after_answer(request: Message, peer: str) -> Message:
        return response(200, connection="close")

    async def go() -> tuple[list[int], int]:
        async with Backend(close_after_answer) as backend, ReverseProxy([backend.address]) as proxy:
            codes = []
            for _ in range(3):
                answer = await fetch(proxy.address, get(), timeout_s=T)
                assert answer.get("Connection") == []  # hop-by-hop: not relayed
                codes.append(answer.status)
            return codes, backend.connections_accepted

    assert asyncio.run(go()) == ([200, 200, 200], 3)


def test_timeouts_in_each_order() -> None:
    async def go() -> list[str]:
        return [
            await timeouts.scenario(2.0, 1.0, 0.2),
            await timeouts.scenario(2.0, 0.2, None),
            await timeouts.scenario(0.2, 1.0, None),
        ]

    right, proxy_first, wrong = asyncio.run(go())
    assert "503" in right and "finished 0, abandoned 1" in right
    assert "504" in proxy_first and "finished 1" in proxy_first
    assert "gave up" in wrong and "finished 1" in wrong


def test_round_robin_feeds_the_slow_backend_and_least_connections_does_not() -> None:
    assert asyncio.run(balancing.run(RoundRobin(), 9)) == ([3, 3, 3], 3)
    for seed in range(5):
        rng = random.Random(seed)  # noqa: S311 -- a repeatable tie-break, not a secret
        picked, stuck = asyncio.run(balancing.run(LeastConnections(rng), 9))
        assert (picked[1], stuck, sum(picked)) == (1, 1, 9)


def test_post_is_never_retried_get_is_and_ejection_lasts_until_a_check_passes() -> None:
    async def go() -> None:
        async with Backend() as a:
            dead = Backend()
            async with dead:
                pass
            async with ReverseProxy([dead.address, a.address], eject_after=2) as proxy:
                assert (await fetch(proxy.address, post(), timeout_s=T)).status == 502
                assert proxy.counts("picked") == [1, 0]  # one try, no second backend
                assert (await fetch(proxy.address, get(), timeout_s=T)).status == 200  # on a
                assert proxy.counts("ejected") == [False, False]  # one failure of two
                assert (await fetch(proxy.address, get(), timeout_s=T)).status == 200  # retried
                assert proxy.counts("picked") == [2, 2]
                assert proxy.counts("ejected") == [True, False]
                for _ in range(4):
                    assert (await fetch(proxy.address, post(), timeout_s=T)).status == 200
                assert proxy.counts("picked") == [2, 6]
                assert await proxy.check_health() == [False, True]
                async with Backend(port=dead.port):
                    assert await proxy.check_health() == [True, True]
                    assert proxy.counts("ejected") == [False, False]

    asyncio.run(go())


def test_no_ambiguous_request_reaches_a_backend() -> None:
    async def go() -> tuple[list[int], int]:
        async with Backend() as backend, ReverseProxy([backend.address]) as proxy:
            codes = [
                await framing.send_raw(proxy.address, framing.HEAD + fields + b"\r\nbody")
                for label, fields in framing.AMBIGUOUS.items()
                if label != "length alone"
            ]
            return codes, backend.connections_accepted

    assert asyncio.run(go()) == ([400, 400, 400, 501], 0)


def test_bad_configuration_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one backend"):
        ReverseProxy([])
    with pytest.raises(ValueError, match="timeout_s must be positive"):
        ReverseProxy([("127.0.0.1", 1)], timeout_s=0)


def test_a_pooled_connection_closed_by_a_restarted_backend_is_dropped_not_reused() -> None:
    async def go() -> tuple[int, int, list[int]]:
        backend = Backend()
        proxy = ReverseProxy([("127.0.0.1", 1)])  # address set below; the proxy outlives the backend
        async with backend:
            proxy.upstreams[0].address = backend.address
            await proxy.__aenter__()
            try:
                assert (await fetch(proxy.address, get(), timeout_s=T)).status == 200
            except BaseException:
                await proxy.__aexit__(None, None, None)
                raise
        try:  # the old backend closed the pooled connection on its way out
            async with Backend(port=backend.port) as again:
                await asyncio.sleep(0.05)  # let that FIN reach the proxy
                status = (await fetch(proxy.address, get(), timeout_s=T)).status
                return status, again.connections_accepted, proxy.counts("connections_opened")
        finally:
            await proxy.__aexit__(None, None, None)

    assert asyncio.run(go()) == (200, 1, [2])


def test_a_slow_client_holds_no_backend_connection_until_its_request_is_whole() -> None:
    async def go() -> tuple[int, int, int]:
        async with Backend() as backend, ReverseProxy([backend.address]) as proxy:
            reader, writer = await asyncio.open_connection(*proxy.address)
            writer.write(b"POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nhalf-")
            await writer.drain()
            await asyncio.sleep(0.1)
            during = backend.connections_accepted
            writer.write(b"body!")
            await writer.drain()
            head = await asyncio.wait_for(reader.readuntil(b"\r\n"), T)
            writer.close()
            await writer.wait_closed()
            return during, backend.connections_accepted, int(head.split()[1])

    assert asyncio.run(go()) == (0, 1, 200)
