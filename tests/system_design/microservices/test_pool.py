"""The gateway's connection pool: reuse, the one safe retry, timeouts."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from examples.system_design.microservices.gateway import ConnectionPool, Upstream

OK = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nok"
# An obsolete line fold: http.client returns the value with its CRLF inside.
FOLDED = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nLocation: /a\r\n Set-Cookie: x=1\r\n\r\nok"


@contextmanager
def raw_server(
    *, close_after_each: bool, silent: bool = False, answer: bytes = OK
) -> Iterator[tuple[str, list[int]]]:
    """A loopback server that answers every request with 200 "ok".

    close_after_each: hang up after each answer without saying so (no
    `Connection: close`), as a server does when it drops an idle keep-alive
    connection. silent: accept, read, never answer. Yields its URL and a
    one-item list counting accepted connections.
    """
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.1)
    accepted = [0]
    stop = threading.Event()

    def serve_connection(connection: socket.socket) -> None:
        with connection:
            connection.settimeout(2)
            while not stop.is_set():
                try:
                    request = connection.recv(65536)
                except OSError:
                    return
                if not request:
                    return
                if silent:
                    stop.wait(2)
                    return
                connection.sendall(answer)
                if close_after_each:
                    return

    def accept_loop() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            accepted[0] += 1
            threading.Thread(target=serve_connection, args=(connection,), daemon=True).start()

    thread = threading.Thread(target=accept_loop, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}", accepted
    finally:
        stop.set()
        thread.join(timeout=5)
        listener.close()


def get(pool: ConnectionPool, url: str, method: str = "GET", timeout: float = 2.0) -> int:
    status, _, body = pool.request(url, method, "/", headers={}, body=b"", timeout=timeout)
    assert body == b"ok"
    return status


def test_a_kept_alive_connection_is_reused() -> None:
    pool = ConnectionPool()
    with raw_server(close_after_each=False) as (url, accepted):
        assert [get(pool, url) for _ in range(5)] == [200] * 5
        pool.close()
    assert accepted == [1]


def test_a_get_on_a_connection_the_server_dropped_is_retried_once_on_a_new_one() -> None:
    pool = ConnectionPool()
    with raw_server(close_after_each=True) as (url, accepted):
        assert [get(pool, url) for _ in range(3)] == [200] * 3
        pool.close()
    assert accepted == [3]  # the first call's connection, then one new one per retry


def test_a_post_on_a_dropped_connection_is_not_retried() -> None:
    pool = ConnectionPool()
    with raw_server(close_after_each=True) as (url, _):
        assert get(pool, url) == 200
        with pytest.raises(Upstream) as failure:
            get(pool, url, method="POST")  # it may have been processed: do not send it twice
        pool.close()
    assert failure.value.status == 502


def test_a_silent_backend_is_a_504() -> None:
    pool = ConnectionPool()
    with raw_server(close_after_each=False, silent=True) as (url, _):
        with pytest.raises(Upstream) as failure:
            get(pool, url, timeout=0.2)
        pool.close()
    assert failure.value.status == 504


def test_a_folded_header_comes_back_on_one_line() -> None:
    pool = ConnectionPool()
    with raw_server(close_after_each=False, answer=FOLDED) as (url, _):
        _, headers, _ = pool.request(url, "GET", "/", headers={}, body=b"", timeout=2.0)
        pool.close()
    assert headers["Location"] == "/a   Set-Cookie: x=1"  # CR and LF became spaces: no new header
