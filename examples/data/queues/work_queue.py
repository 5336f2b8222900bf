"""Publish durable work, and handle each delivery: ack, retry with backoff, or dead-letter.

A handler raises to say "this attempt failed". The count of failed attempts
travels in a `failed-attempts` header that this module sets when it moves a
message to a retry tier or the dead-letter queue. RabbitMQ's own `x-death`
header counts dead-letterings per queue and reason; it never sees the last
move, which is a publish by this code, not a dead-lettering by the broker.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
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
    if type(failed) is not int or failed < 0:  # bool is an int; True is no count
        raise ValueError(f"bad failed-attempts header: {failed!r}")
    return failed + 1


def moved_copy(properties: BasicProperties, headers: dict) -> BasicProperties:
    """The original's properties for a republished copy, persistent, with `headers`.

    Like RabbitMQ's own dead-lettering, the copy drops `expiration` (it would
    expire again, even in the dead-letter queue). It also drops `user_id`, which
    the broker checks against the connection's user on every publish.
    """
    moved = copy.copy(properties)  # keeps correlation_id, timestamp, type, ...
    moved.headers = headers
    moved.delivery_mode = pika.DeliveryMode.Persistent.value
    moved.expiration = None
    moved.user_id = None
    return moved


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
    headers = properties.headers or {}
    try:
        attempt = attempt_of(properties)
    except ValueError:
        # A count we cannot read: park the message, headers untouched, for a
        # person. Raising here would crash the worker on every redelivery.
        move_on(channel, method, topology.dead, properties, body, headers)
        return Outcome(message_id, 0, "dead-lettered")
    try:
        handler(message_id, body)
    except Exception:
        # Any failure of this attempt, whatever its type, moves the message on.
        if attempt >= topology.max_attempts:
            target, action = topology.dead, "dead-lettered"
        else:
            target, action = topology.retries[attempt - 1], "retry"
        counted = {**headers, "failed-attempts": attempt}
        move_on(channel, method, target, properties, body, counted)
        return Outcome(message_id, attempt, action)
    channel.basic_ack(method.delivery_tag)
    return Outcome(message_id, attempt, "acked")


def move_on(
    channel: BlockingChannel,
    method: Basic.Deliver | Basic.GetOk,
    target: str,
    properties: BasicProperties,
    body: bytes,
    headers: dict,
) -> None:
    """Publish a persistent copy to `target`, then ack the original."""
    channel.basic_publish(
        exchange="",
        routing_key=target,
        body=body,
        properties=moved_copy(properties, headers),
        mandatory=True,
    )
    channel.basic_ack(method.delivery_tag)


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
    try:
        for method, properties, body in channel.consume(
            topology.work, inactivity_timeout=idle_seconds
        ):
            if method is None:  # nothing arrived for idle_seconds
                break
            outcomes.append(
                handle(channel, topology, method, properties, body, handler)
            )
            if len(outcomes) >= limit:
                break
    finally:
        # Stop the subscription, even after an error, and requeue deliveries
        # buffered but not handled.
        if channel.is_open:
            channel.cancel()
    return outcomes


# --8<-- [end:drain]


# --8<-- [start:long_jobs]
def on_worker_thread(connection: pika.BlockingConnection, handler: Handler) -> Handler:
    """Wrap `handler` so it runs on a worker thread while this thread keeps pika alive.

    A BlockingConnection sends and checks heartbeats only while your thread is
    inside a pika call. A handler that blocks for longer than a few heartbeat
    timeouts loses the connection, so its ack fails and its message is
    redelivered. Only the calling thread ever touches the connection here.
    """

    def run(message_id: str, body: bytes) -> None:
        with ThreadPoolExecutor(max_workers=1) as pool:
            job = pool.submit(handler, message_id, body)
            # add_callback_threadsafe is the one pika call that is safe from
            # another thread: it wakes process_data_events when the job ends.
            job.add_done_callback(lambda _: connection.add_callback_threadsafe(_wake))
            while not job.done():
                connection.process_data_events(time_limit=None)  # heartbeats flow
        job.result()  # the handler's exception, raised on this thread

    return run


def _wake() -> None:
    """Nothing to do: being called is what ends process_data_events."""


# --8<-- [end:long_jobs]
