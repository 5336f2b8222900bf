"""The service over both repositories: rules hold, refusals store nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from examples.machine_coding.clean_code.pricing import FixedAmountOff, InvalidOrderError, LineItem
from examples.machine_coding.clean_code.repository import (
    InMemoryOrderRepository,
    OrderRepository,
    SqliteOrderRepository,
    connect,
)
from examples.machine_coding.clean_code.service import OrderService, UnknownCouponError

PENS = [LineItem("pen", 250, 4)]


@pytest.fixture(params=["in-memory", "sqlite"])
def orders(request: pytest.FixtureRequest) -> Iterator[OrderRepository]:
    if request.param == "in-memory":
        yield InMemoryOrderRepository()
        return
    connection = connect()
    yield SqliteOrderRepository(connection)
    connection.close()


def test_place_and_find(orders: OrderRepository) -> None:
    service = OrderService(orders)
    placed = service.place_order("ada", PENS, coupon="FLAT500")
    assert placed.quote.total_cents == 1000 - 500 + 499
    assert service.find_order(placed.id) == placed


@pytest.mark.parametrize(
    ("customer", "coupon", "error"),
    [
        ("ada", "FREE", UnknownCouponError),
        ("ada", "", UnknownCouponError),
        ("", None, InvalidOrderError),
        ("a" * 101, None, InvalidOrderError),
    ],
)
def test_a_refused_order_stores_nothing(
    orders: OrderRepository, customer: str, coupon: str | None, error: type[Exception]
) -> None:
    service = OrderService(orders)
    with pytest.raises(error):
        service.place_order(customer, PENS, coupon)
    assert service.find_order(1) is None
    assert service.place_order("ada", PENS).id == 1


def test_coupons_are_injected_too(orders: OrderRepository) -> None:
    service = OrderService(orders, coupons={"WELCOME": FixedAmountOff(100)})
    assert service.place_order("ada", PENS, coupon="WELCOME").quote.discount_cents == 100
    with pytest.raises(UnknownCouponError):
        service.place_order("ada", PENS, coupon="SAVE10")  # not offered by this service
