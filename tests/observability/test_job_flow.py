"""The API, the queue and the worker together: ids in logs, spans, bad input."""

from __future__ import annotations

import asyncio
import io
import json
import re
import threading
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pika
import pytest
from fastapi import FastAPI
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind, StatusCode
from starlette.testclient import TestClient

from examples.data.queues.broker import ready_count
from examples.observability import job_api
from examples.observability.job_api import JobPublisher, create_app
from examples.observability.job_worker import drain
from examples.observability.json_logging import parse_lines
from examples.observability.tracing import tracer_for
from examples.uvicorn_server import serve

# version 00, trace id, parent (span) id, flags: 01 sampled, plus 02 when the SDK
# marks the trace id as random (a Trace Context Level 2 flag OpenTelemetry sets).
TRACEPARENT = re.compile(r"00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})")


def noop(job: dict) -> None:
    pass


@pytest.fixture
def app(amqp_url: str, queue: str, exporter: InMemorySpanExporter) -> Iterator[FastAPI]:
    tracer = tracer_for("jobs-api", exporter)
    with JobPublisher(queue, tracer, amqp_url) as publisher:
        yield create_app(publisher, tracer)


def run_worker(worker_amqp, queue, exporter, handler=noop) -> int:
    return drain(
        worker_amqp.channel(), queue, tracer_for("jobs-worker", exporter), handler
    )


def test_one_request_id_in_api_and_worker_lines(
    app, worker_amqp, queue, exporter, log_stream: io.StringIO
) -> None:
    with TestClient(app) as client:
        response = client.post(
            "/jobs", json={"kind": "resize"}, headers={"X-Request-ID": "req-1"}
        )
    assert response.status_code == 202
    assert response.headers["X-Request-ID"] == "req-1"
    assert run_worker(worker_amqp, queue, exporter) == 1
    lines = parse_lines(log_stream.getvalue())
    assert {line["logger"] for line in lines} == {"jobs.api", "jobs.worker"}
    assert {line["request_id"] for line in lines} == {"req-1"}
    # Logs and spans share one trace id, so a log search leads to the trace.
    trace_ids = {span.context.trace_id for span in exporter.get_finished_spans()}
    assert {int(line["trace_id"], 16) for line in lines} == trace_ids
    assert len(trace_ids) == 1


def test_a_request_without_an_id_gets_one_and_the_worker_sees_it(
    app, worker_amqp, queue, exporter, log_stream
) -> None:
    with TestClient(app) as client:
        response = client.post("/jobs", json={"kind": "resize"})
    made = response.headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", made)
    assert response.json()["request_id"] == made
    run_worker(worker_amqp, queue, exporter)
    worker_lines = [
        line
        for line in parse_lines(log_stream.getvalue())
        if line["logger"] == "jobs.worker"
    ]
    assert worker_lines and {line["request_id"] for line in worker_lines} == {made}


def test_a_forged_request_id_is_replaced_at_the_edge(app, log_stream) -> None:
    with TestClient(app) as client:
        response = client.post(
            "/jobs", json={"kind": "resize"}, headers={"X-Request-ID": 'x"}{"admin":1'}
        )
    assert re.fullmatch(r"[0-9a-f]{32}", response.headers["X-Request-ID"])


def test_concurrent_requests_do_not_mix_ids(
    app, worker_amqp, queue, exporter, log_stream
) -> None:
    sent = [f"req-{n}" for n in range(24)]
    start = threading.Barrier(len(sent))

    with serve(app) as port:

        def submit(rid: str) -> dict:
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/jobs",
                data=json.dumps({"kind": "resize"}).encode(),
                headers={"Content-Type": "application/json", "X-Request-ID": rid},
            )
            start.wait(timeout=10)  # all requests in flight at once
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                return {"sent": rid, **json.load(response)}

        with ThreadPoolExecutor(len(sent)) as pool:
            results = list(pool.map(submit, sent))
    assert run_worker(worker_amqp, queue, exporter) == len(sent)

    assert all(result["request_id"] == result["sent"] for result in results)
    expected = {result["job_id"]: result["sent"] for result in results}
    lines = [line for line in parse_lines(log_stream.getvalue()) if "job_id" in line]
    # accepted, published, started, done: four lines per job, all with its id.
    assert len(lines) == 4 * len(sent)
    for line in lines:
        assert line["request_id"] == expected[line["job_id"]], line


