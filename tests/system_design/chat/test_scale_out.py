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

from examples.server_settings import CONNECT_TIMEOUT_SECONDS
from examples.system_design.chat.client import ChatClient
from examples.system_design.chat.routers import RedisRouter
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
