"""A listener that never accepts holds backlog + 1 connections; later SYNs go unanswered."""

from __future__ import annotations

import pytest

from examples.fundamentals.tcp_udp import accept_queue
from tests.support.servers import require_tools


@pytest.mark.parametrize("backlog", [1, 2])
def test_linux_queues_one_more_than_the_backlog(monkeypatch: pytest.MonkeyPatch, backlog: int) -> None:
    require_tools("ss")
    monkeypatch.setattr(accept_queue, "BACKLOG", backlog)
    results, (waiting, limit), counted = accept_queue.fill_the_queue()
    assert results[: backlog + 1] == ["connected"] * (backlog + 1)
    assert all(result.startswith("timed out") for result in results[backlog + 1 :])
    assert (waiting, limit) == (backlog + 1, backlog)
    assert counted


def test_the_settings_read_are_numbers() -> None:
    for name in accept_queue.SETTINGS:
        assert accept_queue.sysctl(name).isdigit()
