"""Every job of the gateway, over real HTTP to backends in child processes."""

from __future__ import annotations

import socket
import uuid

import pytest

from examples.machine_coding.clock import ManualClock
from examples.system_design.microservices.gateway import Gateway, RateLimit, Route
from examples.system_design.microservices.http_kit import (
    PROBLEM_JSON,
    PROBLEM_TYPES,
    call,
    host_port,
    read_log,
)
from examples.system_design.microservices.launcher import start_orders
from examples.system_design.microservices.registry import StaticResolver
from tests.system_design.microservices.conftest import ALICE, BOB, TOKENS, hits

PROBLEM_MEMBERS = {"type", "title", "status", "detail", "instance"}


def problem_type(reply) -> str:
    assert reply.headers["Content-Type"] == PROBLEM_JSON
    document = reply.json()
    assert set(document) == PROBLEM_MEMBERS
    assert document["status"] == reply.status
    assert document["instance"] == f"urn:uuid:{reply.headers['X-Request-ID']}"
    return document["type"].removeprefix(PROBLEM_TYPES)


# Routing


def test_routes_each_prefix_to_its_service(gateway) -> None:
    _, url = gateway()
    assert call(url, "/users/1", timeout=5, headers=ALICE).json() == {"id": 1, "name": "Ada"}
    order = call(url, "/orders/102", timeout=5, headers=ALICE).json()
    assert order["item"] == "monitor" and order["user"]["name"] == "Ada"
    # Routed to users, which has no such user: the backend's own 404.
    assert problem_type(call(url, "/users/99", timeout=5, headers=ALICE)) == "not-found"


@pytest.mark.parametrize("target", ["/usersx/1", "/", "/payments/1", "/user"])
def test_an_unknown_route_is_a_404_and_reaches_no_backend(gateway, backends, target) -> None:
    _, url = gateway()
    before = hits(backends.users)
    reply = call(url, target, timeout=5, headers=ALICE)
    assert reply.status == 404
    assert problem_type(reply) == "no-route"
    assert hits(backends.users) == before


@pytest.mark.parametrize(
    "target",
    [
        "/users/../admin",
        "/users/%2e%2E/admin",
        "/users/./1",
        "/users/..%2Fadmin",  # a backend that decodes %2F first would climb out
        "/users/%2e%2e%5cadmin",
        "/users/..\\admin",
        "users/1",
        "http://evil.example/users/1",  # absolute form: not the path the route saw
    ],
)
def test_dot_segments_encoded_separators_and_other_forms_are_refused(gateway, backends, target) -> None:
    _, url = gateway()
    before = hits(backends.users)
    reply = call(url, target, timeout=5, headers=ALICE)
    assert reply.status == 400
    assert problem_type(reply) == "bad-path"
    assert hits(backends.users) == before


def test_the_query_is_not_part_of_the_routed_path(gateway) -> None:
    _, url = gateway()
    assert call(url, "/users/1?x=/../admin", timeout=5, headers=ALICE).status == 200


def test_the_longest_prefix_wins(gateway, backends) -> None:
    routes = [Route("/users", "users", 2.0), Route("/users/admin", "orders", 2.0)]
    _, url = gateway(routes=routes)
    # /users/admin goes to orders, which does not serve it: orders' own 404.
    before = hits(backends.orders)
    assert call(url, "/users/admin", timeout=5, headers=ALICE).status == 404
    assert hits(backends.orders) == before + 1


# Authentication


@pytest.mark.parametrize(
    ("authorization", "challenge"),
    [
        (None, 'Bearer realm="api"'),
        ("Bearer wrong-token", 'Bearer realm="api", error="invalid_token"'),
        ("Basic dG9rZW4tb2YtYWxpY2U=", 'Bearer realm="api"'),  # another scheme: no error
        ("Bearer ", 'Bearer realm="api", error="invalid_token"'),
        ("token-of-alice", 'Bearer realm="api"'),
    ],
)
def test_a_401_comes_before_any_backend_call(gateway, backends, authorization, challenge) -> None:
    _, url = gateway()
    before = hits(backends.users), hits(backends.orders)
    headers = {} if authorization is None else {"Authorization": authorization}
    for target in ("/users/1", "/orders/101"):
        reply = call(url, target, timeout=5, headers=headers)
        assert reply.status == 401
        assert reply.headers["WWW-Authenticate"] == challenge
        assert problem_type(reply) == "unauthenticated"
    assert (hits(backends.users), hits(backends.orders)) == before


