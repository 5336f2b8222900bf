"""The client side of "log in with...": authorization code + PKCE + OpenID Connect.

Authlib's OAuth2Client (on httpx2) builds the authorization URL and redeems the
code. This module adds the three checks that make the login safe, each against
a value kept in the user's own session at the client: the `state` it sent, the
PKCE `code_verifier` it hashed, and the `nonce` it expects in the ID token.
"""

from __future__ import annotations

import hmac
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import jwt
from authlib.common.security import generate_token
from authlib.integrations.base_client import OAuthError
from authlib.integrations.httpx_client import OAuth2Client

HTTP_TIMEOUT_SECONDS = 5
MAX_ID_TOKEN_AGE = 600  # seconds since iat; the server's ID tokens live 300


class LoginRefused(Exception):
    """The callback or the tokens failed a check; the user is not logged in."""


@dataclass(frozen=True)
class PendingLogin:
    """What the client remembers between sending the user away and the callback."""

    state: str
    nonce: str
    code_verifier: str


@dataclass(frozen=True)
class Login:
    user_id: str
    access_token: str
    id_token: str
    scope: str
    id_claims: dict[str, Any]


class LoginClient:
    def __init__(
        self,
        auth_base: str,
        client_id: str,
        redirect_uri: str,
        issuer: str,
        now: Callable[[], float] = time.time,
    ) -> None:
        self.auth_base, self.client_id, self.issuer = auth_base, client_id, issuer
        self.now = now
        self.oauth = OAuth2Client(
            client_id=client_id,
            redirect_uri=redirect_uri,
            token_endpoint_auth_method="none",  # noqa: S106 (a method name)
            code_challenge_method="S256",
            timeout=HTTP_TIMEOUT_SECONDS,
        )
        self.keys = jwt.PyJWKClient(f"{auth_base}/jwks", timeout=HTTP_TIMEOUT_SECONDS)

    def close(self) -> None:
        self.oauth.close()

    # --8<-- [start:start]
    def start(self, session: dict[str, Any], scope: str) -> str:
        """Remember fresh secrets in this browser's session; return where to send it."""
        pending = PendingLogin(
            state=secrets.token_urlsafe(32),
            nonce=secrets.token_urlsafe(32),
            code_verifier=generate_token(64),  # 43-128 characters (RFC 7636 4.1)
        )
        session["pending_login"] = pending
        url, _ = self.oauth.create_authorization_url(
            f"{self.auth_base}/authorize",
            state=pending.state,
            code_verifier=pending.code_verifier,  # only its SHA-256 goes in the URL
            nonce=pending.nonce,
            scope=scope,
        )
        return url

    # --8<-- [end:start]

    # --8<-- [start:finish]
    def finish(self, session: dict[str, Any], callback_url: str) -> Login:
        """Handle the redirect back: state first, then the code, then the ID token."""
        pending = session.pop("pending_login", None)  # one callback per login
        pairs = parse_qsl(urlsplit(callback_url).query)
        params = dict(pairs)
        if len(pairs) != len(params):  # state=bad&state=good: which one is meant?
            raise LoginRefused("a parameter is repeated")
        sent = params.get("state", "").encode()  # bytes: any text compares
        if pending is None or not hmac.compare_digest(sent, pending.state.encode()):
            raise LoginRefused("state does not match this browser's login")
        if "error" in params:
            raise LoginRefused(f"authorization failed: {params['error']}")
        token = self.redeem(params.get("code", ""), pending.code_verifier)
        if "id_token" not in token:
            raise LoginRefused("no ID token: was 'openid' in the scope?")
        claims = self.verify_id_token(token["id_token"], pending.nonce)
        return Login(
            claims["sub"],
            token["access_token"],
            token["id_token"],
            token["scope"],
            claims,
        )

    # --8<-- [end:finish]

    def redeem(self, code: str, code_verifier: str) -> dict[str, Any]:
        try:
            return dict(
                self.oauth.fetch_token(
                    f"{self.auth_base}/token",
                    grant_type="authorization_code",
                    code=code,
                    code_verifier=code_verifier,
                )
            )
        except OAuthError as error:
            raise LoginRefused(f"token endpoint: {error.error}") from None

    # --8<-- [start:id_token]
    def verify_id_token(self, id_token: str, expected_nonce: str) -> dict[str, Any]:
        """OpenID Connect Core 1.0 section 3.1.3.7, the checks that apply here."""
        try:
            if jwt.get_unverified_header(id_token).get("typ") not in (None, "JWT"):
                raise LoginRefused("not an ID token")  # an at+jwt, for one
            key = self.keys.get_signing_key_from_jwt(id_token)
            claims = jwt.decode(
                id_token,
                key.key,
                algorithms=["RS256"],
                audience=self.client_id,  # issued to this client, not to another
                issuer=self.issuer,
                leeway=30,
                options={"require": ["iss", "sub", "aud", "exp", "iat", "nonce"]},
            )
        except jwt.InvalidTokenError as error:
            raise LoginRefused(f"ID token: {error}") from None
        aud = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
        if aud != [self.client_id] or claims.get("azp", self.client_id) != aud[0]:
            raise LoginRefused("ID token is also for another client")  # 3.1.3.7
        if not isinstance(claims["iat"], int):
            raise LoginRefused("ID token iat is not a number")
        if self.now() - claims["iat"] > MAX_ID_TOKEN_AGE:  # PyJWT checks only exp
            raise LoginRefused("ID token is too old")
        nonce = str(claims["nonce"]).encode()
        if not hmac.compare_digest(nonce, expected_nonce.encode()):
            raise LoginRefused("ID token nonce is not this login's nonce")
        return claims

    # --8<-- [end:id_token]
