"""The business layer: take an order, price it, keep it.

OrderService is given its repository and its coupons (dependency inversion):
it runs the same way over SQLite in production and over a dict in a test,
and it knows nothing of HTTP. Its errors are domain errors; the controller
decides which status code each one becomes.
"""

from __future__ import annotations

from collections.abc import Mapping

from examples.machine_coding.clean_code.pricing import (
    COUPONS,
    Discount,
    InvalidOrderError,
    LineItem,
    NoDiscount,
    quote,
)
from examples.machine_coding.clean_code.repository import Order, OrderRepository


# --8<-- [start:service]
class UnknownCouponError(InvalidOrderError):
    """The coupon code is not one we offer."""


class OrderService:
    def __init__(
        self, orders: OrderRepository, coupons: Mapping[str, Discount] = COUPONS
    ) -> None:
        self._orders = orders
        self._coupons = coupons

    def place_order(
        self, customer: str, items: list[LineItem], coupon: str | None = None
    ) -> Order:
        if not 1 <= len(customer) <= 100:
            raise InvalidOrderError("customer must be 1 to 100 characters")
        priced = quote(items, self._discount_for(coupon))
        return self._orders.add(customer, priced)  # nothing stored until priced

    def find_order(self, order_id: int) -> Order | None:
        return self._orders.get(order_id)

    def _discount_for(self, coupon: str | None) -> Discount:
        if coupon is None:
            return NoDiscount()
        if coupon not in self._coupons:
            raise UnknownCouponError("unknown coupon")
        return self._coupons[coupon]


# --8<-- [end:service]

if __name__ == "__main__":
    # Only this demo names a concrete repository; OrderService never does.
    from examples.machine_coding.clean_code.repository import InMemoryOrderRepository

    # --8<-- [start:demo]
    service = OrderService(InMemoryOrderRepository())
    order = service.place_order("ada", [LineItem("pen", 250, 4)], coupon="FLAT500")
    print(order.id, order.quote, order.quote.total_cents)
    #> 1 Quote(subtotal_cents=1000, discount_cents=500, shipping_cents=499) 999
    try:
        service.place_order("ada", [LineItem("pen", 250, 4)], coupon="FREE")
    except UnknownCouponError as error:
        print(error, service.find_order(2))
        #> unknown coupon None
    # --8<-- [end:demo]
