"""One contract, two servers: every test in this folder runs against both, once each.

Both servers start once per module and stop after it; tests never assume an
empty store, so each makes its own users (unique emails) and pages from a
cursor placed just before them. Tests that expose a known FastAPI deviation
mark it with `fastapi_deviates`, a strict xfail: once the Python app is fixed,
the test passes there too and the mark has to go.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.apis.contract.servers import KEY, Api, build_fastify, fastapi_server, fastify_server


@pytest.fixture(scope="session")
def fastify_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fastify(tmp_path_factory.mktemp("fastify-build"))


@pytest.fixture(scope="module")
def fastapi_api() -> Iterator[Api]:
    with fastapi_server(KEY) as api:
        yield api


@pytest.fixture(scope="module")
def fastify_api(fastify_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    log = tmp_path_factory.mktemp("fastify-log") / "stderr.log"
    with fastify_server(fastify_build, KEY, log) as api:
        yield api


@pytest.fixture(scope="module", params=["fastapi", "fastify"])
def api(request: pytest.FixtureRequest) -> Api:
    return request.getfixturevalue(f"{request.param}_api")


@pytest.fixture
def fastapi_deviates(api: Api, request: pytest.FixtureRequest) -> Callable[[str], None]:
    """Call with the reason: on the FastAPI server, this test is expected to fail."""

    def mark(reason: str) -> None:
        if api.name == "fastapi":
            request.applymarker(pytest.mark.xfail(strict=True, reason=f"FastAPI app: {reason}"))

    return mark
