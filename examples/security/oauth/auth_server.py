"""An OAuth 2.0 and OpenID Connect authorization server on Authlib's core classes.

Authlib ships server integrations for Flask and Django only, so this one adapts
its framework-free `AuthorizationServer` to FastAPI: two methods turn a request
into an `OAuth2Request` and a result into a response. The grants are Authlib's,
tightened where its defaults are looser than RFC 9700 (OAuth 2.0 Security Best
Current Practice): PKCE is required of every client and only S256 is accepted,
and a service may ask only for the scopes it was registered with.
"""

from __future__ import annotations

import base64
import binascii
import secrets
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar
from urllib.parse import parse_qsl

import jwt
from authlib.oauth2 import AuthorizationServer, OAuth2Error, OAuth2Request
from authlib.oauth2.base import invalid_error_characters
from authlib.oauth2.rfc6749 import (
    InsecureTransportError,
    InvalidRequestError,
    InvalidScopeError,
    OAuth2Payload,
    scope_to_list,
)
from authlib.oauth2.rfc6749.grants import (
    AuthorizationCodeGrant,
    ClientCredentialsGrant,
)
from authlib.oauth2.rfc6750 import BearerTokenGenerator
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oidc.core import OpenIDCode, UserInfo
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel

from examples.security.challenges import documented_challenge, session_challenge
from examples.security.oauth.registry import (
    CODE_TTL_SECONDS,
    Client,
    IssuedCode,
    Registry,
    SigningKey,
    User,
)

ISSUER = "https://auth.example.com"  # the issuer identifier, not the bind address
API_AUDIENCE = "https://api.example.com"
ACCESS_TOKEN_TTL = 300  # five minutes
ID_TOKEN_TTL = 300
SESSION_COOKIE = "as_session"
# Its 401 (no session) carries a challenge, as RFC 9110 requires; see challenges.py.
REALM = "authorization-server"
FORM = "application/x-www-form-urlencoded"
MAX_FORM_BYTES = 8 * 1024  # a token request is a few hundred bytes
MAX_FORM_FIELDS = 20
SCOPES = ["openid", "profile", "email", "notes:read", "notes:write", "reports:read"]


@dataclass
class IncomingRequest:
    """The parts of an HTTP request the grants read, gathered before they run."""

    method: str
    url: str
    headers: Any
    query: list[tuple[str, str]]
    form: list[tuple[str, str]]


class Payload(OAuth2Payload):
    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self._data = dict(pairs)
        self._datalist: defaultdict[str, list] = defaultdict(list)
        for key, value in pairs:
            self._datalist[key].append(value)  # /authorize checks repeats here

    @property
    def data(self) -> dict[str, str]:
        return self._data

    @property
    def datalist(self) -> defaultdict[str, list]:
        return self._datalist


class FastAPIOAuth2Request(OAuth2Request):
    def __init__(self, incoming: IncomingRequest) -> None:
        super().__init__(incoming.method, incoming.url, headers=incoming.headers)
        self._args, self._form = dict(incoming.query), dict(incoming.form)
        self.payload = Payload(incoming.query + incoming.form)

    @property
    def args(self) -> dict[str, str]:
        return self._args

    @property
    def form(self) -> dict[str, str]:
        return self._form


# --8<-- [start:pkce]
class S256Required(CodeChallenge):
    """PKCE for every client, S256 only (RFC 9700 section 2.1.1)."""

    SUPPORTED_CODE_CHALLENGE_METHOD: ClassVar[list[str]] = ["S256"]

    def validate_code_challenge(self, grant, redirect_uri):
        # Authlib lets a request without any challenge through; refuse it here.
        data = grant.request.payload.data
        if not data.get("code_challenge"):
            raise InvalidRequestError("PKCE is required: send a code_challenge.")
        if data.get("code_challenge_method") != "S256":
            # An absent method means "plain" (RFC 7636 section 4.3): refuse both.
            raise InvalidRequestError("code_challenge_method must be S256.")
        super().validate_code_challenge(grant, redirect_uri)


# --8<-- [end:pkce]


