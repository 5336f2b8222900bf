"""One behavior suite, run against the tangled app and the clean one.

If the refactor changed what a client sees (a price, a status code, what is
stored after a refused request), these tests fail for one version and not
the other. The last test sends the same random requests to both and compares
every response.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from examples.machine_coding.clean_code import controller, tangled
from examples.machine_coding.clean_code.repository import InMemoryOrderRepository, connect
from examples.machine_coding.clean_code.service import OrderService

MakeClient = Callable[[], TestClient]
VERSIONS: dict[str, MakeClient] = {
    "tangled": lambda: TestClient(tangled.create_app(connect())),
    "clean-sqlite": lambda: TestClient(controller.production_app(connect())),
    "clean-in-memory": lambda: TestClient(controller.create_app(OrderService(InMemoryOrderRepository()))),
}


@pytest.fixture(params=list(VERSIONS))
def client(request: pytest.FixtureRequest) -> TestClient:
    return VERSIONS[request.param]()


def line(price: int, quantity: int = 1, sku: str = "sku-1") -> dict[str, Any]:
    return {"sku": sku, "unit_price_cents": price, "quantity": quantity}


def order(*items: dict[str, Any], coupon: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"customer": "ada", "items": list(items)}
    if coupon is not None:
        body["coupon"] = coupon
    return body


@pytest.mark.parametrize(
    ("body", "subtotal", "discount", "shipping"),
    [
        (order(line(1500, 2)), 3000, 0, 499),
        (order(line(1500, 2), coupon="SAVE10"), 3000, 300, 499),
        (order(line(999), coupon="SAVE10"), 999, 99, 499),  # 99.9 rounds down
        (order(line(300), coupon="FLAT500"), 300, 300, 499),  # capped at the order
        (order(line(4999)), 4999, 0, 499),
        (order(line(5000)), 5000, 0, 0),  # free shipping from 5,000 cents
        (order(line(5500), coupon="SAVE10"), 5500, 550, 499),  # 4,950 after discount
        (order(line(100, 100), line(200, 3, sku="b")), 10600, 0, 0),
        (order(line(1000), coupon=None), 1000, 0, 499),
    ],
)
def test_prices(client: TestClient, body: dict[str, Any], subtotal: int, discount: int, shipping: int) -> None:
    response = client.post("/orders", json=body)
    assert response.status_code == 201
    assert response.json() == {
        "id": 1,
        "customer": "ada",
        "subtotal_cents": subtotal,
        "discount_cents": discount,
        "shipping_cents": shipping,
        "total_cents": subtotal - discount + shipping,
    }


def test_an_order_reads_back_as_it_was_placed(client: TestClient) -> None:
    first = client.post("/orders", json=order(line(700, 2))).json()
    second = client.post("/orders", json=order(line(9000), coupon="FLAT500")).json()
    assert (first["id"], second["id"]) == (1, 2)
    assert client.get("/orders/1").json() == first
    assert client.get("/orders/2").json() == second


@pytest.mark.parametrize("order_id", ["3", "0", "-1", str(2**63), str(10**30)])
def test_an_unknown_order_is_404(client: TestClient, order_id: str) -> None:
    client.post("/orders", json=order(line(700)))
    client.post("/orders", json=order(line(700)))
    assert client.get(f"/orders/{order_id}").status_code == 404


BAD_BODIES = {
    "not an object": [order(line(100))],
    "no customer": {"items": [line(100)]},
    "empty customer": {**order(line(100)), "customer": ""},
    "customer too long": {**order(line(100)), "customer": "a" * 101},
    "no items": order(),
    "51 lines": order(*[line(100)] * 51),
    "item not an object": {**order(), "items": [5]},
    "item without a quantity": order({"sku": "a", "unit_price_cents": 100}),
    "empty sku": order(line(100, sku="")),
    "zero price": order(line(0)),
    "price too high": order(line(1_000_001)),
    "price as text": order({**line(100), "unit_price_cents": "100"}),
    "price as float": order({**line(100), "unit_price_cents": 100.0}),
    "zero quantity": order(line(100, 0)),
    "quantity 101": order(line(100, 101)),
    "quantity true": order({**line(100), "quantity": True}),
    "unknown coupon": order(line(100), coupon="FREE"),
    "lowercase coupon": order(line(100), coupon="save10"),
    "coupon not text": {**order(line(100)), "coupon": 10},
}


@pytest.mark.parametrize("body", list(BAD_BODIES.values()), ids=list(BAD_BODIES))
def test_bad_input_is_422_and_stores_nothing(client: TestClient, body: object) -> None:
    response = client.post("/orders", json=body)
    assert response.status_code == 422
    assert response.json()["error"]
    assert client.get("/orders/1").status_code == 404
    assert client.post("/orders", json=order(line(100))).json()["id"] == 1


def test_a_body_that_is_not_json_is_422(client: TestClient) -> None:
    response = client.post("/orders", content=b"{not json", headers={"content-type": "application/json"})
    assert response.status_code == 422


# Random requests, valid and invalid, in the shapes clients really send:
# mostly valid values, with the edge values and wrong types mixed in.
def mostly(valid: st.SearchStrategy[Any], invalid: list[Any]) -> st.SearchStrategy[Any]:
    """`valid` about nine times in ten, else an edge value or a wrong type."""
    return st.integers(0, 9).flatmap(lambda roll: valid if roll else st.sampled_from(invalid))


skus = mostly(st.text(min_size=1, max_size=8), ["", "x" * 40, "x" * 41])
prices = mostly(st.integers(1, 9_000), [0, -1, 1_000_000, 1_000_001, "5", 5.5, False])
quantities = mostly(st.integers(1, 100), [0, 101, "1", 1.0, True, None])
whole_lines = st.fixed_dictionaries({"sku": skus, "unit_price_cents": prices, "quantity": quantities})
# A field missing is refused; a field nobody asked for is ignored, by both.
odd_lines = [{"sku": "a", "unit_price_cents": 5}, {"unit_price_cents": 5, "quantity": 1}, {**line(5), "note": "x"}]
lines = mostly(whole_lines, odd_lines)
items = mostly(st.lists(lines, min_size=1, max_size=3), [[], [3], [line(100)] * 50, [line(100)] * 51])
customers = mostly(st.text(min_size=1, max_size=10), ["", "a" * 100, "a" * 101, None])
objects = st.fixed_dictionaries(
    {"customer": customers, "items": items},
    optional={"coupon": st.sampled_from(["SAVE10", "FLAT500", "FREE", "", None, 10])},
)
bodies = mostly(objects, [[], "ada", 5, {"items": [line(100)]}])


def answers(client: TestClient, requests: list[Any]) -> list[tuple[int, Any]]:
    seen: list[tuple[int, Any]] = []
    for body in requests:
        response = client.post("/orders", json=body)
        # Error messages may be worded differently; statuses and successes may not.
        seen.append((response.status_code, response.json() if response.status_code == 201 else None))
    for order_id in range(len(requests) + 2):
        response = client.get(f"/orders/{order_id}")
        seen.append((response.status_code, response.json() if response.status_code == 200 else None))
    return seen


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(requests=st.lists(bodies, min_size=1, max_size=6))
def test_tangled_and_clean_give_the_same_answers(requests: list[Any]) -> None:
    expected = answers(VERSIONS["tangled"](), requests)
    assert answers(VERSIONS["clean-sqlite"](), requests) == expected
    assert answers(VERSIONS["clean-in-memory"](), requests) == expected


def test_the_clean_app_says_the_body_is_not_json_not_where_parsing_stopped() -> None:
    client = VERSIONS["clean-sqlite"]()
    response = client.post("/orders", content=b"{not json", headers={"content-type": "application/json"})
    assert response.json() == {"error": "body: JSON decode error"}
