"""Liskov substitution, tested: every Discount keeps the contract, or is caught."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.machine_coding.clean_code.pricing import (
    COUPONS,
    Discount,
    FixedAmountOff,
    LineItem,
    NoDiscount,
    PercentOff,
)
from examples.machine_coding.clean_code.repository import InMemoryOrderRepository
from examples.machine_coding.clean_code.service import OrderService
from examples.machine_coding.clean_code.substitution import UncappedFixedOff, contract_violations

subtotals = st.lists(st.integers(0, 10**9), min_size=1, max_size=20)
# Every Discount subclass that ships, with a strategy for its instances. The
# last test below fails if a subclass exists that is in neither this dict nor
# KNOWN_BROKEN, so a new discount cannot skip the contract test.
CONTRACT_STRATEGIES: dict[type[Discount], st.SearchStrategy[Discount]] = {
    NoDiscount: st.just(NoDiscount()),
    PercentOff: st.builds(PercentOff, st.integers(0, 100)),
    FixedAmountOff: st.builds(FixedAmountOff, st.integers(0, 10**9)),
}
KNOWN_BROKEN: set[type[Discount]] = {UncappedFixedOff}  # shown failing below
good_discounts = st.one_of(st.sampled_from(list(COUPONS.values())), *CONTRACT_STRATEGIES.values())


@given(good_discounts, subtotals)
def test_every_shipped_discount_keeps_the_contract(discount: Discount, amounts: list[int]) -> None:
    assert contract_violations(discount, amounts) == []


@given(st.integers(1, 10**6))
def test_the_contract_check_catches_the_uncapped_subclass(cents: int) -> None:
    # It passes every type check: it *is* a FixedAmountOff.
    bad = UncappedFixedOff(cents)
    assert isinstance(bad, FixedAmountOff)
    assert contract_violations(bad, [cents - 1]) == [f"{cents - 1} -> {cents} off"]
    assert contract_violations(bad, [cents, cents + 1]) == []  # large orders hide the bug


@pytest.mark.xfail(raises=ValueError, strict=True, reason="UncappedFixedOff breaks the Discount contract")
def test_the_service_works_with_any_fixed_amount_off_subclass() -> None:
    # The test a caller of FixedAmountOff would write. It fails for the
    # subclass: the Quote invariant refuses a discount bigger than the order.
    service = OrderService(InMemoryOrderRepository(), coupons={"FLAT500": UncappedFixedOff(500)})
    order = service.place_order("ada", [LineItem("pen", 300, 1)], coupon="FLAT500")
    assert order.quote.total_cents >= 0


def test_with_the_uncapped_subclass_a_small_order_is_refused_and_not_stored() -> None:
    orders = InMemoryOrderRepository()
    service = OrderService(orders, coupons={"FLAT500": UncappedFixedOff(500)})
    with pytest.raises(ValueError, match=r"discount 500 is outside 0\.\.300"):
        service.place_order("ada", [LineItem("pen", 300, 1)], coupon="FLAT500")
    assert orders.get(1) is None
    assert service.place_order("ada", [LineItem("pen", 3000, 1)], coupon="FLAT500").quote.total_cents == 2999


def all_subclasses(cls: type) -> set[type]:
    return {sub for direct in cls.__subclasses__() for sub in {direct, *all_subclasses(direct)}}


def test_a_new_discount_class_must_join_the_contract_test() -> None:
    # Add it to CONTRACT_STRATEGIES (or, like UncappedFixedOff, to KNOWN_BROKEN
    # with a test that shows the violation).
    assert all_subclasses(Discount) == set(CONTRACT_STRATEGIES) | KNOWN_BROKEN
    assert {type(coupon) for coupon in COUPONS.values()} <= set(CONTRACT_STRATEGIES)
