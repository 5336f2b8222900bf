"""The load generator against the real service on loopback: counts, bounds and percentiles."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from examples.system_design.url_shortener.load import LoadResult, load, percentile
from examples.system_design.url_shortener.sandbox import Sandbox
from examples.system_design.url_shortener.server import serving, spawn


def test_it_sends_exactly_n_requests_and_follows_no_redirect(box: Sandbox, client: TestClient) -> None:
    codes = [client.post("/links", json={"url": f"https://example.com/{i}"}).json()["code"] for i in range(5)]
    with serving(box.app) as url:
        result = load(url, [f"/{c}" for c in codes] + ["/unknown"], requests=120, concurrency=6)
    assert result.errors == 0
    assert len(result.latencies) == 120
    assert result.statuses == {302: 100, 404: 20}
    assert result.throughput > 0 and result.p(50) <= result.p(99)
    stats = box.app.state.stats.snapshot()
    assert stats["hit"] + stats["miss"] == 120  # a 404 is a miss too
    cache = box.app.state.cache  # a slow Redis on this shared machine adds misses
    assert stats["miss"] <= 5 + 20 + 6 + cache.errors + cache.skipped  # one racing miss per worker


def test_the_time_limit_stops_an_unbounded_count(box: Sandbox) -> None:
    with serving(box.app) as url:
        result = load(url, ["/zzzzzzz"], requests=10**9, concurrency=2, max_seconds=0.3)
    assert 0 < len(result.latencies) < 10**9


def test_connection_failures_are_counted_not_raised() -> None:
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = load(f"http://127.0.0.1:{port}", ["/x"], requests=4, concurrency=2)
    assert (result.errors, result.latencies, result.throughput) == (4, [], 0.0)


def test_a_spawned_service_answers_and_stops_listening_after(box: Sandbox, client: TestClient) -> None:
    code = client.post("/links", json={"url": "https://example.com/s"}).json()["code"]
    with spawn(box.schema, box.prefix, use_cache=True) as url:
        result = load(url, [f"/{code}"], requests=10, concurrency=2)
    assert result.statuses == {302: 10}
    after = load(url, [f"/{code}"], requests=2, concurrency=1)
    assert (after.errors, after.latencies) == (2, [])  # the child is gone


def test_percentile_is_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 50) == 50.0
    assert percentile(values, 99) == 99.0
    assert percentile(values, 100) == 100.0
    assert percentile([3.0, 1.0, 2.0], 50) == 2.0


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: percentile([], 50), "no values"),
        (lambda: percentile([1.0], 0), "q must be in"),
        (lambda: percentile([1.0], 101), "q must be in"),
        (lambda: load("http://127.0.0.1:9", [], requests=1, concurrency=1), "paths must not be empty"),
        (lambda: load("http://127.0.0.1:9", ["/"], requests=0, concurrency=1), "requests >= 1"),
        (lambda: load("http://127.0.0.1:9", ["/"], requests=1, concurrency=0), "concurrency >= 1"),
    ],
)
def test_bad_input_is_refused(call, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()


def test_an_empty_result_has_no_throughput() -> None:
    assert LoadResult().throughput == 0.0
