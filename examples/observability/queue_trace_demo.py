"""One request through the API, RabbitMQ and the worker: its logs and its spans."""

# requires-server: rabbitmq

from __future__ import annotations

import io

from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from starlette.testclient import TestClient

from examples.data.queues.broker import connect
from examples.observability.job_api import JobPublisher, create_app
from examples.observability.job_queue import temporary_queue
from examples.observability.job_worker import drain
from examples.observability.json_logging import json_logs_to, parse_lines
from examples.observability.tracing import tracer_for


def resize(job: dict) -> None:
    """Stands in for real work."""


# --8<-- [start:run]
def one_job_end_to_end() -> tuple[list[dict], list]:
    """Submit one job with a request id, let the worker run it; return logs, spans."""
    exporter = InMemorySpanExporter()
    stream = io.StringIO()
    api_tracer = tracer_for("jobs-api", exporter)
    with (
        json_logs_to(stream),
        connect() as worker_conn,
        temporary_queue(worker_conn, "ex.obs") as queue,
        JobPublisher(queue, api_tracer) as publisher,
        TestClient(create_app(publisher, api_tracer)) as client,
    ):
        client.post(
            "/jobs", json={"kind": "resize"}, headers={"X-Request-ID": "req-42"}
        )
        # The worker is another service: its own connection and its own tracer.
        worker_tracer = tracer_for("jobs-worker", exporter)
        drain(worker_conn.channel(), queue, worker_tracer, resize)
    return parse_lines(stream.getvalue()), list(exporter.get_finished_spans())


logs, spans = one_job_end_to_end()
trace_ids = {line["trace_id"] for line in logs}
for line in logs:
    print(f"{line['logger']:<12} {line['message']:<17} {line['request_id']}")
    #> jobs.api     job accepted      req-42
    #> jobs.api     job published     req-42
    #> jobs.api     request finished  req-42
    #> jobs.worker  job started       req-42
    #> jobs.worker  job done          req-42
print("distinct trace ids in the logs:", len(trace_ids))
#> distinct trace ids in the logs: 1
# --8<-- [end:run]

# --8<-- [start:spans]
by_id = {span.context.span_id: span for span in spans}
for span in sorted(spans, key=lambda s: s.start_time):
    parent = by_id.get(span.parent.span_id).name if span.parent else "(root)"
    service = span.resource.attributes["service.name"]
    print(f"{span.name:<13} {span.kind.name:<8} {service:<11} parent: {parent}")
    #> POST /jobs    SERVER   jobs-api    parent: (root)
    #> publish jobs  PRODUCER jobs-api    parent: POST /jobs
    #> process jobs  CONSUMER jobs-worker parent: publish jobs
print(
    "one trace:",
    {span.context.trace_id for span in spans} == {int(trace_ids.pop(), 16)},
)
#> one trace: True
# --8<-- [end:spans]
