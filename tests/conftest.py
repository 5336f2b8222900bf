"""Suite-wide fixtures: the built site, the real servers, and how tests share them across workers."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from examples import server_settings
from tests.support.servers import REQUIRES_SERVER, require_server
from tests.support.site_build import serve_directory, shared_site, site_path_prefix

SERVER_FIXTURES = {"postgres_dsn", "mariadb_settings", "redis_url", "amqp_url"}


def uses_a_server(item: pytest.Item) -> bool:
    """Whether a test talks to one of the real servers, through a fixture or an example it runs."""
    if SERVER_FIXTURES & set(getattr(item, "fixturenames", ())):
        return True
    for value in getattr(getattr(item, "callspec", None), "params", {}).values():
        text = getattr(value, "source", None)  # an example the docs harness runs
        if isinstance(value, Path) and value.suffix == ".py":  # a benchmark file
            text = value.read_text(encoding="utf-8")
        if isinstance(text, str) and REQUIRES_SERVER.search(text):
            return True
    return False


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # Examples work in fixed schemas, key prefixes and queues, so two tests that
    # reach the same server must not run at once: under pytest-xdist
    # (--dist loadgroup) every such test goes to one worker, in turn, while the
    # other workers take the rest.
    for item in items:
        if uses_a_server(item):
            item.add_marker(pytest.mark.xdist_group("servers"))


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.getbasetemp()
    # Every xdist worker's base folder sits in the run's own folder; build there once.
    run_temp = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    return shared_site(run_temp)


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    with serve_directory(built_site, site_path_prefix()) as url:
        yield url


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
