"""Keep-alive: the origin's connection count follows the client's choice, over TCP and TLS."""

from __future__ import annotations

import ssl
from datetime import UTC, datetime, timedelta

import pytest

from examples.fundamentals.http.keepalive import (
    LoopbackHTTPS,
    get,
    kept_alive,
    new_each_time,
    origin_over_tls,
)
from examples.fundamentals.http.origin import Origin
from examples.fundamentals.tls.contexts import client_context
from examples.fundamentals.tls.local_ca import Authority
from examples.uvicorn_server import serve


@pytest.mark.parametrize(("way", "connections"), [(kept_alive, 1), (new_each_time, 4)])
def test_plain_tcp_connection_counts(way, connections: int) -> None:
    origin = Origin()
    with serve(origin, http="h11") as port:
        way(port, 4)
    assert (origin.requests, len(origin.connections)) == (4, connections)


@pytest.mark.parametrize(("way", "connections"), [(kept_alive, 1), (new_each_time, 3)])
def test_tls_connection_counts(way, connections: int) -> None:
    origin = Origin()
    with origin_over_tls(origin) as (port, tls):
        way(port, 3, tls)
    assert (origin.requests, len(origin.connections)) == (3, connections)


def test_the_body_arrives_whole_over_tls() -> None:
    with origin_over_tls(Origin()) as (port, tls):
        conn = LoopbackHTTPS(port, tls)
        try:
            assert get(conn) == b"hello"
        finally:
            conn.close()


def test_a_client_that_trusts_another_ca_is_refused() -> None:
    stranger = Authority.root("Stranger CA", datetime.now(UTC), timedelta(days=30))
    with origin_over_tls(Origin()) as (port, _tls):
        conn = LoopbackHTTPS(port, client_context([stranger.certificate]))
        with pytest.raises(ssl.SSLCertVerificationError):
            get(conn)
        conn.close()
