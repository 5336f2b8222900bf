"""The carrier client against a stub carrier on loopback: real sockets, real timeouts."""

from __future__ import annotations

import httpx2
import pytest

from examples import uvicorn_server
from examples.apis.testing import carrier_client
from examples.apis.testing.carrier_client import (
    CarrierUnavailable,
    Reply,
    StubCarrier,
    carrier,
    shipping_quote,
)


def quote_from(*script: Reply) -> tuple[int | Exception, StubCarrier]:
    stub = StubCarrier(list(script))
    with uvicorn_server.serve(stub.app()) as port, carrier(f"http://127.0.0.1:{port}", "t0k") as client:
        try:
            return shipping_quote(client, "mug", 3), stub
        except Exception as error:  # the test inspects it
            return error, stub


def test_a_quote_is_read_and_the_request_carries_the_token_and_body() -> None:
    result, stub = quote_from(Reply(200, {"cents": 1234}))
    assert result == 1234
    assert stub.received == [{"path": "/v1/quotes", "auth": "Bearer t0k", "json": {"sku": "mug", "quantity": 3}}]


@pytest.mark.parametrize("status", [500, 503])
def test_a_server_error_is_carrier_unavailable(status: int) -> None:
    result, _ = quote_from(Reply(status, {}))
    assert isinstance(result, CarrierUnavailable) and str(result) == f"the carrier answered {status}"


def test_a_slow_carrier_is_a_timeout_not_a_hang(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(carrier_client, "TIMEOUT_SECONDS", 0.2)
    result, _ = quote_from(Reply(200, {"cents": 1}, delay_seconds=1.0))
    assert isinstance(result, CarrierUnavailable) and str(result) == "the carrier timed out"


def test_a_client_error_is_raised_as_our_bug() -> None:
    result, _ = quote_from(Reply(400, {"error": "bad sku"}))
    assert isinstance(result, httpx2.HTTPStatusError) and result.response.status_code == 400


def test_an_unscripted_call_fails_loudly() -> None:
    result, stub = quote_from()
    assert isinstance(result, CarrierUnavailable) and "599" in str(result)
    assert len(stub.received) == 1
