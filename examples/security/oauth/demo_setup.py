"""The cast of the demos: an authorization server and an API, on real loopback sockets.

`running()` starts both with uvicorn on free ports (examples/uvicorn_server.py),
registers the clients and users, and stops both servers when the block ends.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import httpx2

from examples.security.oauth import auth_server, resource_server
from examples.security.oauth.login_client import HTTP_TIMEOUT_SECONDS, LoginClient
from examples.security.oauth.registry import User
from examples.uvicorn_server import serve

SPA = "notes-spa"
SPA_CALLBACK = "https://notes.example.com/callback"
SERVICE = "reports-service"


@dataclass
class Setup:
    server: auth_server.OAuthServer
    verifier: resource_server.AccessTokenVerifier
    auth_base: str
    api_base: str
    service_secret: str

    def browser(self, user_id: str) -> httpx2.Client:
        """A browser signed in at the server; it never follows redirects."""
        session = self.server.registry.sign_in(user_id)
        return httpx2.Client(
            cookies={auth_server.SESSION_COOKIE: session},
            follow_redirects=False,
            timeout=HTTP_TIMEOUT_SECONDS,
        )

    def login_client(self) -> LoginClient:
        return LoginClient(self.auth_base, SPA, SPA_CALLBACK, auth_server.ISSUER)


@contextmanager
def running(jwks_cooldown: float = 30.0) -> Iterator[Setup]:
    server, auth_app = auth_server.build()
    registry = server.registry
    registry.users["ada"] = User("ada", "Ada Lovelace", "ada@example.com")
    registry.users["mallory"] = User("mallory", "Mallory", "mallory@example.com")
    registry.register_public_client(SPA, [SPA_CALLBACK])
    secret = registry.register_service(SERVICE, {"reports:read"})
    with serve(auth_app) as auth_port:
        auth_base = f"http://127.0.0.1:{auth_port}"
        verifier = resource_server.AccessTokenVerifier(
            f"{auth_base}/jwks",
            issuer=auth_server.ISSUER,
            audience=auth_server.API_AUDIENCE,
            # One process here; in production a shared denylist or introspection.
            is_revoked=registry.is_revoked,
            jwks_cooldown=jwks_cooldown,
        )
        with serve(resource_server.create_app(verifier)) as api_port:
            api_base = f"http://127.0.0.1:{api_port}"
            yield Setup(server, verifier, auth_base, api_base, secret)
