"""Fixtures for the TCP and UDP tests: namespaces (root, iproute2) and tcpdump."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator

import pytest

from examples.fundamentals.tcp_udp.netns import require_namespaces
from tests.support.servers import require_tools


def our_namespaces() -> set[str]:
    listing = subprocess.run(["ip", "netns", "list"], capture_output=True, text=True, timeout=10, check=False)
    return {line.split()[0] for line in listing.stdout.splitlines() if line.startswith("hb-")}


@pytest.fixture
def namespaces() -> Iterator[None]:
    """Skip locally (fail under CI) without root and `ip`; then check none is left behind."""
    require_tools("ip")
    require_namespaces()  # raises unittest.SkipTest, which pytest reports as a skip
    before = our_namespaces()
    yield
    # `ip netns delete` has returned for every namespace the test closed; give
    # the listing a moment (it lagged once in a clean-clone run) before failing.
    deadline = time.monotonic() + 5
    while (left := our_namespaces() - before) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not left, f"namespaces left behind: {sorted(left)}"


@pytest.fixture
def tcpdump(namespaces: None) -> None:
    require_tools("tcpdump")
