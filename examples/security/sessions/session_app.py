"""Cookie sessions over FastAPI, with session fixation and CSRF handled.

    POST /login      new session (any old one is deleted), cookie + CSRF token
    GET  /me         who is logged in                          401 without one
    POST /transfer   an unsafe action: needs the CSRF token    403 without it
    POST /logout     deletes the session on the server, then the cookie

Checking the password is the passwords page's job: `authenticate` is passed in.
"""

import hmac
from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, FastAPI, Header, HTTPException, Request, Response, Security
from fastapi.security import APIKeyCookie
from pydantic import BaseModel, ConfigDict, Field

from examples.apis.rest.problem_details import (
    install_problem_handlers,
    problem_responses,
)
from examples.security.challenges import documented_challenge, session_challenge
from examples.security.sessions.session_store import Session, SessionStore

# --8<-- [start:cookie]
# __Host-: browsers accept this cookie only if it is Secure, has Path=/ and no
# Domain, so a sibling subdomain or a plain-http page cannot plant or
# overwrite it.
COOKIE = "__Host-session"


def set_session_cookie(response: Response, session_id: str) -> None:
    response.set_cookie(
        COOKIE,
        session_id,
        path="/",
        secure=True,  # never sent over plain http
        httponly=True,  # invisible to JavaScript, so XSS cannot read it
        samesite="lax",  # not sent on cross-site POSTs, iframes or fetches
    )  # no max_age: a browser-session cookie; the server decides expiry


# --8<-- [end:cookie]

Authenticate = Callable[[str, str], int | None]
# An allow-list: any other method (POST, PUT, PATCH, DELETE, or one invented
# later) must carry the CSRF token.
SAFE = {"GET", "HEAD", "OPTIONS"}


class Credentials(BaseModel):
    model_config = ConfigDict(extra="forbid")
    email: str = Field(min_length=3, max_length=254)
    password: str = Field(min_length=1, max_length=1024)


class Transfer(BaseModel):
    model_config = ConfigDict(extra="forbid")
    to: str = Field(min_length=1, max_length=64)
    cents: int = Field(gt=0)


class LoggedIn(BaseModel):
    csrf_token: str


class Me(BaseModel):
    user_id: int


class TransferDone(BaseModel):
    sender: int = Field(alias="from")
    to: str
    cents: int


# What the OpenAPI document says each route answers besides 400 and 422.
def _answers(
    ok: type[BaseModel] | None, errors: dict[int, str]
) -> dict[int | str, dict[str, object]]:
    documented = problem_responses(errors)
    if 401 in documented:
        documented[401]["headers"] = documented_challenge(REALM)
    if ok is not None:
        documented[200] = {"model": ok}
    return documented


# RFC 9110: every 401 carries a challenge; see examples/security/challenges.py.
REALM = "sessions"
CHALLENGE = session_challenge(REALM, login="/login")


NO_SESSION = {401: "No session cookie, or one the server does not know"}
NO_TOKEN = {403: "An unsafe method without the session's X-CSRF-Token"}
LOGIN = _answers(LoggedIn, {401: "Wrong email or password"})
LOGIN[200]["headers"] = {
    "Set-Cookie": {
        "description": f"{COOKIE}=...; HttpOnly; Path=/; SameSite=lax; Secure",
        "required": True,
        "schema": {"type": "string"},
    }
}
LOGOUT = _answers(None, {**NO_SESSION, **NO_TOKEN})
ME = _answers(Me, NO_SESSION)
TRANSFER = _answers(TransferDone, {**NO_SESSION, **NO_TOKEN})


def create_app(store: SessionStore, authenticate: Authenticate) -> FastAPI:
    app = FastAPI()
    install_problem_handlers(app)

    # --8<-- [start:csrf]
    # Reads the cookie, and tells the OpenAPI document which routes need it.
    session_cookie = APIKeyCookie(name=COOKIE, auto_error=False)

    def current_session(
        request: Request,
        session_id: Annotated[str | None, Security(session_cookie)],
        csrf_token: Annotated[str | None, Header(alias="X-CSRF-Token")] = None,
    ) -> Session:
        session = store.get(session_id) if session_id else None
        if session is None:
            raise HTTPException(401, "Log in first.", headers=CHALLENGE)
        # The browser attaches the cookie to any request to us, including a
        # form another site submits. It never attaches this header by itself,
        # and another site cannot read the token to copy it.
        # compare_digest on bytes: on two str it raises TypeError for any
        # non-ASCII character, and Starlette decodes headers as latin-1.
        if request.method not in SAFE and not (
            csrf_token
            and hmac.compare_digest(csrf_token.encode(), session.csrf_token.encode())
        ):
            raise HTTPException(403, "Missing or wrong CSRF token.")
        return session

    # --8<-- [end:csrf]

    # --8<-- [start:login]
    @app.post("/login", responses=LOGIN)
    def login(credentials: Credentials, request: Request, response: Response) -> dict:
        user_id = authenticate(credentials.email, credentials.password)
        if user_id is None:
            raise HTTPException(401, "Wrong email or password.", headers=CHALLENGE)
        # Session fixation: never keep an id that existed before the login, it
        # may be one an attacker planted. Delete it and issue a fresh one.
        if old_id := request.cookies.get(COOKIE):
            store.delete(old_id)
        new = store.create(user_id)
        set_session_cookie(response, new.session_id)
        # The page's script keeps this in memory and sends it as X-CSRF-Token.
        return {"csrf_token": new.csrf_token}

    @app.post("/logout", status_code=204, responses=LOGOUT)
    def logout(
        request: Request,
        response: Response,
        _: Annotated[Session, Depends(current_session)],
    ) -> None:
        store.delete(request.cookies[COOKIE])  # the server forgets it first
        response.delete_cookie(COOKIE, path="/", secure=True, httponly=True)

    # --8<-- [end:login]

    @app.get("/me", responses=ME)
    def me(session: Annotated[Session, Depends(current_session)]) -> dict:
        return {"user_id": session.user_id}

    @app.post("/transfer", responses=TRANSFER)
    def transfer(
        body: Transfer, session: Annotated[Session, Depends(current_session)]
    ) -> dict:
        return {"from": session.user_id, "to": body.to, "cents": body.cents}

    return app
