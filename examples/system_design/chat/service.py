"""One chat server's state: its store, its connections, its router and presence.

The store is synchronous SQLite, so every call runs on one worker thread of
the server's own; the event loop keeps serving sockets while a write waits
for the file's lock.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from examples.system_design.chat.hub import Hub
from examples.system_design.chat.presence import PresenceTracker, presence_audience
from examples.system_design.chat.protocol import encode
from examples.system_design.chat.routers import LocalRouter, Router
from examples.system_design.chat.store import MessageStore
from examples.system_design.chat.tokens import TokenSigner

T = TypeVar("T")
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ChatSettings:
    name: str  # this server, in /stats and the hello frame
    database: Path
    secret: bytes = field(repr=False)
    allowed_origins: frozenset[str] = frozenset()  # browser pages allowed to connect
    outbox_limit: int = 1_000  # frames queued per connection before it is dropped
    backlog_limit: int = 500  # messages replayed per conversation on connect
    heartbeat_interval_s: float = 30.0  # told to clients in the hello frame
    # Three intervals: one late or lost heartbeat must not show a user offline.
    presence_timeout_s: float = 90.0
    sweep_interval_s: float = 5.0
    max_push_group: int = 256  # bigger groups get no pushed presence or receipts
    durable: bool = True  # fsync every commit (see MessageStore)


class ChatService:
    def __init__(
        self,
        settings: ChatSettings,
        router: Router | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.settings = settings
        self.router: Router = router or LocalRouter()
        self.clock = clock
        self.hub = Hub()
        self.tokens = TokenSigner(settings.secret, clock)
        self.presence = PresenceTracker(clock, settings.presence_timeout_s)
        self._db_thread = ThreadPoolExecutor(1, thread_name_prefix=settings.name)

    async def db(self, call: Callable[[MessageStore], T]) -> T:
        """Run `call(store)` on the store's thread."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._db_thread, call, self._store)

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        self._store = await loop.run_in_executor(
            self._db_thread,
            lambda: MessageStore(
                self.settings.database, self.clock, durable=self.settings.durable
            ),
        )
        await self.router.start(self.hub)
        self._sweeper = asyncio.create_task(self._sweep_presence())

    async def stop(self) -> None:
        self._sweeper.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._sweeper
        await self.router.stop()
        await self.db(MessageStore.close)
        self._db_thread.shutdown()

    async def publish(self, users: Iterable[str], frame: str) -> list[str]:
        """Route a frame; return the users no server holds (push candidates)."""
        return await self.router.publish(users, frame)

    async def announce_presence(self, user: str) -> None:
        """Tell the user's small-group contacts that their status changed."""
        contacts = await self.db(lambda store: store.contacts(user))
        audience = presence_audience(user, contacts, self.settings.max_push_group)
        status = self.presence.status(user)
        frame = encode(
            "presence", user=user, online=status.online, last_seen=status.last_seen
        )
        await self.publish(sorted(audience), frame)

    async def _sweep_presence(self) -> None:
        while True:
            await asyncio.sleep(self.settings.sweep_interval_s)
            for user in self.presence.sweep():
                try:
                    await self.announce_presence(user)
                except Exception:  # best-effort: log it, keep sweeping
                    logger.exception("presence of %s not announced", user)