class CodeGrant(AuthorizationCodeGrant):
    TOKEN_ENDPOINT_AUTH_METHODS: ClassVar[list[str]] = ["none", "client_secret_basic"]

    @staticmethod
    def validate_authorization_redirect_uri(request: OAuth2Request, client: Client):
        # Authlib quotes a mismatched redirect_uri in error_description, and
        # raises ValueError (a 500) when it holds a character RFC 6749 forbids
        # there: '"', '\\', controls, non-ASCII. No registered URI holds one.
        if invalid_error_characters(request.payload.redirect_uri or ""):
            raise InvalidRequestError("The redirect_uri is not registered.")
        return AuthorizationCodeGrant.validate_authorization_redirect_uri(
            request, client
        )

    def save_authorization_code(self, code: str, request: OAuth2Request) -> None:
        data = request.payload.data
        now = self.server.registry.now()
        record = IssuedCode(
            client_id=request.client.client_id,
            user_id=request.user.user_id,
            redirect_uri=request.payload.redirect_uri,
            scope=request.scope,
            code_challenge=data["code_challenge"],
            code_challenge_method=data["code_challenge_method"],
            nonce=data.get("nonce"),
            auth_time=int(now),
            expires_at=now + CODE_TTL_SECONDS,
        )
        self.server.registry.save_code(code, record)

    def query_authorization_code(self, code: str, client: Client) -> IssuedCode | None:
        return self.server.registry.redeem_code(code, client.client_id)

    def delete_authorization_code(self, authorization_code: IssuedCode) -> None:
        pass  # the record stays, marked redeemed, so a reuse can be detected

    def authenticate_user(self, authorization_code: IssuedCode) -> User | None:
        return self.server.registry.users.get(authorization_code.user_id)


# --8<-- [start:client_credentials]
class ServiceGrant(ClientCredentialsGrant):
    TOKEN_ENDPOINT_AUTH_METHODS: ClassVar[list[str]] = ["client_secret_basic"]

    def validate_token_request(self) -> None:
        super().validate_token_request()  # authenticates the client
        requested = set(scope_to_list(self.request.payload.scope) or [])
        if not requested:
            raise InvalidScopeError("Ask for the scopes this call needs.")
        # Authlib checks only that the server knows the scopes; check the client.
        if not requested <= self.request.client.scopes:
            raise InvalidScopeError("This client may not ask for that scope.")


# --8<-- [end:client_credentials]


class IdTokens(OpenIDCode):
    """Signs ID tokens (RS256) when the scope has `openid`; a nonce is required."""

    def __init__(self, server: OAuthServer) -> None:
        super().__init__(require_nonce=True)
        self.server = server

    def exists_nonce(self, nonce: str, request: OAuth2Request) -> bool:
        return self.server.registry.nonce_seen(request.payload.client_id, nonce)

    def resolve_client_private_key(self, client: Client):
        return self.server.key.jose_key()

    def get_client_algorithm(self, client: Client) -> str:
        return "RS256"

    def get_encode_header(self, client: Client) -> dict[str, str]:
        return {"alg": "RS256", "kid": self.server.key.kid}

    def get_client_claims(self, client: Client) -> dict[str, Any]:
        now = int(self.server.registry.now())
        return {
            "iss": ISSUER,
            "aud": [client.client_id],  # for the client, never for an API
            "iat": now,
            "exp": now + ID_TOKEN_TTL,
        }

    def generate_user_info(self, user: User, scope: str) -> UserInfo:
        info = UserInfo(sub=user.user_id)
        if "profile" in scope_to_list(scope):
            info["name"] = user.name
        if "email" in scope_to_list(scope):
            info["email"] = user.email
        return info


