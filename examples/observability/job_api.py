"""The API half: accept a job over HTTP, publish it to RabbitMQ, keep the ids flowing.

The middleware takes the caller's X-Request-ID (or makes one), puts it in a
ContextVar for every log line of the request, and opens the server span under
the caller's `traceparent`. The publisher copies both into the message headers.
"""

# requires-server: rabbitmq

from __future__ import annotations

import json
import logging
import threading
import uuid
from collections.abc import Awaitable, Callable

import pika
from fastapi import FastAPI, Request, Response
from opentelemetry.trace import SpanKind, Tracer
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from examples.observability.json_logging import accept_request_id, request_id
from examples.observability.tracing import propagator

log = logging.getLogger("jobs.api")


# --8<-- [start:publisher]
class JobPublisher:
    """Publish jobs with the request id and trace context in the message headers."""

    def __init__(
        self, connection: pika.BlockingConnection, queue: str, tracer: Tracer
    ) -> None:
        self.queue = queue
        self._tracer = tracer
        self._channel = connection.channel()
        self._channel.confirm_delivery()  # publish returns once the broker has it
        # A pika connection is not thread-safe; requests publish from a pool.
        self._lock = threading.Lock()

    def publish(self, job_id: str, job: dict) -> None:
        headers = {"x-request-id": request_id.get()}
        with self._tracer.start_as_current_span(
            "publish jobs",
            kind=SpanKind.PRODUCER,
            attributes={
                "messaging.system": "rabbitmq",
                "messaging.destination.name": self.queue,
                "messaging.message.id": job_id,
            },
        ):
            # Inside the producer span, so the worker's span becomes its child.
            propagator.inject(headers)
            properties = pika.BasicProperties(
                content_type="application/json",
                delivery_mode=pika.DeliveryMode.Persistent,
                message_id=job_id,
                headers=headers,
            )
            with self._lock:
                self._channel.basic_publish(
                    "", self.queue, json.dumps(job).encode(), properties, mandatory=True
                )
            log.info("job published", extra={"job_id": job_id})


# --8<-- [end:publisher]


class JobIn(BaseModel):
    kind: str = Field(pattern=r"^[a-z][a-z0-9_-]{0,39}$")
    payload: dict = Field(default_factory=dict)


# --8<-- [start:app]
def create_app(publisher: JobPublisher, tracer: Tracer) -> FastAPI:
    app = FastAPI()

    @app.middleware("http")
    async def correlate(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        rid = accept_request_id(request.headers.get("x-request-id"))
        token = request_id.set(rid)
        # Continue the caller's trace if it sent a valid traceparent.
        parent = propagator.extract(request.headers)
        try:
            with tracer.start_as_current_span(
                request.method, context=parent, kind=SpanKind.SERVER
            ) as span:
                response = await call_next(request)
                route = request.scope.get("route")
                template = getattr(route, "path", "unmatched")
                # The route template, not the raw path: one name per endpoint.
                span.update_name(f"{request.method} {template}")
                span.set_attribute("http.route", template)
                span.set_attribute("http.response.status_code", response.status_code)
                log.info(
                    "request finished",
                    extra={"route": template, "status": response.status_code},
                )
        finally:
            request_id.reset(token)
        response.headers["X-Request-ID"] = rid  # the caller can quote it to support
        return response

    @app.post("/jobs", status_code=202)
    async def submit(job: JobIn) -> dict:
        job_id = uuid.uuid4().hex
        log.info("job accepted", extra={"job_id": job_id, "kind": job.kind})
        # The thread pool copies the current context: request id and span go along.
        await run_in_threadpool(publisher.publish, job_id, job.model_dump())
        return {"job_id": job_id, "request_id": request_id.get()}

    return app


# --8<-- [end:app]
