"""The frames a chat client and server exchange over one WebSocket.

Every frame is a JSON object in a text frame with a "type". The server
validates what a client sends here, at the edge, and answers a bad frame with
an error frame instead of crashing the connection.

    client -> server   send, ack, sync, heartbeat
    server -> client   hello, sent, message, receipt, presence, error
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from typing import Any, Literal

# Ids are short, printable and safe in a Redis channel name or a log line.
ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
MAX_BODY_CHARS = 4_000
ACK_STATES = ("delivered", "read")
MAX_SEQ = 2**63 - 1  # SQLite's INTEGER and PostgreSQL's bigint stop here

AckState = Literal["delivered", "read"]


class FrameError(ValueError):
    """A frame the server refuses; the message says what is wrong with it."""


@dataclass(frozen=True)
class Message:
    """A stored message: its place in the conversation is `seq`, not a clock."""

    conversation: str
    seq: int
    sender: str
    client_msg_id: str
    body: str
    sent_at_ms: int  # the server's clock, for display only; never for order


@dataclass(frozen=True)
class Send:
    conversation: str
    client_msg_id: str  # made by the client; a resend with the same id is a no-op
    body: str


@dataclass(frozen=True)
class Ack:
    conversation: str
    seq: int  # cumulative: "I hold every message up to and including seq"
    state: AckState


@dataclass(frozen=True)
class Sync:
    conversation: str
    after: int  # send me the messages after this sequence number


@dataclass(frozen=True)
class Heartbeat:
    pass


ClientFrame = Send | Ack | Sync | Heartbeat


def check_id(name: str, value: object) -> str:
    """An id field: 1-64 letters, digits, '_' or '-'."""
    if not isinstance(value, str) or not ID.fullmatch(value):
        raise FrameError(f"{name} must be 1-64 letters, digits, '_' or '-'")
    return value


def _seq(name: str, value: object, minimum: int) -> int:
    # bool is an int in Python; true is not a sequence number. JSON integers
    # are unbounded here, and the store's are 64-bit: bound them at the edge.
    if isinstance(value, bool) or not isinstance(value, int):
        value = None
    if value is None or not minimum <= value <= MAX_SEQ:
        raise FrameError(f"{name} must be an integer from {minimum} to 2**63 - 1")
    return value


def parse_client_frame(text: str) -> ClientFrame:
    """Turn one text frame from a client into a typed frame, or raise FrameError."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise FrameError("frame is not JSON") from error
    if not isinstance(data, dict):
        raise FrameError("frame must be a JSON object")
    kind = data.get("type")
    if kind == "send":
        body = data.get("body")
        if not isinstance(body, str) or not body.strip():
            raise FrameError("body must be a non-empty string")
        if len(body) > MAX_BODY_CHARS:
            raise FrameError(f"body must be at most {MAX_BODY_CHARS} characters")
        return Send(
            check_id("conversation", data.get("conversation")),
            check_id("client_msg_id", data.get("client_msg_id")),
            body,
        )
    if kind == "ack":
        state = data.get("state")
        if state not in ACK_STATES:
            raise FrameError("state must be 'delivered' or 'read'")
        conversation = check_id("conversation", data.get("conversation"))
        return Ack(conversation, _seq("seq", data.get("seq"), 1), state)
    if kind == "sync":
        conversation = check_id("conversation", data.get("conversation"))
        return Sync(conversation, _seq("after", data.get("after"), 0))
    if kind == "heartbeat":
        return Heartbeat()
    raise FrameError(f"unknown frame type {kind!r}")


def encode(kind: str, **fields: Any) -> str:
    """A frame as compact JSON text."""
    return json.dumps({"type": kind, **fields}, separators=(",", ":"))


def message_frame(message: Message) -> str:
    return encode("message", **asdict(message))


def message_from(frame: dict[str, Any]) -> Message:
    """The Message in a decoded "message" frame."""
    fields = {name: frame[name] for name in Message.__dataclass_fields__}
    return Message(**fields)
