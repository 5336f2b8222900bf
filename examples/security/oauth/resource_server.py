"""A resource server (the API): validates JWT access tokens and checks scope per route.

Keys come from the authorization server's JWKS endpoint, picked by the token's
`kid` and cached; an unknown `kid` makes PyJWT fetch the set again, which is how
a key rotation reaches the API without a deploy. Errors follow RFC 6750
section 3.1: 401 with `invalid_token`, 403 with `insufficient_scope`, and a
`WWW-Authenticate` header that says which.
"""

from collections.abc import Callable
from typing import Annotated, Any

import jwt
from fastapi import Depends, FastAPI, HTTPException, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel

from examples.apis.rest.problem_details import (
    install_problem_handlers,
    problem_doc,
)

REALM = "notes"
JWKS_TIMEOUT_SECONDS = 5
ACCESS_TOKEN_TYPES = {"at+jwt", "application/at+jwt"}  # RFC 9068 section 4


class Refused(jwt.InvalidTokenError):
    """A check of ours failed; the message is a fixed phrase, safe for a header."""


# error_description is for fixed text only (RFC 6750 section 3 allows printable
# ASCII minus quote and backslash): never echo the token, whose kid is anyone's.
REASONS: list[tuple[type[Exception], str]] = [
    (Refused, ""),  # its own message
    (jwt.ExpiredSignatureError, "expired"),
    (jwt.InvalidSignatureError, "bad signature"),
    (jwt.InvalidAudienceError, "wrong audience"),
    (jwt.InvalidIssuerError, "wrong issuer"),
    (jwt.MissingRequiredClaimError, "missing claim"),
]


def reason(error: jwt.InvalidTokenError) -> str:
    for kind, text in REASONS:
        if isinstance(error, kind):
            return text or str(error)
    return "invalid token"


def challenge(error: str | None = None, description: str = "", scope: str = "") -> str:
    """A WWW-Authenticate value. No error code when no token was sent at all."""
    parts = [f'realm="{REALM}"']
    if error:
        parts.append(f'error="{error}"')
    if description:
        parts.append(f'error_description="{description}"')
    if scope:
        parts.append(f'scope="{scope}"')
    return "Bearer " + ", ".join(parts)


# --8<-- [start:verify]
class AccessTokenVerifier:
    def __init__(
        self,
        jwks_url: str,
        issuer: str,
        audience: str,
        is_revoked: Callable[[str], bool] = lambda token_id: False,
        jwks_cooldown: float = 30.0,  # PyJWT's default: refetch at most this often
    ) -> None:
        self.keys = jwt.PyJWKClient(
            jwks_url, timeout=JWKS_TIMEOUT_SECONDS, cooldown_duration=jwks_cooldown
        )
        self.issuer, self.audience, self.is_revoked = issuer, audience, is_revoked

    def verify(self, token: str) -> dict[str, Any]:
        """The claims of a valid access token; raises jwt.InvalidTokenError."""
        # RFC 9068 section 4: an access token says so in its header. An ID token
        # does not, so it cannot be replayed here as if it were one.
        typ = jwt.get_unverified_header(token).get("typ")
        if not isinstance(typ, str) or typ not in ACCESS_TOKEN_TYPES:
            raise Refused("not an access token")
        try:
            key = self.keys.get_signing_key_from_jwt(token)  # by kid, from the JWKS
        except jwt.PyJWKClientConnectionError:
            raise  # the key server is unreachable: a 500, not the caller's fault
        except jwt.PyJWKClientError:  # no key with that kid, even refetched
            raise Refused("unknown key") from None
        claims = jwt.decode(
            token,
            key.key,
            algorithms=["RS256"],  # pinned, never read from the token
            audience=self.audience,  # a token for another API is refused
            issuer=self.issuer,
            leeway=30,
            options={"require": ["exp", "iat", "iss", "aud", "sub", "jti", "scope"]},
        )
        if not all(isinstance(claims.get(k), str) for k in ["scope", "client_id"]):
            raise Refused("bad claims")
        if self.is_revoked(claims["jti"]):
            raise Refused("revoked")
        return claims

    def refresh_keys(self) -> None:
        """Refetch the JWKS now: after a key is pulled in an emergency, for one.

        Otherwise a removed key stays trusted until the cached set expires
        (PyJWKClient's `lifespan`, 300 seconds by default).
        """
        self.keys.get_jwk_set(refresh=True)


# --8<-- [end:verify]


class Notes(BaseModel):
    owner: str
    notes: list[str]


class NoteCreated(BaseModel):
    owner: str
    created: bool


class Reports(BaseModel):
    caller: str
    reports: int


def answers(status: int, body: type[BaseModel]) -> dict[int | str, dict[str, Any]]:
    """A route's OpenAPI responses: its body, and the RFC 6750 refusals."""
    challenged = {
        "WWW-Authenticate": {
            "description": "Bearer realm, and error, error_description or scope",
            "required": True,
            "schema": {"type": "string"},
        }
    }
    return {
        status: {"model": body},
        401: {**problem_doc("No token, or invalid_token"), "headers": challenged},
        403: {**problem_doc("insufficient_scope"), "headers": challenged},
    }


def create_app(verifier: AccessTokenVerifier) -> FastAPI:
    # No `from __future__ import annotations` in this module: FastAPI must see
    # the local Annotated aliases below as objects, not as strings to look up.
    app = FastAPI(title="notes API")
    install_problem_handlers(app)  # errors as problem+json; the RFC 6750 header stays
    bearer = HTTPBearer(auto_error=False)  # and the OpenAPI document names the scheme

    def bearer_claims(
        credentials: Annotated[HTTPAuthorizationCredentials | None, Security(bearer)],
    ) -> dict[str, Any]:
        if credentials is None:  # no Authorization, another scheme, or no token
            raise HTTPException(401, headers={"WWW-Authenticate": challenge()})
        try:
            return verifier.verify(credentials.credentials)
        except jwt.InvalidTokenError as error:
            header = challenge("invalid_token", reason(error))
            raise HTTPException(401, headers={"WWW-Authenticate": header}) from None

    # --8<-- [start:scope]
    Claims = Annotated[dict[str, Any], Depends(bearer_claims)]

    def require_scope(scope: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
        def check(claims: Claims) -> dict[str, Any]:
            if scope not in claims["scope"].split():
                header = challenge("insufficient_scope", scope=scope)
                raise HTTPException(403, headers={"WWW-Authenticate": header})
            return claims

        return check

    ReadNotes = Annotated[dict[str, Any], Depends(require_scope("notes:read"))]
    WriteNotes = Annotated[dict[str, Any], Depends(require_scope("notes:write"))]
    ReadReports = Annotated[dict[str, Any], Depends(require_scope("reports:read"))]

    @app.get("/notes", responses=answers(200, Notes))
    def read_notes(claims: ReadNotes) -> dict:
        return {"owner": claims["sub"], "notes": ["buy milk"]}

    @app.post("/notes", status_code=201, responses=answers(201, NoteCreated))
    def write_note(claims: WriteNotes) -> dict:
        return {"owner": claims["sub"], "created": True}

    @app.get("/reports", responses=answers(200, Reports))
    def read_reports(claims: ReadReports) -> dict:
        return {"caller": claims["client_id"], "reports": 3}

    # --8<-- [end:scope]
    return app
