"""Sessions behind a round-robin balancer: in each instance's memory, or in Redis."""

# requires-server: redis

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import redis

from examples.data.redis.connection import redis_session
from examples.system_design.load_balancing.balancers import RoundRobin


class SessionStore(Protocol):
    def create(self, user: str) -> str:
        """Start a session for `user`; return its token (the cookie value)."""
        ...

    def user(self, token: str) -> str | None:
        """The user a token belongs to, or None if the session is unknown."""
        ...


# --8<-- [start:stores]
class InProcessSessions:
    """Sessions in this instance's memory: no other instance can see them."""

    def __init__(self) -> None:
        self._users: dict[str, str] = {}

    def create(self, user: str) -> str:
        token = secrets.token_urlsafe(32)  # unguessable: the token is the credential
        self._users[token] = user
        return token

    def user(self, token: str) -> str | None:
        return self._users.get(token)


class RedisSessions:
    """Sessions in Redis, shared by every instance, each expiring after `ttl` idle seconds."""

    def __init__(self, client: redis.Redis, prefix: str, ttl: int = 1800) -> None:
        self._client, self._prefix, self._ttl = client, prefix, ttl

    def key(self, token: str) -> str:
        return f"{self._prefix}session:{token}"

    def create(self, user: str) -> str:
        token = secrets.token_urlsafe(32)
        self._client.set(self.key(token), user, ex=self._ttl)
        return token

    def user(self, token: str) -> str | None:
        # GETEX reads and pushes the expiry back in one round trip (Redis 6.2+),
        # so an active user stays logged in and an idle one times out.
        return self._client.getex(self.key(token), ex=self._ttl)


# --8<-- [end:stores]


@dataclass
class App:
    """One instance of a web service: log in, then ask who you are."""

    name: str
    sessions: SessionStore

    def login(self, user: str) -> str:
        return self.sessions.create(user)

    def me(self, token: str) -> int:
        """The HTTP status of GET /me with this session cookie."""
        return 200 if self.sessions.user(token) is not None else 401


def behind_round_robin(apps: list[App]) -> str:
    """Log in once, then call /me three times; the balancer picks each instance."""
    balancer, everyone = RoundRobin(), list(range(len(apps)))

    def next_app() -> App:
        return apps[balancer.pick("ada", [0] * len(apps), everyone)]

    first = next_app()
    token = first.login("ada")
    calls = [(app.name, app.me(token)) for app in (next_app() for _ in range(3))]
    return f"login on {first.name}; /me " + ", ".join(f"{n}: {s}" for n, s in calls)


def three_apps(store: Callable[[], SessionStore]) -> list[App]:
    return [App(f"app-{i}", store()) for i in range(3)]


# --8<-- [start:demo]
print("in-process:", behind_round_robin(three_apps(InProcessSessions)))
#> in-process: login on app-0; /me app-1: 401, app-2: 401, app-0: 200
with redis_session("lb_sessions") as (client, prefix):
    # Each instance has its own store object, as separate processes would,
    # but all of them read and write the same keys in one Redis.
    shared = three_apps(lambda: RedisSessions(client, prefix))
    print("redis:     ", behind_round_robin(shared))
    #> redis:      login on app-0; /me app-1: 200, app-2: 200, app-0: 200
# --8<-- [end:demo]
