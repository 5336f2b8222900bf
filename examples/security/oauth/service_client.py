"""Service-to-service calls with the client credentials grant, and a token cache.

A backend service authenticates as itself (no user) with its client id and
secret, over HTTP Basic (RFC 6749 section 2.3.1), and gets a token for the
scopes it asks for. It keeps that token until shortly before it expires, so the
authorization server sees one request per token lifetime, not one per call.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from authlib.integrations.httpx_client import OAuth2Client

HTTP_TIMEOUT_SECONDS = 5


# --8<-- [start:cache]
class ServiceTokens:
    """Hands out a cached access token, fetching a new one near expiry."""

    def __init__(
        self,
        token_url: str,
        client_id: str,
        client_secret: str,
        scope: str,
        now: Callable[[], float] = time.monotonic,
        refresh_margin: float = 60.0,  # renew a minute early: skew, slow calls
    ) -> None:
        self.token_url, self.scope, self.now = token_url, scope, now
        self.refresh_margin = refresh_margin
        self.oauth = OAuth2Client(
            client_id=client_id,
            client_secret=client_secret,
            token_endpoint_auth_method="client_secret_basic",  # noqa: S106 (a method name)
            timeout=HTTP_TIMEOUT_SECONDS,
        )
        self.fetches = 0
        self._token: str | None = None
        self._renew_at = 0.0
        self._lock = threading.Lock()  # many request threads, one fetch at a time

    def access_token(self) -> str:
        with self._lock:
            if self._token is None or self.now() >= self._renew_at:
                token = self.oauth.fetch_token(
                    self.token_url, grant_type="client_credentials", scope=self.scope
                )
                self.fetches += 1
                self._token = token["access_token"]
                self._renew_at = self.now() + token["expires_in"] - self.refresh_margin
            return self._token

    # --8<-- [end:cache]

    def close(self) -> None:
        self.oauth.close()
