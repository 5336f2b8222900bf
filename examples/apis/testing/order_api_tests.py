"""API tests of POST /orders, in-process, on the test's own PostgreSQL transaction.

They need the fixtures of pg_fixtures.py (`db`, `make_product`); the suite
loads them in tests/apis/testing/conftest.py and collects these tests from
tests/apis/testing/test_order_api.py. Each test asserts the four things a
client and the next request depend on: the status, the headers, the body's
shape, and what changed in the database.
"""

# requires-server: postgres

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import nullcontext

import httpx2
import psycopg
import pytest
from fastapi.testclient import TestClient

from examples.apis.rest.problem_details import PROBLEM_JSON, PROBLEM_TYPES
from examples.apis.testing.orders_app import create_app
from examples.apis.testing.orders_store import PostgresOrders, Product

KEY = {"Idempotency-Key": "test-key-0001"}


@pytest.fixture
def client(db: psycopg.Connection) -> Iterator[TestClient]:
    """The app in-process on the test's connection, so its writes roll back too."""
    with TestClient(create_app(lambda: nullcontext(PostgresOrders(db)))) as test_client:
        yield test_client  # `with` also runs the app's startup and shutdown


def place(
    client: TestClient, sku: str, quantity: int, headers: dict[str, str] = KEY
) -> httpx2.Response:
    """POST /orders with a JSON body, and the idempotency key unless told otherwise."""
    return client.post(
        "/orders", json={"sku": sku, "quantity": quantity}, headers=headers
    )


def stock_of(db: psycopg.Connection, sku: str) -> int:
    return db.execute("SELECT stock FROM products WHERE sku = %s", (sku,)).fetchone()[0]


def order_rows(db: psycopg.Connection) -> int:
    return db.execute("SELECT count(*) FROM orders").fetchone()[0]


# --8<-- [start:happy]
def test_an_order_is_created_and_takes_stock(
    client: TestClient, db: psycopg.Connection, make_product: Callable[..., Product]
) -> None:
    lamp = make_product(stock=5, unit_cents=4000, discount_percent=25)
    response = place(client, lamp.sku, 2)

    assert response.status_code == 201
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert body == {
        "id": body["id"],
        "sku": lamp.sku,
        "quantity": 2,
        "total_cents": 6000,
    }
    assert response.headers["location"] == f"/orders/{body['id']}"
    assert client.get(response.headers["location"]).json() == body  # it is readable
    assert stock_of(db, lamp.sku) == 3  # the side effect, read from the database


# --8<-- [end:happy]


# --8<-- [start:errors]
def test_out_of_stock_is_a_409_problem_and_changes_nothing(
    client: TestClient, db: psycopg.Connection, make_product: Callable[..., Product]
) -> None:
    lamp = make_product(stock=1)
    response = place(client, lamp.sku, 2)

    assert response.status_code == 409
    assert response.headers["content-type"] == PROBLEM_JSON
    # The problem type is what clients switch on, not the English text.
    assert response.json()["type"] == PROBLEM_TYPES + "out-of-stock"
    assert (stock_of(db, lamp.sku), order_rows(db)) == (1, 0)  # nothing half-written


@pytest.mark.parametrize(
    ("body", "pointer"),
    [
        ({"sku": "mug", "quantity": 0}, "#/quantity"),
        ({"sku": "mug", "quantity": 1001}, "#/quantity"),
        ({"sku": "MUG!", "quantity": 1}, "#/sku"),
        ({"sku": "mug", "quantity": 1, "price": 0}, "#/price"),  # no unknown fields
    ],
)
def test_a_bad_body_is_a_422_that_points_at_the_field(
    client: TestClient, db: psycopg.Connection, body: dict, pointer: str
) -> None:
    response = client.post("/orders", json=body, headers=KEY)

    assert response.status_code == 422
    assert [error["pointer"] for error in response.json()["errors"]] == [pointer]
    assert order_rows(db) == 0


# --8<-- [end:errors]


def test_an_unknown_sku_is_a_404_problem(
    client: TestClient, db: psycopg.Connection
) -> None:
    response = place(client, "no-such", 1)

    assert response.status_code == 404
    assert response.headers["content-type"] == PROBLEM_JSON
    assert order_rows(db) == 0


@pytest.mark.parametrize("headers", [{}, {"Idempotency-Key": "short"}])
def test_a_missing_or_bad_key_is_a_400_naming_the_header(
    client: TestClient, db: psycopg.Connection, headers: dict
) -> None:
    response = place(client, "mug", 1, headers)

    assert response.status_code == 400
    assert [error["header"] for error in response.json()["errors"]] == [
        "idempotency-key"
    ]
    assert (stock_of(db, "mug"), order_rows(db)) == (20, 0)


# --8<-- [start:retry]
def test_a_retry_returns_the_first_order_and_sells_once(
    client: TestClient, db: psycopg.Connection
) -> None:
    first, again = place(client, "mug", 2), place(client, "mug", 2)

    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert (stock_of(db, "mug"), order_rows(db)) == (18, 1)


def test_a_key_reused_for_another_order_is_a_422(
    client: TestClient, db: psycopg.Connection
) -> None:
    place(client, "mug", 2)
    reused = place(client, "tee", 1)  # same KEY, another order

    assert reused.status_code == 422
    assert reused.json()["type"] == PROBLEM_TYPES + "idempotency-key-reused"
    assert (stock_of(db, "tee"), order_rows(db)) == (50, 1)


# --8<-- [end:retry]
