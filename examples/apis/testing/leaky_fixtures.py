"""The fixtures of pg_fixtures.py with one change: `db` commits, as many suites' first draft does.

Load with `-p examples.apis.testing.leaky_fixtures` to see what shared state
does to test order (flaky_order_demo.py).
"""

# requires-server: postgres

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest

from examples.apis.testing import pg_fixtures
from examples.scratch_postgres import connect

# The same fixtures as pg_fixtures.py (pytest finds fixtures by name in a plugin)...
pg_dsn = pg_fixtures.pg_dsn
worker_schema = pg_fixtures.worker_schema
orders = pg_fixtures.orders
make_product = pg_fixtures.make_product


# --8<-- [start:leaky]
# ...except this one.
@pytest.fixture
def db(worker_schema: str, pg_dsn: str) -> Iterator[psycopg.Connection]:
    """A plain autocommit connection: whatever a test writes stays for the next."""
    with connect(worker_schema, pg_dsn) as conn:
        yield conn


# --8<-- [end:leaky]
