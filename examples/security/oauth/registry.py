"""What the authorization server knows: clients, users, signing keys, codes.

In memory, behind one lock, so the example runs alone; a real server keeps the
same records in a database. Client secrets and authorization codes are stored
only as SHA-256 digests: both are long random strings, so a fast hash is
enough (unlike passwords), and a leaked table holds nothing usable.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from authlib.oauth2.rfc6749 import ClientMixin, list_to_scope, scope_to_list
from authlib.oidc.core import AuthorizationCodeMixin
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from joserfc.jwk import RSAKey

CODE_TTL_SECONDS = 60  # RFC 6749 section 4.1.2: short-lived, ten minutes at most


def digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


# --8<-- [start:client]
@dataclass(frozen=True)
class Client(ClientMixin):
    """A registered client. No secret digest means a public client (SPA, mobile)."""

    client_id: str
    grant_types: frozenset[str]
    scopes: frozenset[str]
    redirect_uris: tuple[str, ...] = ()
    secret_digest: str | None = None

    def get_client_id(self) -> str:
        return self.client_id

    def get_default_redirect_uri(self) -> None:
        return None  # every authorization request must name its redirect_uri

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return redirect_uri in self.redirect_uris  # exact string match, no patterns

    def get_allowed_scope(self, scope: str | None) -> str:
        # RFC 6749 section 3.3: the server may grant less than was asked for.
        return list_to_scope(
            [s for s in scope_to_list(scope) or [] if s in self.scopes]
        )

    def check_client_secret(self, client_secret: str) -> bool:
        if self.secret_digest is None:
            return False
        return hmac.compare_digest(digest(client_secret), self.secret_digest)

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        expected = "none" if self.secret_digest is None else "client_secret_basic"
        return method == expected

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code" and "authorization_code" in self.grant_types

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type in self.grant_types


# --8<-- [end:client]


@dataclass(frozen=True)
class User:
    user_id: str
    name: str
    email: str


@dataclass
class IssuedCode(AuthorizationCodeMixin):
    """One authorization code: what the user approved, bound to client and PKCE."""

    client_id: str
    user_id: str
    redirect_uri: str
    scope: str
    code_challenge: str
    code_challenge_method: str
    nonce: str | None
    auth_time: int
    expires_at: float
    redeemed: bool = False
    reused: bool = False  # a second redemption was tried: revoke, now and later
    token_ids: list[str] = field(default_factory=list)  # jti of every token issued

    def get_redirect_uri(self) -> str:
        return self.redirect_uri

    def get_scope(self) -> str:
        return self.scope

    def get_nonce(self) -> str | None:
        return self.nonce

    def get_auth_time(self) -> int:
        return self.auth_time

    def get_acr(self) -> None:
        return None

    def get_amr(self) -> None:
        return None


@dataclass(frozen=True)
class SigningKey:
    """An RSA key and its key id; the `kid` header tells verifiers which key signed."""

    kid: str
    private_key: rsa.RSAPrivateKey

    @classmethod
    def generate(cls, kid: str) -> SigningKey:
        return cls(kid, rsa.generate_private_key(public_exponent=65537, key_size=2048))

    def jose_key(self) -> RSAKey:
        pem = self.private_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        return RSAKey.import_key(pem, {"kid": self.kid, "alg": "RS256", "use": "sig"})

    def public_jwk(self) -> dict:
        return self.jose_key().as_dict(private=False)


class Registry:
    """Clients, users, sign-in sessions at the server, codes and revoked tokens."""

    def __init__(self, now: Callable[[], float]) -> None:
        self.now = now
        self.clients: dict[str, Client] = {}
        self.users: dict[str, User] = {}
        self._sessions: dict[str, str] = {}  # digest(session id) -> user id
        self._codes: dict[str, IssuedCode] = {}  # digest(code) -> record
        self._nonces: set[tuple[str, str]] = set()
        self.revoked_token_ids: set[str] = set()
        self._lock = threading.Lock()

    def register_public_client(self, client_id: str, redirect_uris: list[str]) -> None:
        self.clients[client_id] = Client(
            client_id,
            grant_types=frozenset({"authorization_code"}),
            scopes=frozenset(
                {"openid", "profile", "email", "notes:read", "notes:write"}
            ),
            redirect_uris=tuple(redirect_uris),
        )

    def register_service(self, client_id: str, scopes: set[str]) -> str:
        """Register a confidential client; return its secret, shown this once only."""
        secret = secrets.token_urlsafe(32)
        self.clients[client_id] = Client(
            client_id,
            grant_types=frozenset({"client_credentials"}),
            scopes=frozenset(scopes),
            secret_digest=digest(secret),
        )
        return secret

    def sign_in(self, user_id: str) -> str:
        """A session at the authorization server, after the login form (not shown)."""
        session_id = secrets.token_urlsafe(32)
        with self._lock:
            self._sessions[digest(session_id)] = user_id
        return session_id

    def user_for_session(self, session_id: str | None) -> User | None:
        if not session_id:
            return None
        with self._lock:
            user_id = self._sessions.get(digest(session_id))
        return self.users.get(user_id) if user_id else None

    def save_code(self, code: str, record: IssuedCode) -> None:
        with self._lock:
            self._codes[digest(code)] = record
            if record.nonce:
                self._nonces.add((record.client_id, record.nonce))

    def nonce_seen(self, client_id: str, nonce: str) -> bool:
        with self._lock:
            return (client_id, nonce) in self._nonces

    # --8<-- [start:redeem]
    def redeem_code(self, code: str, client_id: str) -> IssuedCode | None:
        """Spend a code once. A second try revokes what the first one got."""
        with self._lock:  # two racing redemptions: exactly one finds it unspent
            record = self._codes.get(digest(code))
            if record is None or record.client_id != client_id:
                return None
            if record.redeemed:
                # RFC 6749 section 4.1.2: a reused code SHOULD revoke its tokens,
                # including one the first redemption has not recorded yet.
                record.reused = True
                self.revoked_token_ids.update(record.token_ids)
                return None
            if self.now() >= record.expires_at:
                return None
            record.redeemed = True
            return record

    def record_token(self, record: IssuedCode, token_id: str) -> None:
        with self._lock:  # the same lock: a reuse comes wholly before or after
            record.token_ids.append(token_id)
            if record.reused:
                self.revoked_token_ids.add(token_id)

    # --8<-- [end:redeem]

    def is_revoked(self, token_id: str) -> bool:
        with self._lock:
            return token_id in self.revoked_token_ids
