"""One set of repository tests, run against FakeOrders and PostgresOrders; the fake as a model.

The same behavior tests pass for both. The property test drives both with
the same generated operations and expects the same answers: the fake is the
simple model, PostgreSQL the real thing. Then the first draft's bug, and why
SQLite would not have shown it either.
"""

from __future__ import annotations

import sqlite3

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from examples.apis.testing.fake_orders import FakeOrders
from examples.apis.testing.integration_layer_demo import FirstDraftOrders, retry_test
from examples.apis.testing.orders_store import KeyReused, OutOfStock, PostgresOrders, UnknownProduct
from examples.apis.testing.pg_fixtures import SEED


def seeded_fake() -> FakeOrders:
    fake = FakeOrders()
    for sku, unit_cents, stock, discount in SEED:
        fake.add_product(sku, unit_cents, stock, discount)
    return fake


@pytest.fixture(params=["fake", "postgres"])
def repository(request: pytest.FixtureRequest) -> FakeOrders | PostgresOrders:
    if request.param == "fake":
        return seeded_fake()
    return request.getfixturevalue("orders")  # on the test's rolled-back transaction


def test_an_order_takes_stock_and_prices_the_discount(repository) -> None:
    order = repository.place("key-0001", "tee", 3)
    assert (order.sku, order.quantity, order.total_cents) == ("tee", 3, 4860)  # 5400 less 10%
    assert repository.product("tee").stock == 47
    assert repository.order(order.id) == order


def test_a_retry_returns_the_first_order(repository) -> None:
    first = repository.place("key-0001", "mug", 2)
    assert repository.place("key-0001", "mug", 2) == first
    assert repository.product("mug").stock == 18


def test_a_reused_key_is_refused_and_changes_nothing(repository) -> None:
    repository.place("key-0001", "mug", 2)
    for sku, quantity in [("mug", 3), ("tee", 2), ("gone", 1)]:  # also before "no such SKU"
        with pytest.raises(KeyReused):
            repository.place("key-0001", sku, quantity)
    assert (repository.product("mug").stock, repository.product("tee").stock) == (18, 50)


def test_out_of_stock_changes_nothing_and_frees_the_key(repository) -> None:
    with pytest.raises(OutOfStock):
        repository.place("key-0001", "mug", 21)
    assert repository.product("mug").stock == 20
    assert repository.place("key-0001", "mug", 20).quantity == 20  # the key was not kept
    assert repository.product("mug").stock == 0


def test_an_unknown_product_is_refused_and_frees_the_key(repository) -> None:
    with pytest.raises(UnknownProduct):
        repository.place("key-0001", "no-such", 1)
    assert repository.product("no-such") is None
    # By natural key, not "order 1 is None": ids come from a sequence, which no
    # rollback resets, so which id a test gets depends on the tests before it.
    assert repository.place("key-0001", "mug", 1).quantity == 1  # the key was not kept


@pytest.mark.parametrize("quantity", [0, -1, -20])
def test_a_bad_quantity_is_refused_before_anything_is_written(repository, quantity: int) -> None:
    with pytest.raises(ValueError, match="quantity must be a positive integer"):
        repository.place("key-0001", "mug", quantity)
    assert repository.product("mug").stock == 20  # a negative sale would have added stock
    assert repository.place("key-0001", "mug", 2).quantity == 2  # the key was not kept


def test_a_rolled_back_insert_still_uses_up_its_id(orders: PostgresOrders, db) -> None:
    # Why the tests above never assert on an id: sequences are not transactional.
    with db.transaction(force_rollback=True):
        gone = orders.place("key-0001", "mug", 1)
    kept = orders.place("key-0001", "mug", 1)
    assert kept.id > gone.id
    assert db.execute("SELECT count(*) FROM orders").fetchone() == (1,)


OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(["key-a", "key-b", "key-c", "key-d"]),
        st.sampled_from(["mug", "tee", "gone"]),
        st.integers(-3, 30),  # zero and negatives too: bad input must change nothing
    ),
    max_size=12,
)


def outcome(repository, key: str, sku: str, quantity: int) -> tuple:
    """What a caller can observe: the order (without its id) or the error's type."""
    try:
        order = repository.place(key, sku, quantity)
    except (KeyReused, OutOfStock, UnknownProduct, ValueError) as error:
        return (type(error).__name__,)
    return (order.idempotency_key, order.sku, order.quantity, order.total_cents)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations=OPERATIONS)
def test_postgres_answers_every_sequence_as_the_fake_does(orders: PostgresOrders, db, operations) -> None:
    fake = seeded_fake()
    with db.transaction(force_rollback=True):  # each example starts from the seed
        for key, sku, quantity in operations:
            assert outcome(orders, key, sku, quantity) == outcome(fake, key, sku, quantity)
        for sku in ("mug", "tee"):
            assert orders.product(sku).stock == fake.product(sku).stock


def test_the_first_draft_passes_on_the_fake_and_fails_on_postgres(db) -> None:
    retry_test(FakeOrders())
    with pytest.raises(psycopg.errors.InFailedSqlTransaction, match="current transaction is aborted"):
        retry_test(FirstDraftOrders(db))


def test_sqlite_lets_a_transaction_go_on_after_a_unique_violation() -> None:
    # Why a test suite on SQLite would not catch the first draft either.
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        conn.execute("CREATE TABLE orders (key TEXT UNIQUE)")
        conn.execute("BEGIN")
        conn.execute("INSERT INTO orders VALUES ('k')")
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("INSERT INTO orders VALUES ('k')")
        assert conn.execute("SELECT count(*) FROM orders").fetchone() == (1,)  # still usable
        conn.execute("COMMIT")
    finally:
        conn.close()
