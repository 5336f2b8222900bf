"""Real chat servers for the tests of this folder: uvicorn on free loopback ports."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import httpx2
import pytest

from examples.system_design.chat.running import RunningServer, chat_server, new_secret


def token(server: RunningServer, user: str) -> str:
    return server.service.tokens.issue(user)


def auth(server: RunningServer, user: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token(server, user)}"}


def create_conversation(server: RunningServer, conversation: str, members: list[str]) -> None:
    response = httpx2.post(
        f"{server.http_url}/conversations",
        json={"id": conversation, "members": members},
        headers=auth(server, members[0]),
        timeout=5,
    )
    assert response.status_code == 201, response.text


@pytest.fixture
def make_server(tmp_path: Path) -> Callable[..., AbstractContextManager[RunningServer]]:
    """chat_server() on this test's own database file, with settings overridable."""
    secret = new_secret()

    def make(name: str = "chat-test", **overrides: Any) -> AbstractContextManager[RunningServer]:
        return chat_server(name, tmp_path / "chat.db", secret, **overrides)

    return make


@pytest.fixture
def server(make_server: Callable[..., AbstractContextManager[RunningServer]]) -> Iterator[RunningServer]:
    with make_server() as running:
        yield running
