"""One conversation as a client holds it: every message once, in sequence order.

Frames can arrive out of order (two servers published them in a different
order than the database numbered them), twice (a replay after a reconnect) or
not at all (a pub/sub hop dropped one). The client does not trust arrival
order: it places each message by its sequence number, releases the longest
run with no holes, and reports a gap it should ask the server to fill.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from examples.system_design.chat.protocol import Message


@dataclass
class Timeline:
    """Messages by `seq`; `contiguous` is the last seq with no gap before it."""

    contiguous: int = 0
    head: int = 0  # the highest seq the client knows exists
    _in_order: list[Message] = field(default_factory=list)
    _waiting: dict[int, Message] = field(default_factory=dict)

    def add(self, message: Message) -> list[Message]:
        """Place one message; return the messages that are now in order and new."""
        if message.seq < 1:
            raise ValueError(f"seq must be at least 1, got {message.seq}")
        self.head = max(self.head, message.seq)
        if message.seq <= self.contiguous or message.seq in self._waiting:
            return []  # a duplicate: already held
        self._waiting[message.seq] = message
        released = []
        while self.contiguous + 1 in self._waiting:
            self.contiguous += 1
            released.append(self._waiting.pop(self.contiguous))
        self._in_order.extend(released)
        return released

    def saw_head(self, seq: int) -> None:
        """The server said the conversation has reached `seq` (the hello frame)."""
        if seq < 0:
            raise ValueError(f"seq must not be negative, got {seq}")
        self.head = max(self.head, seq)

    @property
    def gap(self) -> tuple[int, int] | None:
        """The first missing range (first, last), or None when nothing is missing."""
        if self.contiguous >= self.head:
            return None
        waiting_above = [seq for seq in self._waiting if seq > self.contiguous]
        last = min(waiting_above) - 1 if waiting_above else self.head
        return self.contiguous + 1, last

    def messages(self) -> list[Message]:
        """The messages in order, up to the first gap."""
        return list(self._in_order)