def test_spans_form_one_trace_with_the_right_parents_and_kinds(
    app, worker_amqp, queue, exporter
) -> None:
    with TestClient(app) as client:
        client.post("/jobs", json={"kind": "resize"})
    run_worker(worker_amqp, queue, exporter)
    spans = {span.name: span for span in exporter.get_finished_spans()}
    server, producer, consumer = (
        spans["POST /jobs"], spans["publish jobs"], spans["process jobs"]
    )  # fmt: skip
    assert (server.kind, producer.kind, consumer.kind) == (
        SpanKind.SERVER, SpanKind.PRODUCER, SpanKind.CONSUMER
    )  # fmt: skip
    assert server.parent is None
    assert producer.parent.span_id == server.context.span_id
    assert consumer.parent.span_id == producer.context.span_id
    assert consumer.parent.is_remote  # it came across the queue, not in memory
    assert len({s.context.trace_id for s in spans.values()}) == 1
    assert consumer.resource.attributes["service.name"] == "jobs-worker"
    # RabbitMQ conventions: the destination is the exchange, "" for the default
    # one; the queue is reached through the routing key.
    for span, operation in ((producer, "send"), (consumer, "process")):
        assert span.attributes["messaging.destination.name"] == ""
        assert span.attributes["messaging.rabbitmq.destination.routing_key"] == queue
        assert span.attributes["messaging.operation.type"] == operation
    assert server.attributes["http.response.status_code"] == 202


def test_the_message_carries_a_w3c_traceparent_of_the_producer_span(
    app, amqp, queue, exporter
) -> None:
    with TestClient(app) as client:
        client.post("/jobs", json={"kind": "resize"}, headers={"X-Request-ID": "r-9"})
    method, properties, _ = amqp.channel().basic_get(queue, auto_ack=True)
    assert method is not None
    match = TRACEPARENT.fullmatch(properties.headers["traceparent"])
    assert match, properties.headers
    producer = next(
        s for s in exporter.get_finished_spans() if s.name == "publish jobs"
    )
    assert int(match[1], 16) == producer.context.trace_id
    assert int(match[2], 16) == producer.context.span_id
    # 01 sampled (the worker records its span too), 02 random trace id: the SDK
    # made this trace id itself.
    assert int(match[3], 16) == 0x03
    assert properties.headers["x-request-id"] == "r-9"


def test_an_incoming_traceparent_is_continued(app, exporter) -> None:
    caller = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
    with TestClient(app) as client:
        client.post("/jobs", json={"kind": "resize"}, headers={"traceparent": caller})
    server = next(s for s in exporter.get_finished_spans() if s.name == "POST /jobs")
    assert format(server.context.trace_id, "032x") == "0af7651916cd43dd8448eb211c80319c"
    assert format(server.parent.span_id, "016x") == "b7ad6b7169203331"
    # A continued trace keeps the caller's flags: 01, without the random bit.
    assert server.context.trace_flags == 0x01


@pytest.mark.parametrize(
    "bad",
    [
        "00-00000000000000000000000000000000-b7ad6b7169203331-01",  # all-zero trace id
        "00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01",  # all-zero parent
        "00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331-01",  # uppercase
        "garbage",
    ],
)
def test_an_invalid_traceparent_starts_a_new_trace(app, exporter, bad: str) -> None:
    with TestClient(app) as client:
        client.post("/jobs", json={"kind": "resize"}, headers={"traceparent": bad})
    server = next(s for s in exporter.get_finished_spans() if s.name == "POST /jobs")
    assert server.parent is None
    assert server.context.trace_id != 0x0AF7651916CD43DD8448EB211C80319C


