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

import httpx2
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
        retry_after: float = 5.0,  # after a failed fetch, not a retry per call
    ) -> None:
        self.token_url, self.scope, self.now = token_url, scope, now
        self.refresh_margin, self.retry_after = refresh_margin, retry_after
        self.oauth = OAuth2Client(
            client_id=client_id,
            client_secret=client_secret,
            token_endpoint_auth_method="client_secret_basic",  # noqa: S106
            timeout=HTTP_TIMEOUT_SECONDS,
        )
        self.fetches = 0
        self._token: str | None = None
        self._renew_at = self._expires_at = self._next_try = 0.0
        self._error: Exception | None = None
        self._lock = threading.Lock()  # many request threads, one fetch at a time

    def access_token(self) -> str:
        with self._lock:
            now = self.now()
            if self._token is not None and now < self._renew_at:
                return self._token
            if now >= self._next_try:  # not while backing off from a failure
                try:
                    return self._fetch(now)
                except Exception as error:
                    self._error, self._next_try = error, now + self.retry_after
            if self._token is not None and now < self._expires_at:
                return self._token  # the renewal failed; this one still works
            raise self._error  # type: ignore[misc]

    def _fetch(self, now: float) -> str:
        token = self.oauth.fetch_token(
            self.token_url, grant_type="client_credentials", scope=self.scope
        )
        self.fetches += 1
        lifetime = token["expires_in"]
        # Half the life of a token shorter than twice the margin, not zero.
        margin = min(self.refresh_margin, lifetime / 2)
        self._token, self._expires_at = token["access_token"], now + lifetime
        self._renew_at = now + lifetime - margin
        return self._token

    def invalidate(self, token: str) -> None:
        """The API said 401 to this token (revoked, say): fetch anew next time."""
        with self._lock:
            if token == self._token:  # not a newer one another thread fetched
                self._token = None
                self._next_try = 0.0

    def get(self, http: httpx2.Client, url: str) -> httpx2.Response:
        """GET with the cached token; on a 401, one retry with a fresh token."""
        token = self.access_token()
        answer = http.get(url, headers={"Authorization": f"Bearer {token}"})
        if answer.status_code == 401:  # revoked, say: a new token, once
            self.invalidate(token)
            fresh = {"Authorization": f"Bearer {self.access_token()}"}
            answer = http.get(url, headers=fresh)
        return answer

    # --8<-- [end:cache]

    def close(self) -> None:
        self.oauth.close()