def test_the_scheme_is_case_insensitive(gateway) -> None:
    _, url = gateway()
    assert call(url, "/users/1", timeout=5, headers={"Authorization": "bearer token-of-alice"}).status == 200


def test_the_gateway_keeps_no_token_in_memory() -> None:
    gateway = Gateway([Route("/users", "users", 1)], StaticResolver({}), TOKENS, RateLimit(1, 1))
    assert not any("token-of" in repr(key) for key in vars(gateway)["_clients"])


# Rate limiting


def test_429_once_the_bucket_is_empty_then_one_token_a_second(gateway, backends) -> None:
    clock = ManualClock()
    _, url = gateway(burst=2, window=2.0, clock=clock)
    before = hits(backends.users)
    statuses = [call(url, "/users/1", timeout=5, headers=ALICE) for _ in range(3)]
    assert [r.status for r in statuses] == [200, 200, 429]
    refused = statuses[-1]
    assert problem_type(refused) == "rate-limited"
    assert refused.headers["Retry-After"] == "1"  # whole seconds, rounded up
    assert hits(backends.users) == before + 2  # the 429 never reached users
    clock.advance(0.5)
    half = call(url, "/users/1", timeout=5, headers=ALICE)
    assert half.status == 429 and half.headers["Retry-After"] == "1"
    clock.advance(0.5)
    assert call(url, "/users/1", timeout=5, headers=ALICE).status == 200
    assert call(url, "/users/1", timeout=5, headers=ALICE).status == 429


def test_each_client_has_its_own_bucket(gateway) -> None:
    _, url = gateway(burst=1, window=10.0)
    assert call(url, "/users/1", timeout=5, headers=ALICE).status == 200
    assert call(url, "/users/1", timeout=5, headers=ALICE).status == 429
    assert call(url, "/users/1", timeout=5, headers=BOB).status == 200


def test_admitted_responses_carry_the_rate_limit_fields(gateway) -> None:
    _, url = gateway(burst=5, window=5.0)
    reply = call(url, "/users/1", timeout=5, headers=ALICE)
    assert reply.headers["RateLimit-Policy"] == '"per-client";q=5;w=5'
    assert reply.headers["RateLimit"].startswith('"per-client";r=4;')


def test_unauthenticated_requests_spend_no_tokens(gateway) -> None:
    _, url = gateway(burst=1, window=10.0)
    for _ in range(3):
        assert call(url, "/users/1", timeout=5).status == 401
    assert call(url, "/users/1", timeout=5, headers=ALICE).status == 200


# Failures


def test_a_slow_backend_is_a_504_after_the_route_timeout(gateway, backends) -> None:
    _, url = gateway(routes=[Route("/users", "slow", 0.2)])
    reply = call(url, "/users/1", timeout=5, headers=ALICE)
    assert reply.status == 504
    assert problem_type(reply) == "upstream-timeout"


def test_a_backend_that_is_down_is_a_502(gateway, backends) -> None:
    _, url = gateway(resolver=backends.resolver(users=[backends.dead_url]))
    reply = call(url, "/users/1", timeout=5, headers=ALICE)
    assert reply.status == 502
    assert problem_type(reply) == "upstream-unreachable"


def test_a_service_with_no_instance_is_a_503(gateway, backends) -> None:
    _, url = gateway(resolver=backends.resolver(users=[]))
    reply = call(url, "/users/1", timeout=5, headers=ALICE)
    assert reply.status == 503
    assert problem_type(reply) == "no-instance"


def test_a_backend_error_passes_through_unchanged(gateway) -> None:
    _, url = gateway()
    reply = call(url, "/orders?user_id=abc", timeout=5, headers=ALICE)
    assert reply.status == 400
    assert reply.json()["type"] == PROBLEM_TYPES + "bad-query"


