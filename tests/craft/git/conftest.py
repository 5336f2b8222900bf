"""Fixtures for the Git tests: git on PATH, and no sandbox left behind."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.servers import require_tools


@pytest.fixture(autouse=True)
def git_and_cleanup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Skip locally (fail under CI) without git; then check every sandbox was deleted.

    Sandboxes go under this test's own tmp_path, so tests on other workers
    cannot make this one fail.
    """
    require_tools("git")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    yield
    left = sorted(path.name for path in tmp_path.glob("hb-git-*"))
    assert not left, f"sandboxes left behind: {left}"
