"""A login service that does not reveal which accounts exist.

    POST /register        202 whether or not the email is taken
    POST /login           200, or the same 401 for unknown email and wrong password
    POST /password-reset  202 whether or not the account exists

Every error is an RFC 9457 problem (examples/apis/rest/problem_details.py).
A successful login returns the account id; what it hands out next (a session
cookie or tokens) is the subject of the sessions page.
"""

from __future__ import annotations

import math
import secrets
import sqlite3
import threading
from typing import Annotated

from argon2 import PasswordHasher
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, StringConstraints

from examples.apis.rest.problem_details import (
    install_problem_handlers,
    problem_doc,
    problem_response,
)
from examples.security.challenges import documented_challenge, session_challenge
from examples.security.passwords.accounts import Accounts, normalize_email
from examples.security.passwords.hashing import HASHER, verify_password
from examples.security.passwords.throttle import LoginThrottle, client_key

Email = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=3, max_length=254)
]
# The upper bound keeps request bodies small; Argon2 itself accepts any length.
NewPassword = Annotated[str, StringConstraints(min_length=8, max_length=1024)]
AnyPassword = Annotated[str, StringConstraints(min_length=1, max_length=1024)]
WRONG = "Wrong email or password."
# RFC 9110: a 401 carries a challenge (examples/security/challenges.py).
REALM = "accounts"
ACCEPTED = {"detail": "If the address can receive email, a message is on its way."}


class Credentials(BaseModel):
    model_config = ConfigDict(extra="forbid")
    email: Email
    password: AnyPassword


class Registration(Credentials):
    password: NewPassword


class ResetRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    email: Email


class LoggedIn(BaseModel):
    account_id: int


# What the OpenAPI document says /login answers besides 400 and 422.
LOGIN_RESPONSES: dict[int | str, dict[str, object]] = {
    200: {"model": LoggedIn},
    401: {
        **problem_doc("Wrong email or password (the same for both)"),
        "headers": documented_challenge(REALM),
    },
    429: {
        **problem_doc("Too many failed logins for this account or network"),
        "headers": {
            "Retry-After": {
                "description": "Seconds until the next attempt is allowed",
                "required": True,
                "schema": {"type": "string", "pattern": "^[0-9]+$"},
            }
        },
    },
}


def create_app(
    connection: sqlite3.Connection,
    *,
    hasher: PasswordHasher = HASHER,
    throttle: LoginThrottle | None = None,
    outbox: list[tuple[str, str]] | None = None,
    hash_slots: int = 4,
) -> FastAPI:
    """The app over `connection`. `outbox` collects (address, kind) of sent mail.

    At most `hash_slots` Argon2 computations run at once (64 MiB each with the
    default parameters); further requests wait for a slot instead of piling up
    memory. Size it to the cores and memory the server has.
    """
    app = FastAPI()
    install_problem_handlers(app)
    accounts = Accounts(connection)
    throttle = throttle or LoginThrottle()
    sent = outbox if outbox is not None else []
    slots = threading.BoundedSemaphore(hash_slots)

    # --8<-- [start:dummy]
    # Verified against when the email is unknown, so that path costs one Argon2
    # verify with the current parameters, like a wrong password does.
    dummy_hash = hasher.hash(secrets.token_urlsafe(16))
    # --8<-- [end:dummy]

    # --8<-- [start:login]
    @app.post("/login", responses=LOGIN_RESPONSES)
    def login(credentials: Credentials, request: Request) -> JSONResponse:
        email = normalize_email(credentials.email)
        # Behind a proxy, request.client is the proxy unless the server is told
        # to trust its header (see "In production"). No client: one shared key.
        ip = client_key(request.client.host) if request.client else "unknown"
        # Throttle on the normalized email, known or not: a 429 that only known
        # accounts could get would itself reveal them. attempt() counts this
        # try before any hashing, so simultaneous guesses cannot all slip in.
        wait = throttle.attempt(email, ip)
        if wait > 0:
            return problem_response(
                request,
                429,
                title="Too many attempts",
                detail="Too many failed logins; try again later.",
                headers={"Retry-After": str(math.ceil(wait))},
            )
        account = accounts.find(email)
        stored = account.password_hash if account else dummy_hash
        with slots:
            verdict = verify_password(stored, credentials.password, hasher)
        if account is None or not verdict.ok:
            return problem_response(
                request,
                401,
                title="Unauthorized",
                detail=WRONG,
                headers=session_challenge(REALM, login="/login"),
            )
        throttle.success(email, ip)
        if verdict.upgraded_hash is not None:
            accounts.set_hash(account.id, verdict.upgraded_hash)
        return JSONResponse({"account_id": account.id})

    # --8<-- [end:login]

    # --8<-- [start:register]
    @app.post("/register", status_code=202)
    def register(registration: Registration) -> dict[str, str]:
        # Hash first, on both paths: skipping it for a taken email would make
        # "taken" answer one whole hash sooner.
        with slots:
            password_hash = hasher.hash(registration.password)
        created = accounts.create(registration.email, password_hash)
        if created is None:
            # The owner learns someone tried; the caller learns nothing.
            sent.append((normalize_email(registration.email), "already-registered"))
        else:
            sent.append((created.email, "confirm-address"))
        return ACCEPTED

    @app.post("/password-reset", status_code=202)
    def password_reset(reset: ResetRequest) -> dict[str, str]:
        account = accounts.find(reset.email)
        if account is not None:
            # In production: enqueue, so sending mail adds no time to this path.
            sent.append((account.email, "reset-link"))
        return ACCEPTED

    # --8<-- [end:register]

    return app
