"""The worker half: consume a job, restore its request id and trace, log, ack."""

# requires-server: rabbitmq

from __future__ import annotations

import json
import logging
from collections.abc import Callable

from opentelemetry.trace import SpanKind, Status, StatusCode, Tracer
from pika.adapters.blocking_connection import BlockingChannel
from pika.spec import Basic, BasicProperties

from examples.observability.json_logging import accept_request_id, request_id
from examples.observability.tracing import propagator

log = logging.getLogger("jobs.worker")
Handler = Callable[[dict], None]


# --8<-- [start:process]
def process(
    channel: BlockingChannel,
    method: Basic.Deliver,
    properties: BasicProperties,
    body: bytes,
    tracer: Tracer,
    handler: Handler,
) -> None:
    """Run one job under the request id and trace context it was published with."""
    # Headers are input like any other. A publisher can put an int, bytes (pika
    # hands over a value that is not UTF-8 as bytes) or a table in any header,
    # and an exception here, before the ack, would redeliver the message forever.
    headers = {
        key: value
        for key, value in (properties.headers or {}).items()
        if isinstance(value, str)
    }
    token = request_id.set(accept_request_id(headers.get("x-request-id")))
    try:
        with tracer.start_as_current_span(
            "process jobs",
            context=propagator.extract(headers),  # parent: the producer span
            kind=SpanKind.CONSUMER,
            attributes={
                "messaging.system": "rabbitmq",
                "messaging.operation.type": "process",
                "messaging.destination.name": method.exchange,  # "": default
                "messaging.rabbitmq.destination.routing_key": method.routing_key,
                "messaging.message.id": properties.message_id or "",
            },
        ) as span:
            log.info("job started", extra={"job_id": properties.message_id})
            try:
                handler(json.loads(body))
            except Exception as error:
                span.record_exception(error)
                span.set_status(Status(StatusCode.ERROR, type(error).__name__))
                log.exception("job failed", extra={"job_id": properties.message_id})
                # Retries and a dead-letter queue: see the queues page.
                channel.basic_nack(method.delivery_tag, requeue=False)
                return
            log.info("job done", extra={"job_id": properties.message_id})
        channel.basic_ack(method.delivery_tag)
    finally:
        request_id.reset(token)


# --8<-- [end:process]


def drain(
    channel: BlockingChannel,
    queue: str,
    tracer: Tracer,
    handler: Handler,
    idle_seconds: float = 0.5,
) -> int:
    """Process messages until the queue is quiet for `idle_seconds`; count them."""
    channel.basic_qos(prefetch_count=1)
    done = 0
    for method, properties, body in channel.consume(
        queue, inactivity_timeout=idle_seconds
    ):
        if method is None:
            break
        process(channel, method, properties, body, tracer, handler)
        done += 1
    channel.cancel()
    return done
