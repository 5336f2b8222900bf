"""The API half: accept a job over HTTP, publish it to RabbitMQ, keep the ids flowing.

The middleware takes the caller's X-Request-ID (or makes one), puts it in a
ContextVar for every log line of the request, and opens the server span under
the caller's `traceparent`. The publisher copies both into the message headers.
"""

# requires-server: rabbitmq

from __future__ import annotations

import asyncio
import contextvars
import json
import logging
import queue
import threading
import uuid
from collections.abc import Awaitable, Callable
from concurrent.futures import Future

import pika
from fastapi import FastAPI, Request, Response
from fastapi.responses import PlainTextResponse
from opentelemetry.trace import SpanKind, Status, StatusCode, Tracer
from pika.adapters.blocking_connection import BlockingChannel
from pydantic import BaseModel, Field

from examples.apis.rest.problem_details import install_problem_handlers
from examples.data.queues.broker import connect
from examples.observability.json_logging import accept_request_id, request_id
from examples.observability.service_metrics import method_label
from examples.observability.tracing import propagator

log = logging.getLogger("jobs.api")
PUBLISH_TIMEOUT_SECONDS = 10.0


# --8<-- [start:publisher]
class JobPublisher:
    """Publish jobs with the request id and trace context in the message headers.

    pika connections are not thread-safe, and a BlockingConnection answers
    heartbeats only inside a pika call. So one thread owns the connection:
    it publishes what requests hand it and, when idle, services heartbeats.
    """

    def __init__(self, queue_name: str, tracer: Tracer, url: str | None = None):
        self.queue = queue_name
        self._tracer = tracer
        self._url = url
        self._work: queue.Queue[tuple | None] = queue.Queue()
        self._ready: Future[None] = Future()
        self._thread = threading.Thread(
            target=self._run, name="amqp-publisher", daemon=True
        )
        self._thread.start()
        self._ready.result(timeout=30)  # a broker that is down fails here, loudly

    async def publish(self, job_id: str, job: dict) -> None:
        if not self._thread.is_alive():
            raise RuntimeError("the publisher is closed or lost its connection")
        done: Future[None] = Future()
        # The caller's context (request id, current span) goes with the job.
        self._work.put((contextvars.copy_context(), job_id, job, done))
        # A timeout like every network call; the job may still go out later,
        # which at-least-once consumers handle anyway.
        await asyncio.wait_for(asyncio.wrap_future(done), PUBLISH_TIMEOUT_SECONDS)

    def close(self) -> None:
        self._work.put(None)
        self._thread.join(timeout=30)

    def __enter__(self) -> JobPublisher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _run(self) -> None:
        try:
            connection = connect(self._url)
            channel = connection.channel()
            channel.confirm_delivery()  # publish returns once the broker has it
        except Exception as error:
            self._ready.set_exception(error)
            return
        self._ready.set_result(None)
        with connection:
            try:
                self._serve(connection, channel)
            except pika.exceptions.AMQPError:  # lost while idle: fail fast from now
                log.exception("publisher lost its broker connection")
            finally:  # jobs queued behind the failure fail now, not at the timeout
                self._fail_pending()

    def _fail_pending(self) -> None:
        while True:
            try:
                item = self._work.get_nowait()
            except queue.Empty:
                return
            if item is not None and item[3].set_running_or_notify_cancel():
                item[3].set_exception(RuntimeError("the publisher stopped"))

    def _serve(
        self, connection: pika.BlockingConnection, channel: BlockingChannel
    ) -> None:
        while (item := self._next(connection)) is not None:
            context, job_id, job, done = item
            if not done.set_running_or_notify_cancel():
                continue  # the request timed out before its turn
            try:
                context.run(self._send, channel, job_id, job)
                done.set_result(None)
            except Exception as error:  # the request sees it as a 500
                done.set_exception(error)
                if not channel.is_open:
                    return  # a lost connection: later publishes fail fast

    def _next(self, connection: pika.BlockingConnection) -> tuple | None:
        while True:
            try:
                return self._work.get(timeout=1.0)
            except queue.Empty:
                connection.process_data_events(time_limit=0)  # heartbeats

    def _send(self, channel: BlockingChannel, job_id: str, job: dict) -> None:
        headers = {"x-request-id": request_id.get()}
        with self._tracer.start_as_current_span(
            "publish jobs",
            kind=SpanKind.PRODUCER,
            attributes={
                "messaging.system": "rabbitmq",
                "messaging.operation.type": "send",
                # The destination is the exchange ("" is the default one);
                # the routing key names the queue through it.
                "messaging.destination.name": "",
                "messaging.rabbitmq.destination.routing_key": self.queue,
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
            channel.basic_publish(
                "", self.queue, json.dumps(job).encode(), properties, mandatory=True
            )
            log.info("job published", extra={"job_id": job_id})


# --8<-- [end:publisher]


class JobIn(BaseModel):
    kind: str = Field(pattern=r"^[a-z][a-z0-9_-]{0,39}$")
    payload: dict = Field(default_factory=dict)


class JobAccepted(BaseModel):
    job_id: str
    request_id: str


# What the OpenAPI document says: the middleware reads two optional headers on
# every request, and every response carries X-Request-ID.
CORRELATION = {
    "parameters": [
        {
            "name": "X-Request-ID",
            "in": "header",
            "description": "Kept if 1-64 of A-Z a-z 0-9 . _ -, else a new id",
            "schema": {"type": "string"},
        },
        {
            "name": "traceparent",
            "in": "header",
            "description": "W3C Trace Context; a malformed one starts a new trace",
            "schema": {"type": "string"},
        },
    ]
}
REQUEST_ID = {
    "description": "The id every log line of this request carries",
    "required": True,
    "schema": {"type": "string", "pattern": "^[A-Za-z0-9._-]{1,64}$"},
}


# --8<-- [start:app]
def create_app(publisher: JobPublisher, tracer: Tracer) -> FastAPI:
    app = FastAPI()
    install_problem_handlers(app)  # 400 and 422 as problem+json, documented

    @app.middleware("http")
    async def correlate(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        rid = accept_request_id(request.headers.get("x-request-id"))
        token = request_id.set(rid)
        # Continue the caller's trace if it sent a valid traceparent.
        parent = propagator.extract(request.headers)
        method = method_label(request.method)  # "_OTHER" for invented methods
        try:
            with tracer.start_as_current_span(
                method, context=parent, kind=SpanKind.SERVER
            ) as span:
                try:
                    response = await call_next(request)
                except Exception as error:  # a bug: still a 500 with its ids
                    span.record_exception(error)
                    log.exception("request failed")
                    response = PlainTextResponse("Internal Server Error", 500)
                finally:  # runs on both paths, inside the request's context
                    route = getattr(request.scope.get("route"), "path", None)
                    # The route template, not the raw path: one name per
                    # endpoint. Conventions: "HTTP" for an unknown method.
                    prefix = "HTTP" if method == "_OTHER" else method
                    span.update_name(f"{prefix} {route}" if route else prefix)
                    span.set_attribute("http.request.method", method)
                    if route:
                        span.set_attribute("http.route", route)
                status = response.status_code
                span.set_attribute("http.response.status_code", status)
                if status >= 500:
                    span.set_status(Status(StatusCode.ERROR))
                log.info(
                    "request finished",
                    extra={"route": route or "unmatched", "status": status},
                )
        finally:
            request_id.reset(token)
        response.headers["X-Request-ID"] = rid  # the caller can quote it to support
        return response

    @app.post(
        "/jobs",
        status_code=202,
        responses={202: {"headers": {"X-Request-ID": REQUEST_ID}}},
        openapi_extra=CORRELATION,
    )
    async def submit(job: JobIn) -> JobAccepted:
        job_id = uuid.uuid4().hex
        log.info("job accepted", extra={"job_id": job_id, "kind": job.kind})
        await publisher.publish(job_id, job.model_dump())
        return JobAccepted(job_id=job_id, request_id=request_id.get())

    return app


# --8<-- [end:app]
