"""One tracer per service, and the W3C propagator that carries context across hops.

Each service gets its own TracerProvider, so its spans carry its own
`service.name`, as two processes would. Examples and tests hand in an
InMemorySpanExporter to read the finished spans back; production would use a
BatchSpanProcessor and an OTLP exporter instead of SimpleSpanProcessor.
"""

from __future__ import annotations

from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor, SpanExporter
from opentelemetry.trace import Tracer
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

# Reads and writes the `traceparent` (and `tracestate`) header in any dict-like
# carrier: HTTP headers on the way in, AMQP message headers across the queue.
propagator = TraceContextTextMapPropagator()


def tracer_for(service: str, exporter: SpanExporter) -> Tracer:
    """A tracer whose spans name `service` and go to `exporter` as each one ends."""
    provider = TracerProvider(resource=Resource.create({"service.name": service}))
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    return provider.get_tracer("handbook.jobs")
