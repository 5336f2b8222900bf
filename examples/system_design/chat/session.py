"""One WebSocket session: authenticate, replay the backlog, then handle frames.

Order on connect matters: join the router first (so live frames for this
user reach this server), then read the cursors and the backlog from the
database. A message committed in between arrives twice, live and in the
backlog, and the client's Timeline keeps one; none can fall between the two.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging

from fastapi import WebSocket, WebSocketDisconnect
from fastapi.responses import JSONResponse

from examples.system_design.chat.hub import SERVICE_RESTART, Connection
from examples.system_design.chat.protocol import (
    Ack,
    FrameError,
    Heartbeat,
    Send,
    Sync,
    encode,
    message_frame,
    parse_client_frame,
)
from examples.system_design.chat.routers import RouterDown
from examples.system_design.chat.service import ChatService
from examples.system_design.chat.store import ChatError
from examples.system_design.chat.tokens import InvalidToken

INTERNAL_ERROR = 1011  # close code in IANA's WebSocket registry
SESSION_COOKIE = "chat_session"  # set by the login service: HttpOnly, Secure
logger = logging.getLogger(__name__)


# --8<-- [start:authenticate]
def authenticate(service: ChatService, websocket: WebSocket) -> str | JSONResponse:
    """The user id from a verified token, or the response refusing it.

    Apps send `Authorization: Bearer`. Browsers cannot set headers on a
    WebSocket, so a web client's token comes in the session cookie, and then
    an allowed Origin is required: the browser attaches the cookie whichever
    site's page opens the socket (RFC 6455, section 10.2).
    """
    origin = websocket.headers.get("origin")
    if origin is not None and origin not in service.settings.allowed_origins:
        return JSONResponse({"detail": "origin not allowed"}, status_code=403)
    scheme, _, token = websocket.headers.get("authorization", "").partition(" ")
    cookie = websocket.cookies.get(SESSION_COOKIE)
    try:
        if scheme.lower() == "bearer":
            return service.tokens.verify(token)
        if cookie is None:
            raise InvalidToken("a bearer token or a session cookie is required")
        if origin is None:
            return JSONResponse({"detail": "a cookie needs an Origin"}, status_code=403)
        return service.tokens.verify(cookie)
    except InvalidToken as error:
        headers = {"WWW-Authenticate": "Bearer"}
        return JSONResponse({"detail": str(error)}, status_code=401, headers=headers)


# --8<-- [end:authenticate]


async def _write(websocket: WebSocket, connection: Connection) -> None:
    """The only task that writes to this socket."""
    while batch := await connection.next_batch():
        for frame in batch:
            await websocket.send_text(frame)
    await websocket.close(connection.close_code, connection.close_reason)


async def _heads(service: ChatService, user: str) -> dict[str, int]:
    """The latest seq of each of the user's conversations."""
    cursors = await service.db(lambda store: store.cursors(user))
    return {conversation: last for conversation, (_, last) in cursors.items()}


async def _replay(service: ChatService, connection: Connection) -> None:
    """The hello frame, then every conversation's messages after the user's cursor."""
    user = connection.user
    cursors = await service.db(lambda store: store.cursors(user))
    heads = {conversation: last for conversation, (_, last) in cursors.items()}
    hello = encode(
        "hello",
        user=user,
        server=service.settings.name,
        heads=heads,
        heartbeat_s=service.settings.heartbeat_interval_s,
    )
    connection.offer(hello)
    limit = service.settings.backlog_limit
    for conversation, (delivered, last) in cursors.items():
        if last > delivered:
            backlog = await service.db(
                lambda store, c=conversation, d=delivered: store.after(
                    c, user, d, limit
                )
            )
            for message in backlog:
                connection.offer(message_frame(message))


def _msg_id(text: str) -> str | None:
    """The client_msg_id of a refused frame, so the client can match the error."""
    with contextlib.suppress(ValueError, AttributeError):
        value = json.loads(text).get("client_msg_id")
        return value if isinstance(value, str) else None
    return None


# --8<-- [start:handle]
async def _handle(service: ChatService, connection: Connection, text: str) -> None:
    user = connection.user
    frame = parse_client_frame(text)
    if isinstance(frame, Send):
        message, _ = await service.db(
            lambda store: store.append(
                frame.conversation, user, frame.client_msg_id, frame.body
            )
        )
        # Published before "sent", and on a resend too: if this server dies
        # between commit and publish, the sender has no "sent" and resends.
        # Members drop a second copy by its seq.
        members = await service.db(lambda store: store.members(frame.conversation))
        await service.publish(members, message_frame(message))
        connection.offer(
            encode(
                "sent",
                conversation=message.conversation,
                client_msg_id=message.client_msg_id,
                seq=message.seq,
            )
        )
    elif isinstance(frame, Ack):
        moved = await service.db(
            lambda store: store.ack(frame.conversation, user, frame.seq, frame.state)
        )
        if not moved:  # a resent or stale ack: nothing to tell anyone
            return
        members = await service.db(lambda store: store.members(frame.conversation))
        if len(members) <= service.settings.max_push_group:
            receipt = encode(
                "receipt",
                conversation=frame.conversation,
                user=user,
                state=frame.state,
                seq=frame.seq,
            )
            await service.publish(members, receipt)
    elif isinstance(frame, Sync):
        limit = service.settings.backlog_limit
        for message in await service.db(
            lambda store: store.after(frame.conversation, user, frame.after, limit)
        ):
            connection.offer(message_frame(message))
    elif isinstance(frame, Heartbeat):
        if service.presence.heartbeat(user):
            await service.announce_presence(user)
        # Every conversation's latest seq: a client that lost the last frame
        # of a conversation sees no later frame to reveal the gap, but this.
        connection.offer(encode("heads", heads=await _heads(service, user)))


# --8<-- [end:handle]


async def run_session(service: ChatService, websocket: WebSocket) -> None:
    user = authenticate(service, websocket)
    if isinstance(user, JSONResponse):
        await websocket.send_denial_response(user)
        return
    await websocket.accept()
    connection = Connection(user, service.settings.outbox_limit)
    service.hub.add(connection)
    writer = asyncio.create_task(_write(websocket, connection))
    try:
        try:
            await service.router.join(user)
        except RouterDown:  # this server hears nothing: send the client elsewhere
            connection.shut(SERVICE_RESTART, "routing lost")
        else:
            await _replay(service, connection)
            if service.presence.heartbeat(user):
                await service.announce_presence(user)
        # Raw ASGI events, not receive_text(): once a write to a closing socket
        # fails, receive_text() refuses to run, and frames the client sent
        # before leaving (its last acks) would be dropped unread.
        while (event := await websocket.receive())["type"] == "websocket.receive":
            text = event.get("text")
            if text is None:
                connection.offer(encode("error", reason="frames must be text"))
                continue
            try:
                await _handle(service, connection, text)
            except (FrameError, ChatError) as error:
                reply = encode("error", reason=str(error), client_msg_id=_msg_id(text))
                connection.offer(reply)
            except Exception:  # the store or Redis failed: no "sent" went out
                logger.exception("session of %s failed", user)
                connection.shut(INTERNAL_ERROR, "server error: reconnect")
    finally:
        writer.cancel()
        # A write to a socket the client already closed fails; that is the end.
        with contextlib.suppress(
            asyncio.CancelledError, WebSocketDisconnect, RuntimeError, OSError
        ):
            await writer
        service.hub.remove(connection)
        await service.router.leave(user)
        if not service.hub.has(user) and service.presence.disconnect(user):
            await service.announce_presence(user)
