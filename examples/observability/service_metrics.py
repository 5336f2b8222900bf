"""RED metrics for a FastAPI service with prometheus-client, and the /metrics endpoint.

Each app gets its own CollectorRegistry, so two apps (or two tests) never
share counters. The clock is injected so a demo can show exact durations.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)

# --8<-- [start:metrics]
# Seconds. Dense where this service lives (p50 near 50 ms, p99 under 300 ms),
# with 0.3 on the list because it is the latency SLO threshold: "under 300 ms"
# is then an exact count, not an interpolation. Each bucket is one more time
# series per route, so nine, not fifty.
LATENCY_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0, 2.5)

# The method comes from the client, who can send any token ("FOOBAR /jobs"):
# the RFC 9110 methods and PATCH, everything else as "_OTHER", as
# OpenTelemetry's HTTP conventions say, so a client cannot mint time series.
KNOWN_METHODS = frozenset(
    {"GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"}
)


def method_label(method: str) -> str:
    return method if method in KNOWN_METHODS else "_OTHER"


class ServiceMetrics:
    """Rate and errors (a counter), duration (a histogram), in-flight (a gauge)."""

    def __init__(self, registry: CollectorRegistry) -> None:
        self.registry = registry
        # Counters only go up; Prometheus's rate() turns them into per-second
        # rates and survives restarts (it reads any decrease as a reset).
        self.requests = Counter(
            "http_requests",
            "Requests finished, by route template and status class.",
            ["route", "method", "status_class"],
            registry=registry,
        )
        self.duration = Histogram(
            "http_request_duration_seconds",
            "Time from request received to response ready.",
            ["route", "method"],
            buckets=LATENCY_BUCKETS,
            registry=registry,
        )
        # A gauge goes up and down: its current value is the point.
        self.in_flight = Gauge(
            "http_requests_in_flight", "Requests being handled now.", registry=registry
        )


# --8<-- [end:metrics]


# --8<-- [start:instrument]
def instrument(
    app: FastAPI,
    metrics: ServiceMetrics,
    clock: Callable[[], float] = time.perf_counter,
) -> None:
    """Count and time every request, and serve the registry at GET /metrics."""

    @app.middleware("http")
    async def measure(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        if request.url.path == "/metrics":  # a scrape would count itself in flight
            return await call_next(request)
        metrics.in_flight.inc()
        started = clock()
        status = 500  # if the handler raises, the client gets a 500
        try:
            response = await call_next(request)
            status = response.status_code
            return response
        finally:
            # The route template keeps label values few: /orders/{order_id},
            # never /orders/1, /orders/2, ... (one time series each).
            route = getattr(request.scope.get("route"), "path", "unmatched")
            labels = {"route": route, "method": method_label(request.method)}
            metrics.duration.labels(**labels).observe(clock() - started)
            metrics.requests.labels(**labels, status_class=f"{status // 100}xx").inc()
            metrics.in_flight.dec()

    @app.get("/metrics", include_in_schema=False)
    def scrape() -> Response:
        return Response(
            generate_latest(metrics.registry), media_type=CONTENT_TYPE_LATEST
        )


# --8<-- [end:instrument]
