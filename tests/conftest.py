"""Suite-wide ordering, and fixtures for the real servers."""

from __future__ import annotations

import pytest

from examples import server_settings
from tests.support.servers import require_server


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # Playwright's sync API keeps an event loop running on the main thread while a
    # browser is open, which would break asyncio.run() in any test after it.
    # Browser tests therefore run last.
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture
def postgres_dsn() -> str:
    require_server("postgres")
    return server_settings.postgres_dsn()


@pytest.fixture
def mariadb_settings() -> server_settings.MariaDBSettings:
    require_server("mariadb")
    return server_settings.mariadb_settings()


@pytest.fixture
def redis_url() -> str:
    require_server("redis")
    return server_settings.redis_url()


@pytest.fixture
def amqp_url() -> str:
    require_server("rabbitmq")
    return server_settings.amqp_url()
