"""Both servers on loopback, started once per test module (each module its own pair)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx2
import pytest

from examples.security.oauth.demo_setup import Setup, running
from examples.security.oauth.login_client import HTTP_TIMEOUT_SECONDS


@pytest.fixture(scope="module")
def setup() -> Iterator[Setup]:
    with running() as started:
        yield started


@pytest.fixture(scope="module")
def http() -> Iterator[httpx2.Client]:
    with httpx2.Client(timeout=HTTP_TIMEOUT_SECONDS, follow_redirects=False) as client:
        yield client
