"""How a frame for a user reaches the server that holds the user's connection.

One server needs no routing: the LocalRouter hands frames to its own hub.
With many servers, each one subscribes to a Redis pub/sub channel per user it
holds (`<prefix>:user:<id>`) and publishes every frame to the recipients'
channels. Redis delivers to whichever servers are subscribed, so no server
needs to know where a user is, and the load balancer needs no sticky sessions.

Redis pub/sub keeps nothing: a frame published while no server is subscribed
is gone. That is acceptable only because the database already holds the
message, and the client fills any gap from it. A server that loses its
subscription connection, even for a moment, cannot know what it missed, so it
closes every socket with 1012: each client reconnects and replays from its
cursor.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Iterable
from typing import Protocol

import redis.asyncio as redis

from examples.server_settings import CONNECT_TIMEOUT_SECONDS
from examples.system_design.chat.hub import SERVICE_RESTART, Hub

SUBSCRIBE_TIMEOUT_SECONDS = 5.0
RECONNECT_DELAY_SECONDS = 0.5  # between attempts while Redis is unreachable
logger = logging.getLogger(__name__)


class RouterDown(RuntimeError):
    """This server no longer hears Redis: it must not accept users."""


class Router(Protocol):
    async def start(self, hub: Hub) -> None: ...
    async def stop(self) -> None: ...
    async def join(self, user: str) -> None: ...
    async def leave(self, user: str) -> None: ...
    async def publish(self, users: Iterable[str], frame: str) -> list[str]:
        """Send `frame` to each user's connections; return the users no server holds."""
        ...


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

    async def publish(self, users: Iterable[str], frame: str) -> list[str]:
        return [user for user in users if self._hub.deliver(user, frame) == 0]


class RedisRouter:
    """Many servers: a channel per user, subscribed while the user is connected here."""

    def __init__(self, url: str, prefix: str, server: str) -> None:
        self._url, self._prefix, self._server = url, prefix, server
        self._joined: dict[str, int] = {}  # user -> connections here
        self._confirmed: dict[str, asyncio.Event] = {}
        self._lock = asyncio.Lock()  # one join or leave at a time
        self.down: BaseException | None = None  # why the listener stopped

    def channel(self, user: str) -> str:
        return f"{self._prefix}:user:{user}"

    async def start(self, hub: Hub) -> None:
        self._hub = hub
        self._redis = redis.from_url(
            self._url,
            socket_timeout=CONNECT_TIMEOUT_SECONDS,
            socket_connect_timeout=CONNECT_TIMEOUT_SECONDS,
            decode_responses=True,
            client_name=f"{self._prefix}:{self._server}",  # for CLIENT LIST
        )
        self._pubsub = self._redis.pubsub()
        # A channel of the server's own, so the listener always has a
        # subscription to read from; its confirmation is read right here.
        self._own = f"{self._prefix}:server:{self._server}"
        await self._pubsub.subscribe(self._own)
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

    # --8<-- [start:listen]
    async def _listen(self) -> None:
        user_prefix = f"{self._prefix}:user:"
        while True:
            try:
                event = await self._pubsub.get_message(timeout=1.0)
            except redis.RedisError as error:
                # The connection broke, and what is published until redis-py
                # reconnects is lost: close every socket (clients reconnect
                # and replay from their cursors) and refuse new ones.
                if self.down is None:
                    logger.warning("server %s lost Redis: %s", self._server, error)
                self.down = error
                self._hub.shut_all(SERVICE_RESTART, "routing lost")
                await asyncio.sleep(RECONNECT_DELAY_SECONDS)
                continue  # the next read reconnects and subscribes again
            if event is None:
                continue
            kind, channel = event["type"], event["channel"]
            if kind == "subscribe" and channel == self._own:  # after a reconnect
                self._hub.shut_all(SERVICE_RESTART, "routing restarted")
                self.down = None
                self._tidy = asyncio.create_task(self._drop_stale_channels())
            elif kind == "subscribe" and channel in self._confirmed:
                self._confirmed[channel].set()
            elif kind == "message" and channel.startswith(user_prefix):
                self._hub.deliver(channel.removeprefix(user_prefix), event["data"])

    # --8<-- [end:listen]

    async def _drop_stale_channels(self) -> None:
        """Unsubscribe what redis-py restored for users who left while Redis was away."""
        async with self._lock:
            joined = {self.channel(user) for user in self._joined}
            stale = [
                c
                for c in self._pubsub.channels
                if c.startswith(f"{self._prefix}:user:") and c not in joined
            ]
            if stale:
                await self._pubsub.unsubscribe(*stale)

    async def join(self, user: str) -> None:
        async with self._lock:
            self._joined[user] = self._joined.get(user, 0) + 1  # leave() undoes it
            if self.down is not None:
                raise RouterDown(f"server {self._server} cannot hear Redis")
            if self._joined[user] == 1:
                await self._subscribe(self.channel(user))

    async def leave(self, user: str) -> None:
        async with self._lock:
            self._joined[user] -= 1
            if self._joined[user] == 0:
                del self._joined[user]
                self._confirmed.pop(self.channel(user), None)
                if self.down is None:
                    await self._pubsub.unsubscribe(self.channel(user))

    # --8<-- [start:publish]
    async def publish(self, users: Iterable[str], frame: str) -> list[str]:
        # One round trip for all recipients: a pipeline of PUBLISH commands.
        # Each reply counts the subscribers that got it: 0 means no server
        # holds that user, who is the one to reach by push notification.
        users = list(users)
        async with self._redis.pipeline(transaction=False) as pipe:
            for user in users:
                pipe.publish(self.channel(user), frame)
            heard = await pipe.execute()
        return [user for user, count in zip(users, heard, strict=True) if count == 0]

    # --8<-- [end:publish]
