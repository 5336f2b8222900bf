"""Suite-wide fixtures: the built site, the real servers, and how tests share them across workers."""

from __future__ import annotations

import functools
import itertools
import os
import re
import traceback
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

from examples import server_settings
from tests.support.example_files import REPO_ROOT
from tests.support.provisioned import stop_all
from tests.support.servers import REQUIRES_SERVER, require_server
from tests.support.site_build import serve_directory, shared_site, site_path_prefix

SERVER_FIXTURES = {
    "postgres_dsn", "mariadb_settings", "redis_url", "amqp_url", "nats_url", "postgres_pair", "etcd_endpoints",
}


def _code_position_or_none(code: types.CodeType, instruction_index: int) -> tuple[int | None, ...]:
    """traceback._get_code_position without its crash on CPython 3.11.7.

    For some frames (tb_lasti past the end of co_positions()) the original
    raises StopIteration inside a generator, so formatting a failed test's
    traceback raised RuntimeError, crashed both pytest-xdist workers and lost
    the failure. Here such a frame reports no position, as a negative index does.
    """
    if instruction_index < 0:
        return (None, None, None, None)
    return next(itertools.islice(code.co_positions(), instruction_index // 2, None), (None, None, None, None))


traceback._get_code_position = _code_position_or_none


def server_family(item: pytest.Item) -> str | None:
    """For a test that reaches a real server, the example folder it exercises; else None.

    The docs harness names the example it runs, a benchmark names itself, and
    every other test mirrors its example folder (tests/data/queues/ tests
    examples/data/queues/).
    """
    params = getattr(getattr(item, "callspec", None), "params", {})
    for value in params.values():
        example = getattr(value, "path", None)  # an example the docs harness runs
        if example is not None and REQUIRES_SERVER.search(getattr(value, "source", "")):
            return Path(example).resolve().parent.relative_to(REPO_ROOT).as_posix()
        if isinstance(value, Path) and value.suffix == ".py" and REQUIRES_SERVER.search(value.read_text("utf-8")):
            return value.resolve().relative_to(REPO_ROOT).as_posix()  # a benchmark file
    if SERVER_FIXTURES & set(getattr(item, "fixturenames", ())):
        tests_folder = Path(item.path).resolve().parent.relative_to(REPO_ROOT / "tests")
        return ("examples" / tests_folder).as_posix()
    return None


# Code that makes network namespaces (examples/fundamentals/tcp_udp/netns.py and
# the examples built on it). The tcp_udp tests check that no hb- namespace is
# left after each test, which would also see a namespace another worker's test
# holds at that moment; so all of them run on one worker, in turn.
MAKES_NAMESPACES = re.compile(
    r"tcp_udp(\.| import )(netns|half_open|handshake|retransmission|capture)\b"
    r"|dns(\.| import )(system_stub|glibc_demo)\b"
    r'|\bNamespace\("'  # netns.py's own demo
)
NAMESPACE_FIXTURES = {"namespaces", "tcpdump"}


@functools.cache
def _file_makes_namespaces(path: Path) -> bool:
    return bool(MAKES_NAMESPACES.search(path.read_text("utf-8")))


def makes_namespaces(item: pytest.Item) -> bool:
    """Whether this test, or the example or benchmark it runs, creates network namespaces."""
    if NAMESPACE_FIXTURES & set(getattr(item, "fixturenames", ())):
        return True
    params = getattr(getattr(item, "callspec", None), "params", {})
    for value in params.values():
        source = getattr(value, "source", None)  # an example the docs harness runs
        if isinstance(source, str) and MAKES_NAMESPACES.search(source):
            return True
        if isinstance(value, Path) and value.suffix == ".py" and _file_makes_namespaces(value.resolve()):
            return True  # a benchmark file
    return _file_makes_namespaces(Path(item.path).resolve())


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # Examples name their schemas, databases, key prefixes and queues with random
    # suffixes, so tests of different examples can share a server. Tests of the
    # same example folder also watch shared server state (lock waits, deadlock
    # victims, counters), so under pytest-xdist (--dist loadgroup) each folder's
    # tests run on one worker, in turn, while other workers take the rest.
    for item in items:
        family = server_family(item)
        if family is None and makes_namespaces(item):
            family = "network-namespaces"
        if family is not None:
            item.add_marker(pytest.mark.xdist_group(family))


def pytest_sessionfinish(session: pytest.Session) -> None:
    stop_all()  # the replica and etcd clusters this process started


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


@pytest.fixture
def nats_url() -> str:
    require_server("nats")
    return server_settings.nats_url()


@pytest.fixture
def postgres_pair() -> tuple[str, str]:
    """(primary DSN, replica DSN) of the pair this process started."""
    require_server("postgres-pair")
    return server_settings.pg_primary_dsn(), server_settings.pg_replica_dsn()


@pytest.fixture
def etcd_endpoints() -> list[str]:
    require_server("etcd")
    return server_settings.etcd_endpoints()
