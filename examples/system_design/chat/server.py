"""The chat server: one WebSocket endpoint for live traffic, HTTP for the rest.

    WS   /ws                                      live: send, receive, ack, sync
    POST /conversations                           create a conversation
    GET  /conversations/{id}/messages?after=&limit=   history, page by seq
    GET  /conversations/{id}/messages/{seq}/receipts  who has it, who read it
    GET  /stats                                   connections on this server

Every request names its user by a bearer token, never by a user id it
asserts. Run many copies behind a plain load balancer with a RedisRouter.
The OpenAPI document covers the HTTP routes only: OpenAPI has no way to
describe a WebSocket's frames, so /ws is not in it (the protocol is in
protocol.py). Errors are FastAPI's {"detail": ...}, as the clients expect.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import asdict
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Path, Query, Request, WebSocket
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field, field_validator

from examples.system_design.chat.protocol import ID, MAX_SEQ
from examples.system_design.chat.routers import Router
from examples.system_design.chat.service import ChatService, ChatSettings
from examples.system_design.chat.session import run_session
from examples.system_design.chat.store import MAX_MEMBERS, ChatError, NotAMember
from examples.system_design.chat.tokens import USER_ID, InvalidToken

# A JSON Schema pattern matches anywhere in the string: anchor it, or "a b"
# passes here and fails the store's fullmatch (a 400 the document hid).
UserId = Annotated[str, Field(pattern=f"^{USER_ID.pattern}$")]


class NewConversation(BaseModel):
    id: str = Field(pattern=f"^{ID.pattern}$")
    # Distinct members: ["alice", "alice"] is one person, not the two needed.
    members: list[UserId] = Field(
        min_length=2, max_length=MAX_MEMBERS, json_schema_extra={"uniqueItems": True}
    )

    @field_validator("members")
    @classmethod
    def _distinct(cls, members: list[str]) -> list[str]:
        if len(set(members)) != len(members):
            raise ValueError("list each member once")
        return members


class Problem(BaseModel):
    """Every error here, in FastAPI's own shape (422s add a list of errors)."""

    detail: str


class MessageOut(BaseModel):
    conversation: str
    seq: int
    sender: str
    client_msg_id: str
    body: str
    sent_at_ms: int


class ConversationOut(BaseModel):
    id: str
    members: list[str]


class StatsOut(BaseModel):
    server: str
    connections: int
    users: int


def _error(description: str, **headers: str) -> dict[str, Any]:
    doc: dict[str, Any] = {"model": Problem, "description": description}
    if headers:
        doc["headers"] = {
            name: {"required": True, "schema": {"type": "string", "const": value}}
            for name, value in headers.items()
        }
    return doc


UNAUTHORIZED = _error("No valid bearer token", **{"WWW-Authenticate": "Bearer"})
HIDDEN = _error("No such conversation, or the caller is not in it")
REFUSED = _error("The store refused the request; detail says why")
# Documents the scheme (OpenAPI's bearer security); current_user refuses.
BEARER = HTTPBearer(auto_error=False, description="A token from TokenSigner.issue")


def current_user(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(BEARER)],
) -> str:
    """The user named by the request's bearer token; 401 without a valid one."""
    service: ChatService = request.app.state.service
    try:
        if credentials is None:
            raise InvalidToken("a bearer token is required")
        return service.tokens.verify(credentials.credentials)
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

    @app.post(
        "/conversations",
        status_code=201,
        response_model=ConversationOut,
        responses={
            400: REFUSED,
            401: UNAUTHORIZED,
            403: _error("The caller is not among the members"),
        },
    )
    async def create(body: NewConversation, user: User) -> dict[str, Any]:
        if user not in body.members:
            raise HTTPException(403, "you must be a member of what you create")
        await store_call(lambda s: s.create_conversation(body.id, body.members))
        return {"id": body.id, "members": sorted(set(body.members))}

    @app.get(
        "/conversations/{conversation}/messages",
        response_model=list[MessageOut],
        responses={401: UNAUTHORIZED, 404: HIDDEN},
    )
    async def history(
        conversation: str,
        user: User,
        after: Annotated[int, Query(ge=0, le=MAX_SEQ)] = 0,  # SQLite: 64-bit
        limit: Annotated[int, Query(ge=1, le=100)] = 50,
    ) -> list[dict[str, Any]]:
        messages = await store_call(lambda s: s.after(conversation, user, after, limit))
        return [asdict(m) for m in messages]

    @app.get(
        "/conversations/{conversation}/messages/{seq}/receipts",
        responses={
            400: _error("No message has this seq"),
            401: UNAUTHORIZED,
            404: HIDDEN,
        },
    )
    async def receipts(
        conversation: str, seq: Annotated[int, Path(ge=1, le=MAX_SEQ)], user: User
    ) -> dict[str, str]:
        await store_call(lambda s: s.after(conversation, user, 0, 1))  # membership
        return await store_call(lambda s: s.receipts(conversation, seq))

    @app.get("/stats", response_model=StatsOut)
    async def stats() -> dict[str, Any]:
        # An operator endpoint: in production, keep it off the public listener.
        hub = service.hub
        return {
            "server": settings.name,
            "connections": hub.connection_count,
            "users": hub.user_count,
        }

    return app
