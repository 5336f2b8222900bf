"""A chat client over the `websockets` package: one user's session.

It authenticates with a bearer token in the handshake, sends each message
with an id of its own (so a retry cannot post twice), keeps a Timeline per
conversation, acknowledges what it holds (one cumulative ack per burst, not
one per message), and asks the server to fill a gap that does not close by
itself within a grace period.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from examples.system_design.chat.protocol import Message, encode, message_from
from examples.system_design.chat.timeline import Timeline

TIMEOUT_SECONDS = 10.0  # for the handshake, a send's reply, and waits


class SendRefused(Exception):
    """The server answered a send with an error frame."""


class ConnectionLost(Exception):
    """The socket closed before the server answered: resend with the same id."""


@dataclass
class Cursor:
    delivered: int = 0
    read: int = 0


@dataclass
class ChatClient:
    ws: ClientConnection
    auto_ack: bool = True
    ack_delay_s: float = 0.05  # at most one delivered ack per conversation per delay
    gap_grace_s: float = 0.2
    drop: Callable[[dict[str, Any]], bool] | None = None  # tests: lose frames
    server: str = ""
    heartbeat_s: float = 0.0  # how often the server wants a heartbeat (hello)
    # Pass the timelines of an earlier session to resume: the app's local copy.
    timelines: dict[str, Timeline] = field(default_factory=dict)
    arrivals: list[tuple[str, int]] = field(default_factory=list)  # message frames
    acked: dict[str, int] = field(default_factory=dict)  # delivered acks sent
    receipts: dict[tuple[str, str], Cursor] = field(default_factory=dict)
    presence: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    syncs_sent: int = 0
    acks_sent: int = 0
    _pending: dict[str, asyncio.Future[int]] = field(default_factory=dict)
    _changed: asyncio.Condition = field(default_factory=asyncio.Condition)
    _resyncing: set[str] = field(default_factory=set)
    _acking: set[str] = field(default_factory=set)
    _last_ack_at: dict[str, float] = field(default_factory=dict)
    _tasks: set[asyncio.Task[None]] = field(default_factory=set)

    @classmethod
    @asynccontextmanager
    async def connect(
        cls, url: str, token: str, **options: Any
    ) -> AsyncIterator[ChatClient]:
        headers = {"Authorization": f"Bearer {token}"}
        async with connect(
            url,
            additional_headers=headers,
            open_timeout=TIMEOUT_SECONDS,
            close_timeout=TIMEOUT_SECONDS,
            proxy=None,  # loopback: never through an HTTP proxy from the environment
        ) as ws:
            client = cls(ws, **options)
            reader = asyncio.create_task(client._read())
            try:
                await client.wait(lambda: bool(client.server))  # the hello frame
                yield client
            finally:
                reader.cancel()
                for task in [reader, *client._tasks]:
                    task.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await task

    def timeline(self, conversation: str) -> Timeline:
        return self.timelines.setdefault(conversation, Timeline())

    def messages(self, conversation: str) -> list[Message]:
        return self.timeline(conversation).messages()

    def cursor(self, conversation: str, user: str) -> Cursor:
        """How far `user` has acknowledged, as the pushed receipts said."""
        return self.receipts.get((conversation, user), Cursor())

    async def send(
        self, conversation: str, body: str, client_msg_id: str | None = None
    ) -> int:
        """Send and wait for the server's seq. Reuse `client_msg_id` to retry."""
        msg_id = client_msg_id or uuid.uuid4().hex
        reply = self._pending.setdefault(
            msg_id, asyncio.get_running_loop().create_future()
        )
        frame = encode(
            "send", conversation=conversation, client_msg_id=msg_id, body=body
        )
        await self.ws.send(frame)
        try:
            return await asyncio.wait_for(asyncio.shield(reply), TIMEOUT_SECONDS)
        finally:
            if reply.done():
                self._pending.pop(msg_id, None)

    async def ack(self, conversation: str, seq: int, state: str) -> None:
        await self.ws.send(
            encode("ack", conversation=conversation, seq=seq, state=state)
        )
        self.acks_sent += 1
        self.acked[conversation] = max(self.acked.get(conversation, 0), seq)

    async def heartbeat(self) -> None:
        await self.ws.send(encode("heartbeat"))

    async def wait(self, condition: Callable[[], bool]) -> None:
        """Wait until `condition()` holds, re-checked after every frame."""
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(condition), TIMEOUT_SECONDS)

    async def wait_for_seq(self, conversation: str, seq: int) -> None:
        """Wait until messages 1..seq are held (and, with auto_ack, acknowledged)."""

        def done() -> bool:
            held = self.timeline(conversation).contiguous >= seq
            return held and (
                not self.auto_ack or self.acked.get(conversation, 0) >= seq
            )

        await self.wait(done)

    async def _read(self) -> None:
        try:
            with contextlib.suppress(ConnectionClosed):  # ws.close_code says why
                async for text in self.ws:
                    frame = json.loads(text)
                    if self.drop is None or not self.drop(frame):
                        await self._on_frame(frame)
                    async with self._changed:
                        self._changed.notify_all()
        finally:
            for reply in self._pending.values():
                if not reply.done():
                    reply.set_exception(ConnectionLost(f"closed: {self.ws.close_code}"))

    async def _on_frame(self, frame: dict[str, Any]) -> None:
        kind = frame["type"]
        if kind in ("hello", "heads"):  # heads: the reply to every heartbeat
            self.server = frame.get("server", self.server)
            self.heartbeat_s = frame.get("heartbeat_s", self.heartbeat_s)
            for conversation, head in frame["heads"].items():
                self.timeline(conversation).saw_head(head)
                self._watch_gap(conversation)
        elif kind == "message":
            message = message_from(frame)
            self.arrivals.append((message.conversation, message.seq))
            if self.timeline(message.conversation).add(message) and self.auto_ack:
                self._ack_soon(message.conversation)
            self._watch_gap(message.conversation)
        elif kind == "sent":
            self.timeline(frame["conversation"]).saw_head(frame["seq"])
            reply = self._pending.get(frame["client_msg_id"])
            if reply is not None and not reply.done():
                reply.set_result(frame["seq"])
            self._watch_gap(frame["conversation"])  # until our own copy arrives
        elif kind == "receipt":
            cursor = self.receipts.setdefault(
                (frame["conversation"], frame["user"]), Cursor()
            )
            cursor.delivered = max(cursor.delivered, frame["seq"])
            if frame["state"] == "read":
                cursor.read = max(cursor.read, frame["seq"])
        elif kind == "presence":
            self.presence.append(frame)
        elif kind == "error":
            self.errors.append(frame["reason"])
            reply = self._pending.get(frame.get("client_msg_id") or "")
            if reply is not None and not reply.done():
                reply.set_exception(SendRefused(frame["reason"]))

    def _ack_soon(self, conversation: str) -> None:
        """Ack now if the last ack is old enough, else once the delay has passed.

        One cumulative ack covers everything held in order, so a replay of
        500 messages costs the server a few cursor writes, not 500.
        """
        if conversation in self._acking:  # an ack is already due: it will cover this
            return
        self._acking.add(conversation)
        task = asyncio.create_task(self._ack_later(conversation))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _ack_later(self, conversation: str) -> None:
        loop = asyncio.get_running_loop()
        timeline = self.timeline(conversation)
        try:
            while timeline.contiguous > self.acked.get(conversation, 0):
                last = self._last_ack_at.get(conversation)
                if last is not None:
                    await asyncio.sleep(last + self.ack_delay_s - loop.time())
                self._last_ack_at[conversation] = loop.time()
                await self.ack(conversation, timeline.contiguous, "delivered")
                async with self._changed:
                    self._changed.notify_all()
        except ConnectionClosed:
            pass  # the next connection replays from the cursor the server has
        finally:
            self._acking.discard(conversation)

    def _watch_gap(self, conversation: str) -> None:
        """If the conversation has a gap, check again after the grace period."""
        if self.timeline(conversation).gap and conversation not in self._resyncing:
            self._resyncing.add(conversation)
            task = asyncio.create_task(self._resync_later(conversation))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _resync_later(self, conversation: str) -> None:
        try:
            await asyncio.sleep(self.gap_grace_s)  # reordered frames fill it first
            timeline = self.timeline(conversation)
            if timeline.gap:
                self.syncs_sent += 1
                after = timeline.contiguous
                await self.ws.send(
                    encode("sync", conversation=conversation, after=after)
                )
        finally:
            self._resyncing.discard(conversation)
