"""A sandboxed service (scratch schema, scratch Redis prefix) with a clock the test moves."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient

from examples.system_design.url_shortener.sandbox import Sandbox, sandbox


class MovableClock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock()


@pytest.fixture
def box(clock: MovableClock, postgres_dsn: str, redis_url: str) -> Iterator[Sandbox]:
    with sandbox(clock, dsn=postgres_dsn, redis_at=redis_url) as made:
        yield made


@pytest.fixture
def client(box: Sandbox) -> Iterator[TestClient]:
    with TestClient(box.app) as test_client:
        yield test_client
