"""The connections one server holds, and a bounded outbox per connection.

A user's connections (phone, laptop) live on whichever servers they reached;
this server knows only its own. Frames for a connection go into its outbox,
and one writer task per connection drains it to the socket, so a slow client
never blocks the sender or the other members. An outbox that fills up marks
the connection overflowed: the server drops it, and the client catches up
from its cursor when it reconnects, instead of the server buffering forever.
"""

from __future__ import annotations

import asyncio
from collections import deque
from dataclasses import dataclass, field


@dataclass(eq=False)
class Connection:
    """One open WebSocket: who it is and the frames waiting to be written."""

    user: str
    limit: int = 1_000
    overflowed: bool = False
    _frames: deque[str] = field(default_factory=deque)
    _ready: asyncio.Event = field(default_factory=asyncio.Event)

    def offer(self, frame: str) -> bool:
        """Queue a frame; False (and overflowed) if the outbox is full."""
        if self.overflowed:
            return False
        if len(self._frames) >= self.limit:
            self.overflowed = True
            self._frames.clear()
        else:
            self._frames.append(frame)
        self._ready.set()
        return not self.overflowed

    async def next_batch(self) -> list[str]:
        """Wait for frames; an empty batch means the connection overflowed."""
        await self._ready.wait()
        self._ready.clear()
        if self.overflowed:
            return []
        batch = list(self._frames)
        self._frames.clear()
        return batch


class Hub:
    """This server's connections by user. Only the server's event loop touches it."""

    def __init__(self) -> None:
        self._by_user: dict[str, set[Connection]] = {}

    def add(self, connection: Connection) -> bool:
        """Register; True if it is the user's first connection here."""
        connections = self._by_user.setdefault(connection.user, set())
        connections.add(connection)
        return len(connections) == 1

    def remove(self, connection: Connection) -> bool:
        """Unregister; True if it was the user's last connection here."""
        connections = self._by_user.get(connection.user, set())
        connections.discard(connection)
        if connections:
            return False
        self._by_user.pop(connection.user, None)
        return True

    def deliver(self, user: str, frame: str) -> int:
        """Offer a frame to each of the user's connections here; how many took it."""
        return sum(c.offer(frame) for c in self._by_user.get(user, ()))

    def has(self, user: str) -> bool:
        return user in self._by_user

    @property
    def connection_count(self) -> int:
        return sum(len(c) for c in self._by_user.values())

    @property
    def user_count(self) -> int:
        return len(self._by_user)
