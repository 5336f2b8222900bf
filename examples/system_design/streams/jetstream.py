"""Connect to NATS JetStream, make scratch streams, and read with bounded waits.

Every stream made here has a random suffix in its name and is deleted on the
way out, so examples and tests can share one server and leave nothing behind.
Every wait has a timeout: a fetch that finds nothing returns instead of hanging.
"""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import nats
import nats.errors
from nats.aio.client import Client
from nats.aio.msg import Msg
from nats.js import JetStreamContext

from examples.server_settings import CONNECT_TIMEOUT_SECONDS, nats_url

REQUEST_TIMEOUT_SECONDS = 5.0  # every JetStream API call and publish waits at most this
FETCH_TIMEOUT_SECONDS = 2.0  # a fetch that finds nothing gives up after this
DEMO_TIMEOUT_SECONDS = 30.0  # a whole demo, in case a bug leaves some wait unbounded


# --8<-- [start:helpers]
@asynccontextmanager
async def connect_client(url: str | None = None) -> AsyncIterator[Client]:
    """A core NATS connection with a bounded connect, closed (and flushed) on the way out."""
    client: Client = await nats.connect(
        url or nats_url(),
        connect_timeout=CONNECT_TIMEOUT_SECONDS,
        max_reconnect_attempts=3,
    )
    try:
        yield client
    finally:
        await client.close()


@asynccontextmanager
async def connect(url: str | None = None) -> AsyncIterator[JetStreamContext]:
    """A JetStream context on a fresh connection; API calls time out after 5 s."""
    async with connect_client(url) as client:
        yield client.jetstream(timeout=REQUEST_TIMEOUT_SECONDS)


def scratch_name(prefix: str) -> str:
    """`prefix` plus a random suffix: a stream name no other run is using."""
    if not prefix.isidentifier():
        raise ValueError(f"a stream prefix is letters, digits and _, not {prefix!r}")
    return f"{prefix}_{secrets.token_hex(4)}"


@asynccontextmanager
async def scratch_stream(
    js: JetStreamContext, prefix: str, **config: Any
) -> AsyncIterator[str]:
    """Create a stream that captures `<name>.>`, yield its name, delete it at the end.

    The name doubles as the subject prefix, so two runs never see each other's
    messages. `config` is passed to `add_stream` (retention, duplicate_window...).
    """
    name = scratch_name(prefix)
    await js.add_stream(name=name, subjects=[f"{name}.>"], **config)
    try:
        yield name
    finally:
        await js.delete_stream(name)


async def fetch_one(
    sub: JetStreamContext.PullSubscription, timeout: float = FETCH_TIMEOUT_SECONDS
) -> Msg | None:
    """The consumer's next message, or None if none arrives within `timeout`."""
    try:
        [msg] = await sub.fetch(1, timeout=timeout)
    except nats.errors.TimeoutError:
        return None
    return msg


async def read_all(
    sub: JetStreamContext.PullSubscription,
    batch: int = 100,
    timeout: float = FETCH_TIMEOUT_SECONDS,
    ack: bool = True,
) -> list[Msg]:
    """Fetch (and ack) until the consumer has caught up; [] if nothing matches.

    Each message says how many more are waiting for this consumer
    (`metadata.num_pending`), so the loop stops at the last one instead of
    waiting for a fetch to time out. Acking here, before the caller has handled
    anything, suits a read; a consumer doing real work passes `ack=False` and
    acks each message after handling it (so does AckPolicy.NONE).
    """
    info = await sub.consumer_info()
    if info.num_pending == 0:
        return []
    messages: list[Msg] = []
    while True:
        msgs = await sub.fetch(batch, timeout=timeout)
        if ack:
            for msg in msgs:
                await msg.ack()
        messages.extend(msgs)
        if msgs[-1].metadata.num_pending == 0:
            return messages


# --8<-- [end:helpers]
