"""How a frame for a user reaches the server that holds the user's connection.

One server needs no routing: the LocalRouter hands frames to its own hub.
With many servers, each one subscribes to a Redis pub/sub channel per user it
holds (`<prefix>:user:<id>`) and publishes every frame to the recipients'
channels. Redis delivers to whichever servers are subscribed, so no server
needs to know where a user is, and the load balancer needs no sticky sessions.

Redis pub/sub keeps nothing: a frame published while no server is subscribed
is gone. That is acceptable only because the database already holds the
message, and the client fills any gap from it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Iterable
from typing import Protocol

import redis.asyncio as redis

from examples.server_settings import CONNECT_TIMEOUT_SECONDS
from examples.system_design.chat.hub import Hub

SUBSCRIBE_TIMEOUT_SECONDS = 5.0
logger = logging.getLogger(__name__)


class Router(Protocol):
    async def start(self, hub: Hub) -> None: ...
    async def stop(self) -> None: ...
    async def join(self, user: str) -> None: ...
    async def leave(self, user: str) -> None: ...
    async def publish(self, users: Iterable[str], frame: str) -> None: ...


class LocalRouter:
    """Single server: every recipient is either here or offline."""

    async def start(self, hub: Hub) -> None:
        self._hub = hub

    async def stop(self) -> None:
        pass

    async def join(self, user: str) -> None:
        pass

    async def leave(self, user: str) -> None:
        pass

    async def publish(self, users: Iterable[str], frame: str) -> None:
        for user in users:
            self._hub.deliver(user, frame)


class RedisRouter:
    """Many servers: a channel per user, subscribed while the user is connected here."""

    def __init__(self, url: str, prefix: str, server: str) -> None:
        self._url, self._prefix, self._server = url, prefix, server
        self._joined: dict[str, int] = {}  # user -> connections here
        self._confirmed: dict[str, asyncio.Event] = {}
        self._lock = asyncio.Lock()  # one join or leave at a time

    def channel(self, user: str) -> str:
        return f"{self._prefix}:user:{user}"

    async def start(self, hub: Hub) -> None:
        self._hub = hub
        self._redis = redis.from_url(
            self._url,
            socket_timeout=CONNECT_TIMEOUT_SECONDS,
            socket_connect_timeout=CONNECT_TIMEOUT_SECONDS,
            decode_responses=True,
        )
        self._pubsub = self._redis.pubsub()
        # A channel of the server's own, so the listener always has a
        # subscription to read from; its confirmation is read right here.
        await self._pubsub.subscribe(f"{self._prefix}:server:{self._server}")
        reply = await self._pubsub.get_message(timeout=SUBSCRIBE_TIMEOUT_SECONDS)
        if not reply or reply["type"] != "subscribe":
            raise RuntimeError("Redis did not confirm the server's SUBSCRIBE")
        self._listener = asyncio.create_task(self._listen())

    async def stop(self) -> None:
        self._listener.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._listener
        await self._pubsub.aclose()
        await self._redis.aclose()

    # --8<-- [start:subscribe]
    async def _subscribe(self, channel: str) -> None:
        """SUBSCRIBE and wait for Redis to confirm it.

        The caller reads the user's backlog from the database only after
        this returns: a message committed later is then sure to be published
        to a channel this server already hears.
        """
        confirmed = self._confirmed[channel] = asyncio.Event()
        await self._pubsub.subscribe(channel)
        await asyncio.wait_for(confirmed.wait(), SUBSCRIBE_TIMEOUT_SECONDS)

    # --8<-- [end:subscribe]

    async def _listen(self) -> None:
        user_prefix = f"{self._prefix}:user:"
        try:
            while True:
                event = await self._pubsub.get_message(timeout=1.0)
                if event is None:
                    continue
                channel = event["channel"]
                if event["type"] == "subscribe" and channel in self._confirmed:
                    self._confirmed[channel].set()
                elif event["type"] == "message" and channel.startswith(user_prefix):
                    user = channel.removeprefix(user_prefix)
                    self._hub.deliver(user, event["data"])
        except redis.RedisError:
            # Production code reconnects, subscribes every joined user again
            # and tells their clients to sync: frames published meanwhile are
            # lost. Here the failure is at least loud.
            logger.exception("server %s stopped hearing Redis", self._server)
            raise

    async def join(self, user: str) -> None:
        async with self._lock:
            self._joined[user] = self._joined.get(user, 0) + 1
            if self._joined[user] == 1:
                await self._subscribe(self.channel(user))

    async def leave(self, user: str) -> None:
        async with self._lock:
            self._joined[user] -= 1
            if self._joined[user] == 0:
                del self._joined[user]
                self._confirmed.pop(self.channel(user), None)
                await self._pubsub.unsubscribe(self.channel(user))

    # --8<-- [start:publish]
    async def publish(self, users: Iterable[str], frame: str) -> None:
        # One round trip for all recipients: a pipeline of PUBLISH commands.
        async with self._redis.pipeline(transaction=False) as pipe:
            for user in users:
                pipe.publish(self.channel(user), frame)
            await pipe.execute()

    # --8<-- [end:publish]
