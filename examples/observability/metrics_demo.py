"""Real requests through an instrumented app, then a scrape of /metrics, parsed."""

from __future__ import annotations

import random

from fastapi import FastAPI, HTTPException
from prometheus_client import CollectorRegistry
from prometheus_client.parser import text_string_to_metric_families
from pydantic import BaseModel
from starlette.testclient import TestClient

from examples.observability.histogram_quantile import histogram_quantile
from examples.observability.service_metrics import ServiceMetrics, instrument


class FakeClock:
    """Time that moves only when a handler says it worked for a while."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class Order(BaseModel):
    order_id: int


class Missing(BaseModel):
    detail: str


# The errors this service sends, as its OpenAPI document states them: FastAPI's
# own {"detail": ...} for the 404, Starlette's plain text for the crash.
FAILURES: dict[int | str, dict[str, object]] = {
    404: {"description": "Ids divisible by 50: no such order", "model": Missing},
    500: {
        "description": "Ids divisible by 97, on purpose",
        "content": {"text/plain": {"schema": {"type": "string"}}},
    },
}


# --8<-- [start:app]
def orders_app(clock: FakeClock, latencies: list[float]) -> FastAPI:
    app = FastAPI()

    @app.get("/orders/{order_id}", responses=FAILURES)
    def get_order(order_id: int) -> Order:
        clock.now += latencies.pop()  # this request "took" that long
        if order_id % 50 == 0:
            raise HTTPException(404, "no such order")
        if order_id % 97 == 0:
            raise RuntimeError("database timeout")  # an unhandled error: a 500
        return Order(order_id=order_id)

    return app


# --8<-- [end:app]


# --8<-- [start:scrape]
def scrape_after_traffic(requests: int = 1_000, seed: int = 7) -> dict:
    """Send `requests` GETs, scrape /metrics once, return the parsed families."""
    rng = random.Random(seed)
    # Most requests take 20-80 ms; one in fifty hits a slow path of 0.2-0.8 s.
    latencies = [
        rng.uniform(0.2, 0.8) if rng.random() < 0.02 else rng.uniform(0.02, 0.08)
        for _ in range(requests)
    ]
    clock, registry = FakeClock(), CollectorRegistry()
    app = orders_app(clock, latencies)
    instrument(app, ServiceMetrics(registry), clock=clock)
    # raise_server_exceptions=False: the client sees the 500, as a real one would.
    with TestClient(app, raise_server_exceptions=False) as client:
        for order_id in range(1, requests + 1):
            client.get(f"/orders/{order_id}")
        text = client.get("/metrics").text
    return {family.name: family for family in text_string_to_metric_families(text)}


if __name__ == "__main__":
    families = scrape_after_traffic()
    for sample in families["http_requests"].samples:
        if sample.name == "http_requests_total":
            labels = sample.labels
            print(labels["route"], labels["status_class"], int(sample.value))
            #> /orders/{order_id} 2xx 970
            #> /orders/{order_id} 4xx 20
            #> /orders/{order_id} 5xx 10
    print("in flight now:", families["http_requests_in_flight"].samples[0].value)
    #> in flight now: 0.0
    # --8<-- [end:scrape]

    # --8<-- [start:quantiles]
    buckets = [
        (float(s.labels["le"]), s.value)
        for s in families["http_request_duration_seconds"].samples
        if s.name.endswith("_bucket")
    ]
    for le, count in buckets:
        print(f"le={le:<5} {int(count)}")
        #> le=0.01  0
        #> le=0.025 83
        #> le=0.05  496
        #> le=0.1   970
        #> le=0.2   970
        #> le=0.3   971
        #> le=0.5   985
        #> le=1.0   1000
        #> le=2.5   1000
        #> le=inf   1000
    for q in (0.5, 0.99):
        print(f"p{q * 100:g} ~ {histogram_quantile(q, buckets) * 1000:.0f} ms")
        #> p50 ~ 50 ms
        #> p99 ~ 667 ms
    # --8<-- [end:quantiles]