def test_invalid_job_is_rejected_and_nothing_is_published(app, amqp, queue, exporter):
    with TestClient(app) as client:
        response = client.post("/jobs", json={"kind": "Drop Table"})
    assert response.status_code == 422
    assert ready_count(amqp.channel(), queue) == 0
    server = next(s for s in exporter.get_finished_spans())
    assert server.attributes["http.response.status_code"] == 422


def test_a_failing_job_is_logged_with_its_ids_marked_on_its_span_and_not_requeued(
    app, amqp, worker_amqp, queue, exporter, log_stream
) -> None:
    def explode(job: dict) -> None:
        raise RuntimeError("disk full")

    with TestClient(app) as client:
        client.post("/jobs", json={"kind": "resize"}, headers={"X-Request-ID": "req-f"})
    assert run_worker(worker_amqp, queue, exporter, explode) == 1
    consumer = next(
        s for s in exporter.get_finished_spans() if s.name == "process jobs"
    )
    assert consumer.status.status_code is StatusCode.ERROR
    assert consumer.events[0].name == "exception"
    failed = [
        line
        for line in parse_lines(log_stream.getvalue())
        if line["message"] == "job failed"
    ]
    assert failed[0]["request_id"] == "req-f"
    assert "RuntimeError: disk full" in failed[0]["exception"]
    assert ready_count(amqp.channel(), queue) == 0


def test_a_message_with_a_hostile_request_id_header_gets_a_fresh_one(
    amqp, worker_amqp, queue, exporter, log_stream
) -> None:
    amqp.channel().basic_publish(
        "",
        queue,
        b"{}",
        pika.BasicProperties(message_id="m1", headers={"x-request-id": "a\nb"}),
    )
    run_worker(worker_amqp, queue, exporter)
    ids = {line["request_id"] for line in parse_lines(log_stream.getvalue())}
    assert len(ids) == 1 and re.fullmatch(r"[0-9a-f]{32}", ids.pop())
    consumer = exporter.get_finished_spans()[0]
    assert consumer.parent is None  # no traceparent: the worker starts a trace


def test_a_publisher_fails_loudly_when_the_broker_is_unreachable(exporter) -> None:
    with pytest.raises(pika.exceptions.AMQPConnectionError):
        JobPublisher("nowhere", tracer_for("jobs-api", exporter), "amqp://127.0.0.1:1/")


def test_an_unroutable_job_is_a_500_and_the_publisher_keeps_working(
    amqp_url, amqp, queue, exporter, log_stream
) -> None:
    tracer = tracer_for("jobs-api", exporter)
    missing = queue + ".not-yet"  # unique, and declared only halfway through
    with (
        JobPublisher(missing, tracer, amqp_url) as publisher,
        TestClient(create_app(publisher, tracer), raise_server_exceptions=False) as c,
    ):
        assert c.post("/jobs", json={"kind": "resize"}).status_code == 500
        messages = [line["message"] for line in parse_lines(log_stream.getvalue())]
        assert "job published" not in messages
        amqp.channel().queue_declare(missing)
        try:
            assert c.post("/jobs", json={"kind": "resize"}).status_code == 202
        finally:
            amqp.channel().queue_delete(missing)
    producer = next(
        s for s in exporter.get_finished_spans() if s.name == "publish jobs"
    )
    assert producer.status.status_code is StatusCode.ERROR


def test_publishing_after_close_fails_fast(amqp_url, queue, exporter) -> None:
    tracer = tracer_for("jobs-api", exporter)
    publisher = JobPublisher(queue, tracer, amqp_url)
    publisher.close()
    with TestClient(create_app(publisher, tracer), raise_server_exceptions=False) as c:
        assert c.post("/jobs", json={"kind": "resize"}).status_code == 500


@pytest.mark.parametrize("bad", [42, b"\xff\xfe", {"nested": "x"}])
def test_a_header_that_is_not_a_string_costs_a_fresh_id_not_the_worker(
    amqp, worker_amqp, queue, exporter, log_stream, bad
) -> None:
    # An int, bytes that are not UTF-8 (pika hands those over as bytes) and an
    # AMQP table, in both headers: none may raise before the ack.
    amqp.channel().basic_publish(
        "",
        queue,
        b"{}",
        pika.BasicProperties(
            message_id="m2", headers={"x-request-id": bad, "traceparent": bad}
        ),
    )
    assert run_worker(worker_amqp, queue, exporter) == 1
    assert ready_count(amqp.channel(), queue) == 0  # acked, not redelivered
    lines = parse_lines(log_stream.getvalue())
    assert [line["message"] for line in lines] == ["job started", "job done"]
    assert re.fullmatch(r"[0-9a-f]{32}", lines[0]["request_id"])
    assert exporter.get_finished_spans()[0].parent is None


