"""Each step of the chain, the fallback, and that unexpected errors are not swallowed."""

from __future__ import annotations

import asyncio
import threading

import pytest

from examples.language.concurrency import future_chains
from examples.language.concurrency.future_chains import (
    BadOrder,
    OrderNotFound,
    fetch_order,
    format_receipt,
    parse_total,
    receipt,
    receipt_async,
    receipts_async,
    receipts_on_pool,
)


def test_fetch_order_finds_or_raises_order_not_found() -> None:
    assert '"id": 1' in fetch_order(1)
    with pytest.raises(OrderNotFound, match="order 99 not found"):
        fetch_order(99)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('{"total_cents": "12"}', "bad total_cents: '12'"),
        ('{"total_cents": true}', "bad total_cents: True"),
        ('{"total_cents": 1.5}', "bad total_cents: 1.5"),
        ("{}", "bad total_cents: None"),
        ("[1, 2]", "bad total_cents: None"),
        ("not json", "body is not JSON: Expecting value"),
        ('{"total_cents": ' + "9" * 5000 + "}", "body is not JSON: Exceeds the limit"),
        ("[" * 100_000 + "]" * 100_000, "body is nested too deeply"),
    ],
)
def test_parse_total_refuses_bad_bodies_with_bad_order(body: str, message: str) -> None:
    with pytest.raises(BadOrder, match=message):
        parse_total(body)


def test_a_hostile_body_becomes_the_fallback_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(future_chains.ORDERS_JSON, 5, "[" * 100_000 + "]" * 100_000)
    assert receipt(5) == "order 5: unavailable (body is nested too deeply)"


def test_parse_and_format_a_good_body() -> None:
    assert parse_total('{"total_cents": 705}') == 705
    assert format_receipt(7, 705) == "order 7: $7.05"


@pytest.mark.parametrize(
    ("cents", "text"),
    [(0, "$0.00"), (5, "$0.05"), (100, "$1.00"), (-5, "-$0.05"), (-100, "-$1.00"), (-2599, "-$25.99")],
)
def test_format_receipt_keeps_the_sign_out_of_the_cents(cents: int, text: str) -> None:
    # divmod(-5, 100) is (-1, 95): formatting its parts directly would print $-1.95
    assert format_receipt(1, cents) == f"order 1: {text}"


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


@pytest.mark.parametrize("bug", [KeyError("total_cents"), IndexError("list index out of range")])
def test_a_lookup_bug_inside_a_step_is_not_mistaken_for_a_missing_order(
    monkeypatch: pytest.MonkeyPatch, bug: Exception
) -> None:
    """KeyError and IndexError are LookupErrors: catching LookupError would hide them."""

    def buggy_parse(body: str) -> int:
        raise bug

    monkeypatch.setattr(future_chains, "parse_total", buggy_parse)
    with pytest.raises(type(bug)):
        receipt(1)
    with pytest.raises(type(bug)):
        asyncio.run(receipt_async(1))


def test_an_unexpected_error_in_one_async_chain_leaves_no_sibling_running(monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()

    def fetch(order_id: int) -> str:
        if order_id == 1:
            raise RuntimeError("bug in the client")
        release.wait(timeout=5)  # the others are still waiting on their service
        return future_chains.ORDERS_JSON[order_id]

    monkeypatch.setattr(future_chains, "fetch_order", fetch)

    async def scenario() -> tuple[list[str], int]:
        try:
            with pytest.raises(ExceptionGroup) as caught:
                await receipts_async([1, 2, 3])
            return [str(e) for e in caught.value.exceptions], len(asyncio.all_tasks())
        finally:
            release.set()  # let the worker threads finish so asyncio.run can shut down

    assert asyncio.run(scenario()) == (["bug in the client"], 1)


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