class OAuthServer(AuthorizationServer):
    def __init__(self, registry: Registry, key: SigningKey) -> None:
        super().__init__(scopes_supported=SCOPES)
        self.registry, self.key = registry, key  # `key` signs every new token
        self.published = [key]  # the JWKS: what verifiers may accept
        self.register_token_generator(
            "default",
            BearerTokenGenerator(
                self.sign_access_token,
                expires_generator=lambda client, grant_type: ACCESS_TOKEN_TTL,
            ),
        )
        self.register_grant(CodeGrant, [S256Required(required=True), IdTokens(self)])
        self.register_grant(ServiceGrant)

    # --8<-- [start:rotation]
    def publish(self, key: SigningKey) -> None:
        """Step 1 of a rotation: verifiers learn the new key before it signs."""
        self.published.append(key)

    def sign_with(self, key: SigningKey) -> None:
        """Step 2, once every verifier's JWKS cache has had time to refresh."""
        if key not in self.published:
            raise ValueError("publish a key in the JWKS before signing with it")
        self.key = key

    def retire(self, key: SigningKey) -> None:
        """Step 3, after the old key's last tokens have expired."""
        if key is self.key:
            raise ValueError("the current signing key cannot be retired")
        self.published.remove(key)

    # --8<-- [end:rotation]

    # --8<-- [start:access_token]
    def sign_access_token(self, client: Client, grant_type: str, user, scope) -> str:
        """A JWT access token in the shape of RFC 9068, for one API (the `aud`)."""
        now = int(self.registry.now())
        claims = {
            "iss": ISSUER,
            "aud": API_AUDIENCE,
            "sub": user.user_id if user else client.client_id,
            "client_id": client.client_id,
            "scope": scope,
            "iat": now,
            "exp": now + ACCESS_TOKEN_TTL,
            "jti": secrets.token_urlsafe(16),
        }
        headers = {"kid": self.key.kid, "typ": "at+jwt"}
        return jwt.encode(claims, self.key.private_key, "RS256", headers=headers)

    # --8<-- [end:access_token]

    def get_authorization_grant(self, request: OAuth2Request):
        # The same for an unsupported response_type, which Authlib quotes too:
        # such a value names no response type, so report it without quoting.
        if invalid_error_characters(request.payload.response_type or ""):
            request.payload.data["response_type"] = "unsupported"
        return super().get_authorization_grant(request)

    def query_client(self, client_id: str) -> Client | None:
        return self.registry.clients.get(client_id)

    def save_token(self, token: dict, request: OAuth2Request) -> None:
        code = request.authorization_code
        if code is not None:  # remember what this code bought, to revoke on reuse
            # Minted a moment ago in this request: read, not verified, so a
            # sign_with() in between cannot make this fail.
            claims = jwt.decode(
                token["access_token"], options={"verify_signature": False}
            )
            self.registry.record_token(code, claims["jti"])

    def create_oauth2_request(self, request: Any) -> OAuth2Request:
        if isinstance(request, OAuth2Request):
            return request
        return FastAPIOAuth2Request(request)

    def create_json_request(self, request: Any):
        raise NotImplementedError("no JSON endpoints here")

    def handle_response(self, status: int, body: Any, headers: list) -> Response:
        if isinstance(body, dict):
            return JSONResponse(body, status_code=status, headers=dict(headers))
        return Response(body, status_code=status, headers=dict(headers))

    def send_signal(self, name: str, *args: Any, **kwargs: Any) -> None:
        pass  # no listeners


class BadTokenRequest(Exception):
    def __init__(self, status: int, error: str, description: str) -> None:
        self.status, self.error, self.description = status, error, description

    def response(self) -> JSONResponse:
        body = {"error": self.error, "error_description": self.description}
        headers = {"Cache-Control": "no-store", "Pragma": "no-cache"}
        if self.status == 401:  # RFC 6749 section 5.2: after a Basic attempt
            headers["WWW-Authenticate"] = 'Basic realm="token"'
        return JSONResponse(body, self.status, headers=headers)