def test_a_body_that_is_not_json_is_rejected_without_requeue(
    amqp, worker_amqp, queue, exporter, log_stream
) -> None:
    amqp.channel().basic_publish("", queue, b"\xff{", pika.BasicProperties())
    assert run_worker(worker_amqp, queue, exporter) == 1
    assert ready_count(amqp.channel(), queue) == 0
    assert "job failed" in [m["message"] for m in parse_lines(log_stream.getvalue())]


class BrokenPublisher:
    """Stands in for a publisher with a bug: every publish raises."""

    async def publish(self, job_id: str, job: dict) -> None:
        raise RuntimeError("bug in the publisher")


def test_an_unhandled_error_keeps_its_request_id_its_log_lines_and_its_span(
    exporter, log_stream
) -> None:
    app = create_app(BrokenPublisher(), tracer_for("jobs-api", exporter))
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.post(
            "/jobs", json={"kind": "resize"}, headers={"X-Request-ID": "req-500"}
        )
    assert response.status_code == 500
    assert response.headers["X-Request-ID"] == "req-500"
    lines = {line["message"]: line for line in parse_lines(log_stream.getvalue())}
    assert lines["request failed"]["request_id"] == "req-500"
    assert "RuntimeError: bug in the publisher" in lines["request failed"]["exception"]
    assert lines["request finished"]["status"] == 500
    assert lines["request finished"]["request_id"] == "req-500"
    (server,) = exporter.get_finished_spans()
    assert server.name == "POST /jobs"
    assert server.attributes["http.route"] == "/jobs"
    assert server.attributes["http.response.status_code"] == 500
    assert server.status.status_code is StatusCode.ERROR
    assert server.events[0].name == "exception"


def test_invented_methods_and_unknown_paths_do_not_mint_span_names(
    app, exporter
) -> None:
    with TestClient(app) as client:
        for n in range(30):
            client.request(f"FOO{n}", "/jobs")
        client.post("/no/such/path")
    names = {span.name for span in exporter.get_finished_spans()}
    # OpenTelemetry's HTTP conventions: "HTTP" for an unknown method, and just
    # the method when no route matched.
    assert names == {"HTTP /jobs", "POST"}
    methods = {
        s.attributes["http.request.method"] for s in exporter.get_finished_spans()
    }
    assert methods == {"_OTHER", "POST"}


def test_jobs_queued_behind_a_lost_connection_fail_at_once(
    amqp_url, queue, exporter, monkeypatch
) -> None:
    """The publisher thread stops on a lost connection; jobs already waiting in
    its work queue must fail then, not sit there until the publish timeout."""
    monkeypatch.setattr(job_api, "PUBLISH_TIMEOUT_SECONDS", 3.0)
    release = threading.Event()

    class DropsTheConnection(JobPublisher):
        def _send(self, channel, job_id, job) -> None:
            release.wait(timeout=10)  # until the second job is queued behind
            channel.connection.close()
            raise pika.exceptions.StreamLostError("connection lost")

    async def two_jobs(publisher: JobPublisher) -> list:
        first = asyncio.ensure_future(publisher.publish("a", {}))
        second = asyncio.ensure_future(publisher.publish("b", {}))
        await asyncio.sleep(0)  # both are in the work queue now
        release.set()
        return await asyncio.gather(first, second, return_exceptions=True)

    with DropsTheConnection(queue, tracer_for("jobs-api", exporter), amqp_url) as p:
        first, second = asyncio.run(two_jobs(p))
    assert isinstance(first, pika.exceptions.StreamLostError)
    assert isinstance(second, RuntimeError), repr(second)  # not a TimeoutError
