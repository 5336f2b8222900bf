"""A Redis client with timeouts, and a key prefix that is deleted when you are done.

Every Redis example and test on the data pages works under its own random key
prefix and removes every key under it on the way out, even after an error. They
never call FLUSHDB: other programs may share the server.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from examples import server_settings

# A command that takes longer than this raises instead of hanging the caller.
# Keep it above any blocking timeout you pass to BRPOP or BLMOVE.
SOCKET_TIMEOUT_SECONDS = 5.0

_TOPIC = re.compile(r"[a-z][a-z0-9_]{0,30}")


# --8<-- [start:connect]
def connect(url: str | None = None) -> redis.Redis:
    """Return a client for `url` (default: server_settings.redis_url()).

    Timeouts and retries are spelled out because redis-py's defaults have
    changed: before 8.0 it had no timeouts, so a stuck server blocked a
    command forever.
    """
    return redis.Redis.from_url(
        url or server_settings.redis_url(),
        socket_connect_timeout=server_settings.CONNECT_TIMEOUT_SECONDS,
        socket_timeout=SOCKET_TIMEOUT_SECONDS,
        # A command that timed out may still have run: retrying INCR could
        # count twice. Retry idempotent calls yourself where you want it.
        retry=Retry(NoBackoff(), retries=0),
        decode_responses=True,  # str in, str out; binary data would need bytes
    )


@contextmanager
def key_prefix(client: redis.Redis, topic: str) -> Iterator[str]:
    """Yield a fresh prefix like "handbook:<topic>:<random>:" and delete its keys after."""
    if not _TOPIC.fullmatch(topic):
        raise ValueError(f"topic must match {_TOPIC.pattern!r}, got {topic!r}")
    prefix = f"handbook:{topic}:{secrets.token_hex(8)}:"
    try:
        yield prefix
    finally:
        # SCAN walks the keyspace in small steps; KEYS would block the server.
        doomed = list(client.scan_iter(match=prefix + "*", count=500))
        if doomed:
            client.delete(*doomed)


# --8<-- [end:connect]


@contextmanager
def redis_session(
    topic: str, url: str | None = None
) -> Iterator[tuple[redis.Redis, str]]:
    """Connect, hand out a clean key prefix, then delete its keys and close."""
    with connect(url) as client, key_prefix(client, topic) as prefix:
        yield client, prefix
