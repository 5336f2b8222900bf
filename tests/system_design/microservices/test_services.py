"""The two backends, served in a thread here (the same code the child processes run)."""

from __future__ import annotations

import http.client
import socket

import pytest

from examples.system_design.microservices.http_kit import (
    MAX_BODY_BYTES,
    PROBLEM_JSON,
    EventLog,
    call,
    host_port,
    read_log,
    serving,
)
from examples.system_design.microservices.services import OrdersService, UsersService, get_user
from tests.system_design.microservices.conftest import refusing_url


@pytest.fixture
def users(tmp_path):
    log = EventLog(tmp_path / "users.jsonl", "users")
    app = UsersService("users", log)
    with serving(app, log) as url:
        yield url, app, tmp_path / "users.jsonl"


def test_users_serves_known_users_and_404s_the_rest(users) -> None:
    url, app, _ = users
    assert call(url, "/users/2", timeout=5).json() == {"id": 2, "name": "Grace"}
    for target in ("/users/9", "/users/abc", "/users/1/x", "/users/" + "9" * 20):
        reply = call(url, target, timeout=5)
        assert reply.status == 404 and reply.headers["Content-Type"] == PROBLEM_JSON
    assert app.hits == 5
    assert get_user(3) == {"id": 3, "name": "Linus"} and get_user(4) is None


def test_health_and_stats_are_not_counted_as_hits(users) -> None:
    url, _, _ = users
    assert call(url, "/health", timeout=5).status == 200
    assert call(url, "/stats", timeout=5).json() == {"service": "users", "hits": 0}


def test_only_get_is_allowed(users) -> None:
    url, _, _ = users
    reply = call(url, "/users/1", timeout=5, method="POST", body=b"{}")
    assert reply.status == 405 and reply.headers["Allow"] == "GET"


def test_a_request_id_given_is_echoed_and_logged(users) -> None:
    url, _, log = users
    given = "0b6f3d4e-8a1c-4f7e-9d2b-5c3a1e7f9b20"
    reply = call(url, "/users/1", timeout=5, headers={"X-Request-ID": given})
    assert reply.headers["X-Request-ID"] == given
    assert read_log(log)[-1]["request_id"] == given


@pytest.mark.parametrize("bad", ["abc", "x" * 500, '", "msg": "forged', "0B6F3D4E-8A1C-4F7E-9D2B-5C3A1E7F9B20"])
def test_an_id_that_is_not_a_canonical_uuid_is_replaced(users, bad) -> None:
    url, _, log = users
    reply = call(url, "/users/1", timeout=5, headers={"X-Request-ID": bad})
    assert reply.headers["X-Request-ID"] != bad
    assert read_log(log)[-1]["request_id"] == reply.headers["X-Request-ID"]


def test_a_body_without_a_length_or_too_large_is_refused(users) -> None:
    url, _, _ = users
    host, port = host_port(url)
    connection = http.client.HTTPConnection(host, port, timeout=5)
    try:
        connection.request("POST", "/users/1", body=iter([b"x"]), encode_chunked=True)
        assert connection.getresponse().status == 411
    finally:
        connection.close()
    reply = call(url, "/users/1", timeout=5, method="POST", body=b"x" * (MAX_BODY_BYTES + 1))
    assert reply.status == 413
    assert reply.json()["title"] == "Content Too Large"  # RFC 9110's name, not Python 3.11's


@pytest.mark.parametrize(
    "lengths",
    [["+1"], ["1_0"], ["1,1"], ["-1"], ["x"], ["1", "2"], ["1", "1"]],
)
def test_a_content_length_that_is_not_one_number_in_digits_is_refused(users, lengths) -> None:
    url, app, _ = users
    fields = "".join(f"Content-Length: {value}\r\n" for value in lengths)
    request = f"POST /users/1 HTTP/1.1\r\nHost: users\r\n{fields}\r\nx"
    with socket.create_connection(host_port(url), timeout=5) as client:
        client.sendall(request.encode())
        answer = b"".join(iter(lambda: client.recv(65536), b""))  # it closes the connection
    assert answer.startswith(b"HTTP/1.1 400 "), answer[:40]
    assert b'"type":"https://api.example.com/problems/bad-length"' in answer
    assert app.hits == 0


def test_the_server_header_names_no_version(users) -> None:
    url, _, _ = users
    assert call(url, "/health", timeout=5).headers["Server"] == "service"


def test_orders_adds_the_buyer_and_lists_by_user(users, tmp_path) -> None:
    users_url, _, _ = users
    log = EventLog(tmp_path / "orders.jsonl", "orders")
    with serving(OrdersService(log, users_url), log) as url:
        assert call(url, "/orders/103", timeout=5).json()["user"] == {"id": 2, "name": "Grace"}
        listed = call(url, "/orders?user_id=1", timeout=5).json()
        assert [o["id"] for o in listed["orders"]] == [101, 102]
        assert call(url, "/orders?user_id=3", timeout=5).json()["orders"] == []
        for target in ("/orders?user_id=x", "/orders", "/orders?user_id=%C2%B2", "/orders?user_id=1" + "0" * 12):
            assert call(url, target, timeout=5).status == 400
        assert call(url, "/orders/999", timeout=5).status == 404


def test_orders_reports_a_users_failure_as_502(tmp_path) -> None:
    log = EventLog(tmp_path / "orders.jsonl", "orders")
    with refusing_url() as users_url, serving(OrdersService(log, users_url), log) as url:
        reply = call(url, "/orders/101", timeout=5)
    assert reply.status == 502
    assert reply.json()["type"].endswith("/dependency-failed")


def test_the_refusing_url_refuses_and_holds_its_port() -> None:
    with refusing_url() as url:
        with pytest.raises(ConnectionRefusedError):
            call(url, "/health", timeout=1)
        with socket.socket() as squatter, pytest.raises(OSError):
            squatter.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            squatter.bind(host_port(url))  # nobody else can listen there meanwhile


@pytest.mark.parametrize("delay", [-1, 31])
def test_a_bad_delay_is_refused(tmp_path, delay) -> None:
    with pytest.raises(ValueError, match="delay"):
        UsersService("users", EventLog(tmp_path / "x.jsonl", "users"), delay)


def test_a_log_needs_a_service_name(tmp_path) -> None:
    with pytest.raises(ValueError):
        EventLog(tmp_path / "x.jsonl", "")
