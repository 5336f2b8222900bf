"""Publish durable work, and handle each delivery: ack, retry with backoff, or dead-letter.

A handler raises to say "this attempt failed". The count of failed attempts
travels in a `failed-attempts` header that this module sets when it moves a
message to a retry tier or the dead-letter queue; RabbitMQ's own `x-death` header would also count, but a header you
own survives being moved by hand (for example, replayed from the dead-letter queue).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pika
from pika.adapters.blocking_connection import BlockingChannel
from pika.spec import Basic, BasicProperties

from examples.data.queues.broker import Topology

Handler = Callable[[str, bytes], None]  # (message_id, body); raise to fail the attempt


# --8<-- [start:publish]
def publish(channel: BlockingChannel, queue: str, message_id: str, body: bytes) -> None:
    """Publish a persistent message; with confirms on, return only once the broker has it."""
    if not message_id:
        raise ValueError(
            "every message needs a message_id so consumers can deduplicate"
        )
    channel.basic_publish(
        exchange="",  # the default exchange routes by queue name
        routing_key=queue,
        body=body,
        properties=BasicProperties(
            message_id=message_id,
            delivery_mode=pika.DeliveryMode.Persistent,  # written to disk in a durable queue
            content_type="application/json",
        ),
        mandatory=True,  # an unroutable message is an error, not silently dropped
    )


# --8<-- [end:publish]


@dataclass(frozen=True)
class Outcome:
    """What happened to one delivery."""

    message_id: str
    attempt: int
    action: str  # "acked", "retry", or "dead-lettered"

    def __str__(self) -> str:
        return f"{self.message_id} attempt {self.attempt}: {self.action}"


# --8<-- [start:handle]
def attempt_of(properties: BasicProperties) -> int:
    """Which attempt this delivery is: 1 for a fresh message."""
    failed = (properties.headers or {}).get("failed-attempts", 0)
    if not isinstance(failed, int) or failed < 0:
        raise ValueError(f"bad failed-attempts header: {failed!r}")
    return failed + 1


def handle(
    channel: BlockingChannel,
    topology: Topology,
    method: Basic.Deliver | Basic.GetOk,
    properties: BasicProperties,
    body: bytes,
    handler: Handler,
) -> Outcome:
    """Run `handler` once; ack on success, else move the message on, then ack.

    The channel must be in confirm mode: the copy is safely in the retry or
    dead-letter queue before the original is acknowledged. A crash between the
    two leaves both, which is a duplicate, never a loss.
    """
    message_id = properties.message_id or ""
    attempt = attempt_of(properties)
    try:
        handler(message_id, body)
    except Exception:
        # Any failure of this attempt, whatever its type, moves the message on.
        if attempt >= topology.max_attempts:
            target, action = topology.dead, "dead-lettered"
        else:
            target, action = topology.retries[attempt - 1], "retry"
        channel.basic_publish(
            exchange="",
            routing_key=target,
            body=body,
            properties=BasicProperties(
                message_id=message_id,
                delivery_mode=pika.DeliveryMode.Persistent,
                content_type=properties.content_type,
                headers={**(properties.headers or {}), "failed-attempts": attempt},
            ),
            mandatory=True,
        )
        channel.basic_ack(method.delivery_tag)
        return Outcome(message_id, attempt, action)
    channel.basic_ack(method.delivery_tag)
    return Outcome(message_id, attempt, "acked")


# --8<-- [end:handle]


# --8<-- [start:drain]
def drain(
    channel: BlockingChannel,
    topology: Topology,
    handler: Handler,
    idle_seconds: float = 1.0,
    limit: int = 100,
) -> list[Outcome]:
    """Consume until the work queue stays quiet for `idle_seconds` (or `limit` deliveries).

    Waiting on `inactivity_timeout` is not a sleep: a message that comes back
    from a retry tier is delivered the moment it arrives.
    """
    outcomes: list[Outcome] = []
    for method, properties, body in channel.consume(
        topology.work, inactivity_timeout=idle_seconds
    ):
        if method is None:  # nothing arrived for idle_seconds
            break
        outcomes.append(handle(channel, topology, method, properties, body, handler))
        if len(outcomes) >= limit:
            break
    # Stop the subscription and hand back deliveries buffered but not handled.
    channel.cancel()
    return outcomes


# --8<-- [end:drain]