def test_a_dependency_down_behind_a_backend_is_that_backends_502(gateway, backends, tmp_path) -> None:
    with start_orders(tmp_path / "orders.jsonl", backends.dead_url) as orders:
        _, url = gateway(resolver=StaticResolver({"orders": [orders.url]}))
        reply = call(url, "/orders/101", timeout=5, headers=ALICE)
        assert reply.status == 502
        assert problem_type(reply) == "dependency-failed"
        # The gateway passed orders' own problem on: its id is the gateway's id.
        logged = read_log(tmp_path / "orders.jsonl")
        assert {e["request_id"] for e in logged} == {reply.headers["X-Request-ID"]}
        assert logged[0]["msg"] == "call users GET /users/1 failed: ConnectionRefusedError"


# Request ids and headers


def test_every_response_has_a_fresh_request_id_the_backend_logs(gateway, backends) -> None:
    _, url = gateway()
    spoofed = {**ALICE, "X-Request-ID": "client-chosen", "X-Client-ID": "admin"}
    reply = call(url, "/users/3", timeout=5, headers=spoofed)
    request_id = reply.headers["X-Request-ID"]
    assert str(uuid.UUID(request_id)) == request_id
    assert request_id != "client-chosen"
    logged = [e for e in read_log(backends.logs / "users.jsonl") if e["request_id"] == request_id]
    assert [e["msg"] for e in logged] == ["GET /users/3 -> 200"]
    assert logged[0]["client"] == "alice"  # the authenticated client, not the spoofed one


def test_ids_differ_per_request_and_errors_carry_them_too(gateway) -> None:
    _, url = gateway()
    ids = {call(url, t, timeout=5, headers=ALICE).headers["X-Request-ID"] for t in ("/users/1", "/nope", "/users/1")}
    assert len(ids) == 3


def test_the_authorization_header_never_reaches_a_backend(gateway, backends) -> None:
    gw, url = gateway()
    sent: list[dict[str, str]] = []
    real_fetch = gw.fetch

    def spy(service, method, target, headers, body, timeout):
        sent.append(dict(headers))
        return real_fetch(service, method, target, headers, body, timeout)

    gw.fetch = spy  # type: ignore[method-assign]
    call(url, "/users/1", timeout=5, headers={**ALICE, "Cookie": "session=1", "Accept": "application/json"})
    assert set(sent[0]) == {"X-Request-ID", "X-Client-ID", "Accept"}


def test_a_folded_header_is_forwarded_on_one_line(gateway) -> None:
    gw, url = gateway()
    sent: list[dict[str, str]] = []
    real_fetch = gw.fetch

    def spy(service, method, target, headers, body, timeout):
        sent.append(dict(headers))
        return real_fetch(service, method, target, headers, body, timeout)

    gw.fetch = spy  # type: ignore[method-assign]
    host, port = host_port(url)
    request = (
        "GET /users/1 HTTP/1.1\r\nHost: gateway\r\nAuthorization: Bearer token-of-alice\r\n"
        "Accept: application/json\r\n X-Injected: 1\r\nConnection: close\r\n\r\n"
    )
    with socket.create_connection((host, port), timeout=5) as client:
        client.sendall(request.encode())
        assert client.recv(65536).startswith(b"HTTP/1.1 200 ")
    assert sent[0]["Accept"] == "application/json   X-Injected: 1"  # CR and LF became spaces


# Configuration


@pytest.mark.parametrize(
    "make",
    [
        lambda: Route("users", "users", 1.0),
        lambda: Route("/users/", "users", 1.0),
        lambda: Route("/users", "", 1.0),
        lambda: Route("/users", "users", 0),
        lambda: Route("/users", "users", 61),
        lambda: Gateway([], StaticResolver({}), TOKENS, RateLimit(1, 1)),
        lambda: Gateway([Route("/a", "a", 1), Route("/a", "b", 1)], StaticResolver({}), TOKENS, RateLimit(1, 1)),
        lambda: Gateway([Route("/a", "a", 1)], StaticResolver({}), {}, RateLimit(1, 1)),
        lambda: Gateway([Route("/a", "a", 1)], StaticResolver({}), TOKENS, RateLimit(0, 1)),
    ],
)
def test_bad_configuration_is_refused(make) -> None:
    with pytest.raises(ValueError):
        make()
