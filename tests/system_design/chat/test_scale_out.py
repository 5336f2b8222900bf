"""Two real servers on two ports, routed through a real Redis: delivery, order, subscriptions."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Iterator
from contextlib import AsyncExitStack, ExitStack
from pathlib import Path

import httpx2
import pytest
import redis
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from examples.server_settings import CONNECT_TIMEOUT_SECONDS
from examples.system_design.chat.client import ChatClient
from examples.system_design.chat.hub import Connection, Hub
from examples.system_design.chat.protocol import message_frame
from examples.system_design.chat.routers import LocalRouter, RedisRouter
from examples.system_design.chat.running import RunningServer, chat_server, new_secret
from tests.system_design.chat.conftest import auth, create_conversation, token


@pytest.fixture
def prefix() -> str:
    return f"chat-test-{secrets.token_hex(6)}"


@pytest.fixture
def pair(tmp_path: Path, redis_url: str, prefix: str) -> Iterator[tuple[RunningServer, RunningServer]]:
    secret = new_secret()
    with ExitStack() as stack:
        a, b = (
            stack.enter_context(
                chat_server(name, tmp_path / "chat.db", secret, RedisRouter(redis_url, prefix, name))
            )
            for name in ("chat-a", "chat-b")
        )
        yield a, b


def subscribers(redis_url: str, channel: str) -> int:
    with redis.Redis.from_url(redis_url, socket_timeout=CONNECT_TIMEOUT_SECONDS) as client:
        [(_, count)] = client.pubsub_numsub(channel)
        return count


def test_a_message_crosses_servers_both_ways(pair: tuple[RunningServer, RunningServer]) -> None:
    a, b = pair
    create_conversation(a, "ab", ["alice", "bob"])

    async def scenario() -> None:
        async with (
            ChatClient.connect(a.ws_url, token(a, "alice")) as alice,
            ChatClient.connect(b.ws_url, token(b, "bob")) as bob,
        ):
            assert (alice.server, bob.server) == ("chat-a", "chat-b")
            assert not a.service.hub.has("bob") and not b.service.hub.has("alice")
            await alice.send("ab", "to b")
            await bob.wait_for_seq("ab", 1)
            await bob.send("ab", "to a")
            await alice.wait_for_seq("ab", 2)
            await alice.wait(lambda: alice.cursor("ab", "bob").delivered == 1)  # a receipt crossed too
            assert [m.body for m in alice.messages("ab")] == [m.body for m in bob.messages("ab")] == ["to b", "to a"]

    asyncio.run(scenario())


def test_a_server_listens_for_a_user_only_while_it_holds_a_connection(
    pair: tuple[RunningServer, RunningServer], redis_url: str, prefix: str
) -> None:
    a, b = pair
    channel = f"{prefix}:user:bob"

    async def scenario() -> None:
        async with ChatClient.connect(a.ws_url, token(a, "bob")):
            async with ChatClient.connect(b.ws_url, token(b, "bob")):
                assert subscribers(redis_url, channel) == 2  # one per server
            async with asyncio.timeout(5):
                while subscribers(redis_url, channel) != 1:
                    await asyncio.sleep(0.02)
        async with asyncio.timeout(5):
            while subscribers(redis_url, channel) != 0:
                await asyncio.sleep(0.02)

    asyncio.run(scenario())


def test_senders_on_both_servers_members_on_both_see_one_order(pair: tuple[RunningServer, RunningServer]) -> None:
    a, b = pair
    members = ["alice", "bob", "carol", "dave"]
    create_conversation(a, "team", members)
    placement = {"alice": a, "bob": b, "carol": a, "dave": b}

    async def scenario() -> dict[str, list[tuple[int, str]]]:
        async with AsyncExitStack() as stack:
            clients = {
                user: await stack.enter_async_context(ChatClient.connect(server.ws_url, token(server, user)))
                for user, server in placement.items()
            }
            await asyncio.gather(
                *(clients[u].send("team", f"{u} {n}", client_msg_id=f"{u}-{n:02}") for n in range(20) for u in members)
            )
            for client in clients.values():
                await client.wait_for_seq("team", 80)
            return {u: [(m.seq, m.client_msg_id) for m in c.messages("team")] for u, c in clients.items()}

    views = asyncio.run(scenario())
    stored = httpx2.get(
        f"{b.http_url}/conversations/team/messages?limit=100", headers=auth(b, "dave"), timeout=5
    ).json()
    expected = [(m["seq"], m["client_msg_id"]) for m in stored]
    assert [seq for seq, _ in expected] == list(range(1, 81))
    assert all(view == expected for view in views.values())
    for user in members:  # each sender's messages kept the order they were sent in
        own = [msg_id for _, msg_id in expected if msg_id.startswith(user)]
        assert own == sorted(own)


def test_a_reconnect_to_the_other_server_needs_no_sticky_session(pair: tuple[RunningServer, RunningServer]) -> None:
    a, b = pair
    create_conversation(a, "ab", ["alice", "bob"])

    async def scenario() -> None:
        async with ChatClient.connect(a.ws_url, token(a, "alice")) as alice:
            async with ChatClient.connect(b.ws_url, token(b, "bob")) as bob:
                await alice.send("ab", "first")
                await bob.wait_for_seq("ab", 1)
            saved = bob.timelines
            await alice.send("ab", "while away")
            async with ChatClient.connect(a.ws_url, token(a, "bob"), timelines=saved) as bob:
                await alice.send("ab", "live again")
                await bob.wait_for_seq("ab", 3)
                assert [m.body for m in bob.messages("ab")] == ["first", "while away", "live again"]

    asyncio.run(scenario())


def test_a_message_committed_while_joining_is_neither_lost_nor_doubled(
    pair: tuple[RunningServer, RunningServer],
) -> None:
    """Bob connects to B while alice's messages commit: one before B subscribes, one after.

    The first is published to nobody and must come from the backlog; the second
    arrives live and in the backlog, and bob's timeline keeps one copy. A server
    that read the backlog before subscribing would lose the first and need a sync.
    """
    a, b = pair
    create_conversation(a, "ab", ["alice", "bob"])
    service, router = b.service, b.service.router
    real_join = router.join

    async def commit_and_publish(client_msg_id: str) -> None:
        message, _ = await service.db(lambda store: store.append("ab", "alice", client_msg_id, client_msg_id))
        await service.publish(["alice", "bob"], message_frame(message))

    async def join_racing_a_sender(user: str) -> None:
        await commit_and_publish("before-subscribe")
        await real_join(user)
        await commit_and_publish("after-subscribe")

    router.join = join_racing_a_sender  # type: ignore[method-assign]

    async def scenario() -> None:
        # A long grace: a sync may only come from a real gap, never from slowness.
        async with ChatClient.connect(b.ws_url, token(b, "bob"), gap_grace_s=2.0) as bob:
            await bob.wait(lambda: len(bob.arrivals) == 3)
            await bob.wait_for_seq("ab", 2)
            assert [m.body for m in bob.messages("ab")] == ["before-subscribe", "after-subscribe"]
            assert sorted(bob.arrivals) == [("ab", 1), ("ab", 2), ("ab", 2)]  # 2: live and replayed
            assert bob.syncs_sent == 0

    asyncio.run(scenario())


async def closed_with(url: str, bearer: str) -> int | None:
    """Connect with a raw client and return the close code the server sends."""
    headers = {"Authorization": f"Bearer {bearer}"}
    async with connect(url, additional_headers=headers, open_timeout=5, proxy=None) as ws:
        with pytest.raises(ConnectionClosed):
            async with asyncio.timeout(10):
                while True:
                    await ws.recv()
        return ws.close_code


def test_a_server_whose_redis_listener_dies_closes_every_socket_with_1012(
    pair: tuple[RunningServer, RunningServer],
) -> None:
    a, b = pair
    create_conversation(a, "ab", ["alice", "bob"])
    router = b.service.router
    assert isinstance(router, RedisRouter)

    async def broken(**_: object) -> None:
        raise redis.ConnectionError("injected: Redis stays unreachable")

    async def scenario() -> None:
        async with ChatClient.connect(b.ws_url, token(b, "bob")) as bob:
            router._pubsub.get_message = broken  # type: ignore[method-assign]
            async with asyncio.timeout(10):
                await bob.ws.wait_closed()
            assert bob.ws.close_code == 1012
        assert router.down is not None
        assert await closed_with(b.ws_url, token(b, "bob")) == 1012  # refused from now on
        async with ChatClient.connect(a.ws_url, token(a, "bob")) as bob:  # A still serves
            assert bob.server == "chat-a"

    asyncio.run(scenario())


def test_a_dropped_redis_connection_closes_every_socket_then_serves_again(
    pair: tuple[RunningServer, RunningServer], redis_url: str, prefix: str
) -> None:
    """redis-py reconnects and resubscribes by itself: what was published meanwhile is gone."""
    a, b = pair
    create_conversation(a, "ab", ["alice", "bob"])

    def kill_subscriber_connection() -> None:
        with redis.Redis.from_url(redis_url, socket_timeout=CONNECT_TIMEOUT_SECONDS) as client:
            ours = [c for c in client.client_list() if c["name"] == f"{prefix}:chat-b" and "P" in c["flags"]]
            assert len(ours) == 1
            client.client_kill_filter(_id=ours[0]["id"])

    async def scenario() -> None:
        async with ChatClient.connect(b.ws_url, token(b, "bob")) as bob:
            kill_subscriber_connection()
            async with asyncio.timeout(10):
                await bob.ws.wait_closed()
            assert bob.ws.close_code == 1012
        async with asyncio.timeout(10):  # redis-py reconnects and subscribes again
            while b.service.router.down is not None:
                await asyncio.sleep(0.05)
        async with (
            ChatClient.connect(a.ws_url, token(a, "alice")) as alice,
            ChatClient.connect(b.ws_url, token(b, "bob")) as bob,
        ):
            await bob.wait_for_seq("ab", await alice.send("ab", "after the blip"))

    asyncio.run(scenario())


def test_publish_names_the_users_no_server_holds(redis_url: str, prefix: str) -> None:
    """PUBLISH replies with how many subscribers got it: 0 is the signal to push."""

    async def scenario() -> tuple[list[str], list[str]]:
        hub = Hub()
        hub.add(Connection("bob"))
        local = LocalRouter()
        await local.start(hub)
        routed = RedisRouter(redis_url, prefix, "probe")
        await routed.start(Hub())
        try:
            await routed.join("bob")
            return await local.publish(["alice", "bob"], "{}"), await routed.publish(["alice", "bob"], "{}")
        finally:
            await routed.leave("bob")
            await routed.stop()

    assert asyncio.run(scenario()) == (["alice"], ["alice"])