async def read_form(request: Request) -> list[tuple[str, str]]:
    """The token endpoint's urlencoded body (RFC 6749 section 4.1.3), strictly."""
    media_type = request.headers.get("content-type", "").split(";")[0].strip()
    if media_type.lower() != FORM:
        return []
    body = b""
    async for chunk in request.stream():  # capped even without a Content-Length
        body += chunk
        if len(body) > MAX_FORM_BYTES:
            raise BadTokenRequest(413, "invalid_request", "Request body too large.")
    try:
        return parse_qsl(
            body.decode("ascii"),  # a urlencoded body is ASCII; the values UTF-8
            keep_blank_values=True,
            errors="strict",
            max_num_fields=MAX_FORM_FIELDS,
        )
    except ValueError:  # UnicodeDecodeError is one; so are too many fields
        raise BadTokenRequest(400, "invalid_request", "Malformed form.") from None


def check_token_request(incoming: IncomingRequest) -> None:
    names = [name for name, _ in incoming.query + incoming.form]
    if len(names) != len(set(names)):
        # RFC 6749 section 3.2: parameters MUST NOT be sent more than once;
        # section 5.2 answers a repeated one with invalid_request.
        raise BadTokenRequest(400, "invalid_request", "A parameter is repeated.")
    scheme, _, credentials = incoming.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "basic":
        if "client_secret" in names:  # section 2.3: one auth method per request
            raise BadTokenRequest(400, "invalid_request", "Two client auth methods.")
        try:
            base64.b64decode(credentials, validate=True).decode()
        except (binascii.Error, UnicodeDecodeError):  # Authlib would raise: a 500
            raise BadTokenRequest(401, "invalid_client", "Bad Basic header.") from None


async def incoming(request: Request, form: list[tuple[str, str]] | None = None):
    return IncomingRequest(
        method=request.method,
        url=str(request.url),
        headers=request.headers,
        query=list(request.query_params.multi_items()),
        form=form or [],
    )


async def refuse_plain_http(request: Request, exc: Exception) -> JSONResponse:
    """Authlib raises for an http:// URL that is not loopback; that is no 500.

    RFC 6749 sections 3.1 and 3.2: both endpoints require TLS. Behind a proxy
    that ends TLS, run uvicorn with --proxy-headers so the URL says https.
    """
    refused = BadTokenRequest(400, "invalid_request", "Use HTTPS.")
    return refused.response()


class OAuthError(BaseModel):
    """RFC 6749 sections 4.1.2.1 and 5.2, as JSON."""

    error: str
    error_description: str | None = None
    state: str | None = None


class TokenIssued(BaseModel):
    """RFC 6749 section 5.1; id_token only for the openid scope."""

    access_token: str
    token_type: str
    expires_in: int
    scope: str | None = None
    id_token: str | None = None


class JsonWebKeySet(BaseModel):
    keys: list[dict[str, str]]


def _string(description: str, required: bool = False, **schema: object) -> dict:
    return {
        "description": description,
        "required": required,
        "schema": {"type": "string", **schema},
    }


def _query(name: str, description: str, **schema: object) -> dict:
    required = schema.pop("required", False)
    return {
        "name": name,
        "in": "query",
        **_string(description, bool(required), **schema),
    }


