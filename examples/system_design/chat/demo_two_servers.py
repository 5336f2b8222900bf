"""Two chat servers on two ports, one Redis between them, no map of users."""

# requires-server: redis

from __future__ import annotations

import asyncio
import secrets
import tempfile
from contextlib import ExitStack
from pathlib import Path

import httpx2
import redis.asyncio as redis

from examples.server_settings import CONNECT_TIMEOUT_SECONDS, redis_url
from examples.system_design.chat.client import ChatClient
from examples.system_design.chat.routers import RedisRouter
from examples.system_design.chat.running import RunningServer, chat_server, new_secret


async def stats(http: httpx2.AsyncClient, *servers: RunningServer) -> list[str]:
    counts = [(await http.get(f"{s.http_url}/stats")).json() for s in servers]
    return [f"{c['server']}: {c['connections']}" for c in counts]


async def until_closed(http: httpx2.AsyncClient, server: RunningServer) -> None:
    """A server learns of a close a moment after the client: wait for its count."""
    async with asyncio.timeout(5):
        while (await http.get(f"{server.http_url}/stats")).json()["connections"]:
            await asyncio.sleep(0.02)


async def main(a: RunningServer, b: RunningServer, prefix: str) -> None:
    alice_token = a.service.tokens.issue("alice")  # any server verifies it
    bob_token = a.service.tokens.issue("bob")
    subscribers = redis.from_url(
        redis_url(), socket_timeout=CONNECT_TIMEOUT_SECONDS, decode_responses=True
    )
    async with subscribers, httpx2.AsyncClient(timeout=5) as http:
        await http.post(
            f"{a.http_url}/conversations",
            json={"id": "ab", "members": ["alice", "bob"]},
            headers={"Authorization": f"Bearer {alice_token}"},
        )
        # --8<-- [start:route]
        async with ChatClient.connect(a.ws_url, alice_token) as alice:
            async with ChatClient.connect(b.ws_url, bob_token) as bob:
                print("alice on", alice.server, "| bob on", bob.server)
                #> alice on chat-a | bob on chat-b
                print("connections:", await stats(http, a, b))
                #> connections: ['chat-a: 1', 'chat-b: 1']
                channel = f"{prefix}:user:bob"
                [(_, listening)] = await subscribers.pubsub_numsub(channel)
                print("servers subscribed to bob's channel:", listening)
                #> servers subscribed to bob's channel: 1
                seq = await alice.send("ab", "Crossing servers")
                await bob.wait_for_seq("ab", seq)
                print("bob got:", [m.body for m in bob.messages("ab")])
                #> bob got: ['Crossing servers']
            # The load balancer sends bob's next connection anywhere: here, to A.
            await until_closed(http, b)
            async with ChatClient.connect(a.ws_url, bob_token) as bob:
                print("bob reconnected to", bob.server, await stats(http, a, b))
                #> bob reconnected to chat-a ['chat-a: 2', 'chat-b: 0']
                seq = await alice.send("ab", "Same server now")
                await bob.wait_for_seq("ab", seq)
                print("bob got:", [m.body for m in bob.messages("ab")])
                #> bob got: ['Crossing servers', 'Same server now']
        # --8<-- [end:route]


if __name__ == "__main__":
    secret = new_secret()  # shared: a token from one server is good on all
    prefix = f"chat-demo-{secrets.token_hex(6)}"  # channels of this run only
    with tempfile.TemporaryDirectory() as folder, ExitStack() as stack:
        database = Path(folder) / "chat.db"  # stands in for the shared store
        servers = [
            stack.enter_context(
                chat_server(
                    name, database, secret, RedisRouter(redis_url(), prefix, name)
                )
            )
            for name in ["chat-a", "chat-b"]
        ]
        asyncio.run(main(*servers, prefix))
