"""The orders app's other routes and its OpenAPI document, over the fake store."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import nullcontext

import pytest
from fastapi.testclient import TestClient

from examples.apis.rest.problem_details import PROBLEM_JSON
from examples.apis.testing.fake_orders import FakeOrders
from examples.apis.testing.orders_app import MAX_BIGINT, create_app

KEY = {"Idempotency-Key": "test-key-0001"}


@pytest.fixture
def client() -> Iterator[TestClient]:
    fake = FakeOrders()
    fake.add_product("mug", unit_cents=1250, stock=2, discount_percent=20)
    with TestClient(create_app(lambda: nullcontext(fake))) as test_client:
        yield test_client


def test_a_placed_order_and_its_product_can_be_read(client: TestClient) -> None:
    placed = client.post("/orders", json={"sku": "mug", "quantity": 2}, headers=KEY).json()
    assert placed["total_cents"] == 2000
    assert client.get(f"/orders/{placed['id']}").json() == placed
    assert client.get("/products/mug").json() == {
        "sku": "mug",
        "unit_cents": 1250,
        "discount_percent": 20,
        "stock": 0,
    }


@pytest.mark.parametrize(("path", "status"), [("/orders/1", 404), ("/products/lamp", 404)])
def test_missing_things_are_404_problems(client: TestClient, path: str, status: int) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert response.headers["content-type"] == PROBLEM_JSON
    assert response.json()["instance"] == path


@pytest.mark.parametrize("path", ["/orders/0", f"/orders/{MAX_BIGINT + 1}", "/orders/x", "/products/MUG"])
def test_a_bad_path_parameter_is_a_400_not_a_500(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 400
    assert response.headers["content-type"] == PROBLEM_JSON


def test_the_largest_bigint_id_is_a_plain_404(client: TestClient) -> None:
    assert client.get(f"/orders/{MAX_BIGINT}").status_code == 404


def test_the_document_lists_every_answer_of_post_orders(client: TestClient) -> None:
    responses = client.get("/openapi.json").json()["paths"]["/orders"]["post"]["responses"]
    assert set(responses) == {"201", "400", "404", "409", "422"}
    for status in ("400", "404", "409", "422"):
        assert PROBLEM_JSON in responses[status]["content"]


def test_the_key_header_is_documented_with_its_pattern(client: TestClient) -> None:
    parameters = client.get("/openapi.json").json()["paths"]["/orders"]["post"]["parameters"]
    (key,) = [p for p in parameters if p["name"] == "idempotency-key"]
    assert key["in"] == "header" and key["required"] is True
    assert key["schema"]["pattern"] == "^[A-Za-z0-9_-]{8,64}$"
