"""The chat server: one WebSocket endpoint for live traffic, HTTP for the rest.

    WS   /ws                                      live: send, receive, ack, sync
    POST /conversations                           create a conversation
    GET  /conversations/{id}/messages?after=&limit=   history, page by seq
    GET  /conversations/{id}/messages/{seq}/receipts  who has it, who read it
    GET  /stats                                   connections on this server

Every request names its user by a bearer token, never by a user id it
asserts. Run many copies behind a plain load balancer with a RedisRouter.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import asdict
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Path, Query, Request, WebSocket
from pydantic import BaseModel, Field

from examples.system_design.chat.protocol import ID, MAX_SEQ
from examples.system_design.chat.routers import Router
from examples.system_design.chat.service import ChatService, ChatSettings
from examples.system_design.chat.session import run_session
from examples.system_design.chat.store import ChatError, NotAMember
from examples.system_design.chat.tokens import InvalidToken


class NewConversation(BaseModel):
    id: str = Field(pattern=ID.pattern)
    members: list[str] = Field(min_length=2, max_length=1_000)


def current_user(request: Request) -> str:
    """The user named by the request's bearer token; 401 without a valid one."""
    service: ChatService = request.app.state.service
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    try:
        if scheme.lower() != "bearer":
            raise InvalidToken("a bearer token is required")
        return service.tokens.verify(token)
    except InvalidToken as error:
        raise HTTPException(
            401, str(error), headers={"WWW-Authenticate": "Bearer"}
        ) from None


User = Annotated[str, Depends(current_user)]


def create_app(
    settings: ChatSettings,
    router: Router | None = None,
    clock: Callable[[], float] = time.time,
) -> FastAPI:
    service = ChatService(settings, router, clock)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        await service.start()
        try:
            yield
        finally:
            await service.stop()

    app = FastAPI(lifespan=lifespan)
    app.state.service = service

    async def store_call(call: Callable[[Any], Any]) -> Any:
        try:
            return await service.db(call)
        except NotAMember:  # 404, not 403: do not confirm that it exists
            raise HTTPException(404, "no such conversation") from None
        except ChatError as error:
            raise HTTPException(400, str(error)) from None

    @app.websocket("/ws")
    async def live(websocket: WebSocket) -> None:
        await run_session(service, websocket)

    @app.post("/conversations", status_code=201)
    async def create(body: NewConversation, user: User) -> dict[str, Any]:
        if user not in body.members:
            raise HTTPException(403, "you must be a member of what you create")
        await store_call(lambda s: s.create_conversation(body.id, body.members))
        return {"id": body.id, "members": sorted(set(body.members))}

    @app.get("/conversations/{conversation}/messages")
    async def history(
        conversation: str,
        user: User,
        after: Annotated[int, Query(ge=0, le=MAX_SEQ)] = 0,  # SQLite: 64-bit
        limit: Annotated[int, Query(ge=1, le=100)] = 50,
    ) -> list[dict[str, Any]]:
        messages = await store_call(lambda s: s.after(conversation, user, after, limit))
        return [asdict(m) for m in messages]

    @app.get("/conversations/{conversation}/messages/{seq}/receipts")
    async def receipts(
        conversation: str, seq: Annotated[int, Path(ge=1, le=MAX_SEQ)], user: User
    ) -> dict[str, str]:
        await store_call(lambda s: s.after(conversation, user, 0, 1))  # membership
        return await store_call(lambda s: s.receipts(conversation, seq))

    @app.get("/stats")
    async def stats() -> dict[str, Any]:
        # An operator endpoint: in production, keep it off the public listener.
        hub = service.hub
        return {
            "server": settings.name,
            "connections": hub.connection_count,
            "users": hub.user_count,
        }

    return app
