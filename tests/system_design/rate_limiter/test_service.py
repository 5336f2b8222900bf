"""The check service: decisions and headers over HTTP, bad input, fail modes, and a real listener."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import httpx2
import pytest
import redis
from fastapi.testclient import TestClient
from redis.backoff import NoBackoff
from redis.retry import Retry

from examples.data.redis.connection import redis_session
from examples.system_design.rate_limiter.serve import running_service
from examples.system_design.rate_limiter.service import ROUTES, create_app, limiter_client

NOW_US = 1_733_097_600_000_000


@pytest.fixture
def http(redis_url: str) -> Iterator[TestClient]:
    with (
        redis_session("test_rl_service", redis_url) as (_, prefix),
        limiter_client(redis_url) as r,
        TestClient(create_app(r, prefix, clock_us=lambda: NOW_US)) as client,
    ):
        yield client


def check(http: TestClient, **body: object) -> httpx2.Response:
    return http.post("/v1/check", json={"route": "search", "client": "key:abc", **body})


def test_search_admits_its_burst_then_says_429(http: TestClient) -> None:
    burst = ROUTES["search"].policies[0].limit
    answers = [check(http).json() for _ in range(burst + 1)]
    assert [a["status"] for a in answers] == [200] * burst + [429]
    assert answers[-1]["headers"]["Retry-After"] == "1"
    assert answers[0]["headers"]["RateLimit-Policy"] == '"second";q=10;w=1, "hour";q=2000;w=3600'


def test_routes_and_clients_are_counted_apart(http: TestClient) -> None:
    for _ in range(10):
        check(http)
    assert check(http).json()["status"] == 429
    assert check(http, client="key:other").json()["status"] == 200
    assert check(http, route="catalog").json()["status"] == 200


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"route": "nope"}, 404),
        ({"route": "Search"}, 422),
        ({"client": "{slot}"}, 422),
        ({"cost": 0}, 422),
        ({"cost": 11}, 422),  # above the route's burst of 10
    ],
)
def test_bad_checks_are_refused(http: TestClient, body: dict, status: int) -> None:
    answer = check(http, **body)
    assert answer.status_code == status
    assert check(http).json()["headers"]["RateLimit"].startswith('"second";r=9;')  # nothing was spent


def test_each_route_fails_its_own_way_when_redis_is_down() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    r = redis.Redis(port=port, socket_connect_timeout=0.2, socket_timeout=0.2, retry=Retry(NoBackoff(), 0))
    with r, TestClient(create_app(r, "rl:")) as http:
        answers = {route: check(http, route=route).json() for route in ROUTES}
    assert {route: a["decided_by"] for route, a in answers.items()} == {
        "catalog": "fail-open",
        "search": "local",
        "login": "fail-closed",
    }
    assert answers["login"]["status"] == 503


def test_the_service_really_listens_under_uvicorn(redis_url: str) -> None:
    with redis_session("test_rl_uvicorn", redis_url) as (r, prefix), running_service(prefix, redis_url) as url:
        with httpx2.Client(base_url=url, timeout=5.0) as client:
            assert client.get("/healthz").json() == {"status": "ok"}
            answers = [
                client.post("/v1/check", json={"route": "login", "client": "ip:203.0.113.7"}).json()
                for _ in range(3)
            ]
        assert [a["status"] for a in answers] == [200, 200, 429]  # login's burst is 2
        assert any(key.startswith(prefix) for key in r.scan_iter(match=prefix + "*"))
    assert not list(r.scan_iter(match=prefix + "*"))  # the session cleaned up after the service


def test_a_valid_cost_above_the_local_share_is_not_422_when_redis_is_down() -> None:
    """Search allows cost 10; each of 4 instances holds 2 locally. Cost 3 spends the local bucket."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    r = redis.Redis(port=port, socket_connect_timeout=0.2, socket_timeout=0.2, retry=Retry(NoBackoff(), 0))
    with r, TestClient(create_app(r, "rl:")) as http:
        answers = [check(http, cost=3) for _ in range(2)]
    assert [a.status_code for a in answers] == [200, 200]
    assert [(a.json()["status"], a.json()["decided_by"]) for a in answers] == [(200, "local"), (429, "local")]


def test_a_refused_client_is_refused_from_memory(http: TestClient) -> None:
    answers = [check(http, route="login").json() for _ in range(4)]
    assert [(a["status"], a["decided_by"]) for a in answers[2:]] == [(429, "redis"), (429, "deny-cache")]
    assert answers[3]["headers"]["Retry-After"] == answers[2]["headers"]["Retry-After"]
