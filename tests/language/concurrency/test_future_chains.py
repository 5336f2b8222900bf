"""Each step of the chain, the fallback, and that unexpected errors are not swallowed."""

from __future__ import annotations

import asyncio

import pytest

from examples.language.concurrency import future_chains
from examples.language.concurrency.future_chains import (
    fetch_order,
    format_receipt,
    parse_total,
    receipt,
    receipt_async,
    receipts_async,
    receipts_on_pool,
)


def test_fetch_order_finds_or_raises_lookup_error() -> None:
    assert '"id": 1' in fetch_order(1)
    with pytest.raises(LookupError, match="order 99 not found"):
        fetch_order(99)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('{"total_cents": "12"}', "bad total_cents: '12'"),
        ('{"total_cents": true}', "bad total_cents: True"),
        ('{"total_cents": 1.5}', "bad total_cents: 1.5"),
        ("{}", "bad total_cents: None"),
        ("[1, 2]", "bad total_cents: None"),
        ("not json", "Expecting value"),
    ],
)
def test_parse_total_refuses_bad_bodies_with_value_error(body: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_total(body)


def test_parse_and_format_a_good_body() -> None:
    assert parse_total('{"total_cents": 705}') == 705
    assert format_receipt(7, 705) == "order 7: $7.05"


def test_receipt_falls_back_on_expected_errors() -> None:
    assert receipt(1) == "order 1: $25.99"
    assert receipt(2) == "order 2: unavailable (bad total_cents: 'n/a')"
    assert receipt(404) == "order 404: unavailable (order 404 not found)"


def test_an_unexpected_error_is_not_turned_into_a_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(order_id: int) -> str:
        raise RuntimeError("bug in the client")

    monkeypatch.setattr(future_chains, "fetch_order", broken)
    with pytest.raises(RuntimeError, match="bug in the client"):
        receipt(1)
    with pytest.raises(RuntimeError, match="bug in the client"):
        receipts_on_pool([1, 3])  # the worker's exception surfaces through the pool
    with pytest.raises(RuntimeError, match="bug in the client"):
        asyncio.run(receipt_async(1))


def test_pool_and_asyncio_versions_agree_on_many_orders(monkeypatch: pytest.MonkeyPatch) -> None:
    orders = {i: f'{{"id": {i}, "total_cents": {i * 3}}}' for i in range(1, 301)}
    monkeypatch.setattr(future_chains, "ORDERS_JSON", orders)
    ids = list(range(0, 320))  # 0 and 301..319 are missing
    on_pool = receipts_on_pool(ids)
    assert asyncio.run(receipts_async(ids)) == on_pool
    assert len(on_pool) == len(ids)
    assert on_pool[0] == "order 0: unavailable (order 0 not found)"
    assert on_pool[100] == "order 100: $3.00"
    assert sum("unavailable" in line for line in on_pool) == 20
