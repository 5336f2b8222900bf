"""One contract, two real repositories: whatever one does, the other must do."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator

import pytest

from examples.machine_coding.clean_code.pricing import Quote
from examples.machine_coding.clean_code.repository import (
    MAX_ORDER_ID,
    InMemoryOrderRepository,
    OrderRepository,
    SqliteOrderRepository,
    connect,
)

Q = Quote(subtotal_cents=3000, discount_cents=300, shipping_cents=499)


@pytest.fixture(params=["in-memory", "sqlite"])
def repository(request: pytest.FixtureRequest) -> Iterator[OrderRepository]:
    if request.param == "in-memory":
        yield InMemoryOrderRepository()
        return
    connection = connect()
    yield SqliteOrderRepository(connection)
    connection.close()


def test_ids_count_up_from_one_and_orders_read_back(repository: OrderRepository) -> None:
    first = repository.add("ada", Q)
    second = repository.add("grace", Quote(100, 0, 499))
    assert (first.id, second.id) == (1, 2)
    assert repository.get(1) == first
    assert repository.get(2) == second
    assert repository.get(2).quote.total_cents == 599


@pytest.mark.parametrize("order_id", [0, -1, 2, MAX_ORDER_ID, MAX_ORDER_ID + 1, 10**30])
def test_a_missing_id_is_none(repository: OrderRepository, order_id: int) -> None:
    repository.add("ada", Q)
    assert repository.get(order_id) is None


def test_threads_adding_at_once_get_distinct_ids(repository: OrderRepository) -> None:
    ids: list[int] = []
    lock = threading.Lock()

    def add_many() -> None:
        for _ in range(50):
            order = repository.add("ada", Q)
            with lock:
                ids.append(order.id)

    threads = [threading.Thread(target=add_many) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(ids) == list(range(1, 201))
    assert all(repository.get(i) is not None for i in ids)


def test_sqlite_repeats_the_invariant_as_a_check() -> None:
    connection = connect()
    SqliteOrderRepository(connection)
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        connection.execute("INSERT INTO orders (customer, subtotal, discount, shipping) VALUES ('ada', 300, 500, 499)")
    connection.close()


def test_sqlite_orders_survive_a_new_repository_on_the_same_file(tmp_path: object) -> None:
    path = str(tmp_path) + "/orders.db"  # type: ignore[operator]
    first = connect(path)
    SqliteOrderRepository(first).add("ada", Q)
    first.close()
    second = connect(path)
    assert SqliteOrderRepository(second).get(1).quote == Q
    second.close()
