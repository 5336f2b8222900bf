"""The PostgreSQL fixtures of examples/apis/testing/pg_fixtures.py, with the suite's server check.

A missing server skips these tests locally and fails them under CI
(tests/support/servers.py), as every server test in the suite does.
"""

from __future__ import annotations

import pytest

from examples import server_settings
from examples.apis.testing.pg_fixtures import db, make_product, orders, worker_schema  # noqa: F401
from tests.support.servers import require_server


@pytest.fixture(scope="session")
def pg_dsn() -> str:
    require_server("postgres")
    return server_settings.postgres_dsn()