# What the OpenAPI document says. The handlers read the raw request (Authlib
# parses it), so parameters, form and client authentication are written here.
NO_STORE = {
    "Cache-Control": _string("no-store", required=True),
    "Pragma": _string("no-cache", required=True),
}
AUTHORIZE_REQUEST = {
    "parameters": [
        _query("response_type", "Only the code flow", required=True, enum=["code"]),
        _query("client_id", "A registered client", required=True),
        _query("redirect_uri", "Exactly as registered", required=True),
        _query(
            "code_challenge",
            "PKCE: base64url(SHA-256(verifier))",
            required=True,
            pattern="^[A-Za-z0-9_-]{43}$",
        ),
        _query("code_challenge_method", "PKCE", required=True, enum=["S256"]),
        _query("scope", "Space-separated; those the client may have are kept"),
        _query("state", "Returned unchanged, to tie the answer to the request"),
        _query("nonce", "Required with the openid scope; echoed in the ID token"),
    ],
    "security": [{"serverSession": []}],
}
AUTHORIZE_RESPONSES: dict[int | str, dict[str, object]] = {
    302: {
        "description": "To redirect_uri with a code, or with an error (4.1.2.1)",
        "headers": {"Location": _string("redirect_uri?code=...&state=...", True)},
    },
    400: {"model": OAuthError, "description": "Unknown client or redirect_uri"},
    401: {
        "model": OAuthError,
        "description": "login_required: no session here",
        "headers": documented_challenge(REALM),
    },
}
TOKEN_FORM = {
    "type": "object",
    "required": ["grant_type"],
    "properties": {
        "grant_type": {"enum": ["authorization_code", "client_credentials"]},
        "code": {"type": "string"},
        "redirect_uri": {"type": "string"},
        "client_id": {"type": "string"},
        "code_verifier": {"type": "string", "pattern": "^[A-Za-z0-9._~-]{43,128}$"},
        "scope": {"type": "string"},
    },
}
TOKEN_REQUEST = {
    "requestBody": {"required": True, "content": {FORM: {"schema": TOKEN_FORM}}},
    # client_secret_basic for a service; a public client sends none (PKCE instead)
    "security": [{"clientSecretBasic": []}, {}],
}
TOKEN_RESPONSES: dict[int | str, dict[str, object]] = {
    200: {"model": TokenIssued, "headers": NO_STORE},
    400: {"model": OAuthError, "headers": NO_STORE, "description": "RFC 6749 5.2"},
    401: {
        "model": OAuthError,
        "description": "invalid_client, with a Basic challenge",
        "headers": {**NO_STORE, "WWW-Authenticate": _string("Basic ...", True)},
    },
    413: {"model": OAuthError, "headers": NO_STORE, "description": "Over 8 KiB"},
}
SECURITY_SCHEMES = {
    "serverSession": {"type": "apiKey", "in": "cookie", "name": SESSION_COOKIE},
    "clientSecretBasic": {"type": "http", "scheme": "basic"},
}


def describe_security(app: FastAPI) -> None:
    """Add the two schemes the routes' `security` entries name to the document."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = build()  # FastAPI caches it in app.openapi_schema
            schema.setdefault("components", {})["securitySchemes"] = SECURITY_SCHEMES
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def create_app(server: OAuthServer) -> FastAPI:
    app = FastAPI(title="authorization server")
    app.add_exception_handler(InsecureTransportError, refuse_plain_http)
    describe_security(app)

    # --8<-- [start:authorize]
    @app.get(
        "/authorize",
        status_code=302,  # back to the client, with a code or an error
        response_class=Response,  # no body: the answer is in the Location
        responses=AUTHORIZE_RESPONSES,
        openapi_extra=AUTHORIZE_REQUEST,
    )
    async def authorize(request: Request) -> Response:
        oauth_request = server.create_oauth2_request(await incoming(request))
        user = server.registry.user_for_session(request.cookies.get(SESSION_COOKIE))
        if user is None:  # a real server shows its login form here
            return JSONResponse(
                {"error": "login_required"}, 401, headers=session_challenge(REALM)
            )
        try:
            grant = server.get_consent_grant(oauth_request, end_user=user)
        except OAuth2Error as error:  # answered in the protocol's own error format
            return server.handle_error_response(oauth_request, error)
        # Consent is auto-approved for this demo; a real server asks the user once.
        return server.create_authorization_response(oauth_request, user, grant)

    # --8<-- [end:authorize]

    @app.post("/token", responses=TOKEN_RESPONSES, openapi_extra=TOKEN_REQUEST)
    async def token(request: Request) -> Response:
        try:
            request_parts = await incoming(request, await read_form(request))
            check_token_request(request_parts)
        except BadTokenRequest as refused:
            return refused.response()
        return server.create_token_response(request_parts)

    @app.get("/jwks", response_model=JsonWebKeySet)
    def jwks() -> dict:
        # Public keys only. During a rotation this lists the old key and the new.
        return {"keys": [key.public_jwk() for key in server.published]}

    return app


def build(now: Callable[[], float] = time.time) -> tuple[OAuthServer, FastAPI]:
    """A server with one key; clients and users are registered by the caller."""
    server = OAuthServer(Registry(now), SigningKey.generate("key-2026-01"))
    return server, create_app(server)
