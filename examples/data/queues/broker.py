"""Connect to RabbitMQ and declare a work queue with its retry and dead-letter queues.

Everything here is named with a random suffix and deleted afterwards, so
examples and tests can run side by side on one broker and leave nothing behind.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pika
from pika.adapters.blocking_connection import BlockingChannel

from examples.server_settings import CONNECT_TIMEOUT_SECONDS, amqp_url


# --8<-- [start:connect]
def connect(url: str | None = None) -> pika.BlockingConnection:
    """Open a connection that fails fast instead of hanging forever."""
    parameters = pika.URLParameters(url or amqp_url())
    parameters.connection_attempts = 3
    parameters.retry_delay = 1
    parameters.socket_timeout = CONNECT_TIMEOUT_SECONDS  # the TCP connect only
    # The whole handshake (TCP, TLS, AMQP); after it, only heartbeats notice a
    # silent broker, since pika sets no timeout on socket reads.
    parameters.stack_timeout = 3 * CONNECT_TIMEOUT_SECONDS
    # When the broker runs low on memory or disk it blocks publishers; give up
    # after 30 s rather than stall a request thread indefinitely.
    parameters.blocked_connection_timeout = 30
    # A silent peer is declared dead after missed heartbeats. pika answers them
    # only while this thread is inside a pika call (see on_worker_thread).
    parameters.heartbeat = 30
    return pika.BlockingConnection(parameters)


# --8<-- [end:connect]


# --8<-- [start:topology]
@dataclass(frozen=True)
class Topology:
    """The names of one work queue, its retry tiers and its dead-letter queue."""

    work: str
    retries: tuple[str, ...]  # retries[n] holds messages for attempt n + 2
    dead: str
    delays_ms: tuple[int, ...]  # how long a message waits in each retry tier

    @classmethod
    def named(cls, prefix: str, delays_ms: tuple[int, ...] = (20, 40)) -> Topology:
        """Unique names under `prefix`; one retry tier per delay."""
        if not delays_ms or any(delay <= 0 for delay in delays_ms):
            raise ValueError("need at least one retry delay, each above zero")
        base = f"{prefix}.{secrets.token_hex(4)}"
        return cls(
            work=f"{base}.work",
            retries=tuple(f"{base}.retry.{n}" for n in range(1, len(delays_ms) + 1)),
            dead=f"{base}.dead",
            delays_ms=delays_ms,
        )

    @property
    def max_attempts(self) -> int:
        """The first try plus one try per retry tier."""
        return 1 + len(self.retries)


def declare(channel: BlockingChannel, topology: Topology) -> None:
    """Create the durable queues; each retry tier expires back into the work queue."""
    channel.queue_declare(topology.work, durable=True)
    channel.queue_declare(topology.dead, durable=True)
    for queue, delay in zip(topology.retries, topology.delays_ms, strict=True):
        channel.queue_declare(
            queue,
            durable=True,
            arguments={
                # Every message in this queue has the same TTL, so the oldest
                # one always expires first and nothing waits behind a longer delay.
                "x-message-ttl": delay,
                # On expiry, republish through the default exchange to the work queue.
                "x-dead-letter-exchange": "",
                "x-dead-letter-routing-key": topology.work,
            },
        )


# --8<-- [end:topology]


def delete(channel: BlockingChannel, topology: Topology) -> None:
    """Remove every queue of `topology`, messages included."""
    for queue in (topology.work, topology.dead, *topology.retries):
        channel.queue_delete(queue)


@contextmanager
def temporary_topology(
    connection: pika.BlockingConnection,
    prefix: str,
    delays_ms: tuple[int, ...] = (20, 40),
) -> Iterator[Topology]:
    """Declare a fresh topology and delete it on exit, even after an error."""
    topology = Topology.named(prefix, delays_ms)
    channel = connection.channel()
    try:
        declare(channel, topology)
        yield topology
    finally:
        # An error may have closed the channel or the connection; clean up on
        # fresh ones so the queues never outlive the run.
        if connection.is_open:
            cleanup = connection.channel()
            delete(cleanup, topology)
            cleanup.close()
        else:
            with connect() as fresh:
                delete(fresh.channel(), topology)


def ready_count(channel: BlockingChannel, queue: str) -> int:
    """Messages waiting in `queue` (not counting delivered, unacknowledged ones)."""
    return channel.queue_declare(queue, passive=True).method.message_count
