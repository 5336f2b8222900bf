"""The connections one server holds, and a bounded outbox per connection.

A user's connections (phone, laptop) live on whichever servers they reached;
this server knows only its own. Frames for a connection go into its outbox,
and one writer task per connection drains it to the socket, so a slow client
never blocks the sender or the other members. An outbox that fills up marks
the connection overflowed: the server drops it, and the client catches up
from its cursor when it reconnects, instead of the server buffering forever.
The same path closes every connection when the server stops hearing Redis.
"""

from __future__ import annotations

import asyncio
from collections import deque
from dataclasses import dataclass, field

# Close codes from IANA's WebSocket registry.
TRY_AGAIN_LATER = 1013
SERVICE_RESTART = 1012


@dataclass(eq=False)
class Connection:
    """One open WebSocket: who it is and the frames waiting to be written."""

    user: str
    limit: int = 1_000
    close_code: int | None = None  # set: the writer closes the socket with it
    close_reason: str = ""
    _frames: deque[str] = field(default_factory=deque)
    _ready: asyncio.Event = field(default_factory=asyncio.Event)

    @property
    def overflowed(self) -> bool:
        return self.close_code == TRY_AGAIN_LATER

    def offer(self, frame: str) -> bool:
        """Queue a frame; False if the outbox is full (it overflows) or closing."""
        if self.close_code is not None:
            return False
        if len(self._frames) >= self.limit:
            self.shut(TRY_AGAIN_LATER, "too slow: reconnect and resync")
            return False
        self._frames.append(frame)
        self._ready.set()
        return True

    def shut(self, code: int, reason: str) -> None:
        """Drop what is queued and have the writer close the socket with `code`."""
        if self.close_code is None:
            self.close_code, self.close_reason = code, reason
            self._frames.clear()
            self._ready.set()

    async def next_batch(self) -> list[str]:
        """Wait for frames; an empty batch means close with `close_code`."""
        await self._ready.wait()
        self._ready.clear()
        if self.close_code is not None:
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

    def shut_all(self, code: int, reason: str) -> None:
        """Close every connection here, for example when routing is lost."""
        for connections in self._by_user.values():
            for connection in connections:
                connection.shut(code, reason)

    def has(self, user: str) -> bool:
        return user in self._by_user

    @property
    def connection_count(self) -> int:
        return sum(len(c) for c in self._by_user.values())

    @property
    def user_count(self) -> int:
        return len(self._by_user)
