"""Two tests that each pass alone. Whether they pass together depends on `db`.

Run by flaky_order_demo.py with the fixtures of pg_fixtures.py or of
leaky_fixtures.py; both define `db`, `make_product` and the seeded catalog.
"""

# requires-server: postgres

from __future__ import annotations

from collections.abc import Callable

import psycopg

from examples.apis.testing.orders_store import Product


# --8<-- [start:tests]
def test_catalog_is_the_seed(db: psycopg.Connection) -> None:
    (count,) = db.execute("SELECT count(*) FROM products").fetchone()
    assert count == 2  # the seed: mug and tee


def test_new_product(
    db: psycopg.Connection, make_product: Callable[..., Product]
) -> None:
    product = make_product(stock=3)
    row = db.execute("SELECT stock FROM products WHERE sku = %s", (product.sku,))
    assert row.fetchone() == (3,)


# --8<-- [end:tests]
