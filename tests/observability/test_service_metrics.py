"""The instrumented service, scraped over HTTP and parsed as Prometheus parses it."""

from __future__ import annotations

import math
import random

from fastapi import FastAPI
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry
from prometheus_client.parser import text_string_to_metric_families
from starlette.testclient import TestClient

from examples.observability.histogram_quantile import (
    buckets_of,
    exact_quantile,
    histogram_quantile,
)
from examples.observability.metrics_demo import (
    FakeClock,
    orders_app,
    scrape_after_traffic,
)
from examples.observability.service_metrics import (
    LATENCY_BUCKETS,
    ServiceMetrics,
    instrument,
)


def scrape(client: TestClient) -> dict:
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"] == CONTENT_TYPE_LATEST  # the text format
    return {f.name: f for f in text_string_to_metric_families(response.text)}


def counts(families: dict) -> dict[tuple[str, str], float]:
    return {
        (s.labels["route"], s.labels["status_class"]): s.value
        for s in families["http_requests"].samples
        if s.name == "http_requests_total"
    }


def test_counter_histogram_and_gauge_after_real_requests() -> None:
    families = scrape_after_traffic(requests=200, seed=3)
    assert counts(families) == {
        ("/orders/{order_id}", "2xx"): 194,  # 200 minus 4 x 404 minus 2 x 500
        ("/orders/{order_id}", "4xx"): 4,
        ("/orders/{order_id}", "5xx"): 2,
    }
    assert families["http_requests_in_flight"].samples[0].value == 0
    samples = families["http_request_duration_seconds"].samples
    count = next(s.value for s in samples if s.name.endswith("_count"))
    assert count == 200
    bounds = [s.labels["le"] for s in samples if s.name.endswith("_bucket")]
    assert bounds == [str(b) for b in LATENCY_BUCKETS] + ["+Inf"]


def test_histogram_sum_is_the_total_of_the_injected_durations() -> None:
    clock, registry = FakeClock(), CollectorRegistry()
    app = orders_app(clock, [0.25, 0.03, 0.08])  # popped from the end
    instrument(app, ServiceMetrics(registry), clock=clock)
    with TestClient(app) as client:
        for order_id in (1, 2, 3):
            client.get(f"/orders/{order_id}")
        families = scrape(client)
    samples = {
        (s.name, s.labels.get("le")): s.value
        for s in families["http_request_duration_seconds"].samples
    }
    assert math.isclose(samples[("http_request_duration_seconds_sum", None)], 0.36)
    assert samples[("http_request_duration_seconds_bucket", "0.025")] == 0
    assert samples[("http_request_duration_seconds_bucket", "0.05")] == 1
    assert samples[("http_request_duration_seconds_bucket", "0.1")] == 2
    assert samples[("http_request_duration_seconds_bucket", "0.2")] == 2
    assert samples[("http_request_duration_seconds_bucket", "0.3")] == 3


def test_route_label_is_the_template_so_ids_do_not_explode_cardinality() -> None:
    clock, registry = FakeClock(), CollectorRegistry()
    app = orders_app(clock, [0.01] * 60)
    instrument(app, ServiceMetrics(registry), clock=clock)
    with TestClient(app) as client:
        for order_id in range(1, 41):
            client.get(f"/orders/{order_id}")
        for n in range(20):
            client.get(f"/no/such/path/{n}")  # scanners probing random paths
        families = scrape(client)
    routes = {route for route, _ in counts(families)}
    assert routes == {"/orders/{order_id}", "unmatched"}
    assert counts(families)[("unmatched", "4xx")] == 20


def test_bad_input_is_counted_as_a_client_error() -> None:
    clock, registry = FakeClock(), CollectorRegistry()
    app = orders_app(clock, [])
    instrument(app, ServiceMetrics(registry), clock=clock)
    with TestClient(app) as client:
        assert client.get("/orders/not-a-number").status_code == 422
        families = scrape(client)
    assert counts(families) == {("/orders/{order_id}", "4xx"): 1}


def test_in_flight_gauge_counts_requests_being_handled() -> None:
    registry = CollectorRegistry()
    metrics = ServiceMetrics(registry)
    seen: list[float] = []
    app = FastAPI()

    @app.get("/peek")
    def peek() -> dict:
        seen.append(registry.get_sample_value("http_requests_in_flight"))
        return {}

    instrument(app, metrics)
    with TestClient(app) as client:
        client.get("/peek")
        families = scrape(client)
    assert seen == [1.0]  # during the request
    assert families["http_requests_in_flight"].samples[0].value == 0  # after it


def test_an_unhandled_error_is_a_5xx_and_leaves_the_gauge_at_zero() -> None:
    registry = CollectorRegistry()
    app = FastAPI()

    @app.get("/boom")
    def boom() -> dict:
        raise RuntimeError("bug")

    instrument(app, ServiceMetrics(registry))
    with TestClient(app, raise_server_exceptions=False) as client:
        assert client.get("/boom").status_code == 500
        families = scrape(client)
    assert counts(families) == {("/boom", "5xx"): 1}
    assert families["http_requests_in_flight"].samples[0].value == 0


def test_the_scrape_itself_is_not_counted() -> None:
    registry = CollectorRegistry()
    app = FastAPI()
    instrument(app, ServiceMetrics(registry))
    with TestClient(app) as client:
        scrape(client)
        families = scrape(client)
    assert counts(families) == {}


def test_two_apps_do_not_share_metrics() -> None:
    first, second = CollectorRegistry(), CollectorRegistry()
    for registry in (first, second):
        app = FastAPI()
        instrument(app, ServiceMetrics(registry))
    # Creating the second did not raise "Duplicated timeseries", and both are empty.
    assert first.get_sample_value("http_requests_in_flight") == 0


def test_quantiles_from_the_scrape_share_a_bucket_with_the_exact_ones() -> None:
    rng = random.Random(7)  # noqa: S311 (seeded test data)
    latencies = [rng.uniform(0.005, 0.6) for _ in range(300)]
    clock, registry = FakeClock(), CollectorRegistry()
    app = orders_app(clock, [*latencies])  # the handler pops a copy
    instrument(app, ServiceMetrics(registry), clock=clock)
    with TestClient(app, raise_server_exceptions=False) as client:
        for order_id in range(1, 301):
            client.get(f"/orders/{order_id}")
        families = scrape(client)
    scraped = [
        (float(s.labels["le"]), s.value)
        for s in families["http_request_duration_seconds"].samples
        if s.name.endswith("_bucket")
    ]
    # The scrape holds exactly the buckets of the durations the handler took.
    assert scraped == buckets_of(latencies, LATENCY_BUCKETS)
    edges = [0.0, *LATENCY_BUCKETS]
    for q in (0.5, 0.9, 0.99):
        exact = exact_quantile(q, latencies)
        upper = next(b for b in LATENCY_BUCKETS if exact <= b)
        lower = edges[edges.index(upper) - 1]
        assert lower <= histogram_quantile(q, scraped) <= upper, q


def test_invented_methods_share_one_label_value() -> None:
    clock, registry = FakeClock(), CollectorRegistry()
    app = orders_app(clock, [0.01] * 31)
    instrument(app, ServiceMetrics(registry), clock=clock)
    with TestClient(app) as client:
        for n in range(30):
            client.request(f"FOO{n}", "/orders/1")
        client.get("/orders/1")
        families = scrape(client)
    methods = {
        s.labels["method"]
        for s in families["http_requests"].samples
        if s.name == "http_requests_total"
    }
    assert methods == {"_OTHER", "GET"}
