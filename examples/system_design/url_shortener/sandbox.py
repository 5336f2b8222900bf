"""The service on scratch tables and a scratch Redis prefix, for demos and tests.

Everything it makes (a PostgreSQL schema, Redis keys under a random prefix)
is deleted on the way out, so runs repeat cleanly and never see each other.
"""

# requires-server: postgres, redis

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import redis
from fastapi import FastAPI

from examples.scratch_postgres import scratch_schema
from examples.system_design.url_shortener.app import Clock
from examples.system_design.url_shortener.server import (
    create_tables,
    redis_client,
    service,
)


@dataclass
class Sandbox:
    app: FastAPI
    schema: str
    prefix: str
    redis: redis.Redis  # to look at the cache from outside


@contextmanager
def scratch_prefix(client: redis.Redis) -> Iterator[str]:
    """A random key prefix; every key under it is deleted afterwards."""
    prefix = f"ex_short_{secrets.token_hex(6)}"
    try:
        yield prefix
    finally:
        keys = list(client.scan_iter(match=f"{prefix}:*", count=1_000))
        if keys:
            client.delete(*keys)


@contextmanager
def sandbox(
    clock: Clock,
    *,
    use_cache: bool = True,
    dsn: str | None = None,
    redis_at: str | None = None,
) -> Iterator[Sandbox]:
    """The service on fresh tables and keys, with the clock given."""
    with (
        redis_client(redis_at) as client,
        scratch_schema("ex_short", dsn) as schema,
        scratch_prefix(client) as prefix,
    ):
        create_tables(schema, dsn)
        with service(
            schema,
            prefix,
            use_cache=use_cache,
            clock=clock,
            dsn=dsn,
            redis_at=redis_at,
        ) as app:
            yield Sandbox(app, schema, prefix, client)
