"""atomic_write: fsyncs the file before the rename and the directory after; failures keep the old file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from examples.fundamentals.durability import atomic_write as module
from examples.fundamentals.durability.atomic_write import atomic_write


def test_replaces_content_and_leaves_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "state.bin"
    atomic_write(target, b"old")
    atomic_write(target, b"new" * 1000)
    assert target.read_bytes() == b"new" * 1000
    assert [p.name for p in tmp_path.iterdir()] == ["state.bin"]


def test_fsync_file_then_rename_then_fsync_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Records the real calls (they still run): the order is what makes it durable."""
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        events.append("fsync dir" if os.path.isdir(f"/proc/self/fd/{fd}") else "fsync file")
        real_fsync(fd)

    def replace(src: str, dst: Path) -> None:
        events.append("rename")
        real_replace(src, dst)

    monkeypatch.setattr(module.os, "fsync", fsync)
    monkeypatch.setattr(module.os, "replace", replace)
    atomic_write(tmp_path / "a", b"x")
    assert events == ["fsync file", "rename", "fsync dir"]


def test_failed_write_keeps_old_file_and_removes_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "state.bin"
    atomic_write(target, b"old")

    def failing_fsync(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(module.os, "fsync", failing_fsync)
    with pytest.raises(OSError):
        atomic_write(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["state.bin"]


def test_rejects_str(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="must be bytes"):
        atomic_write(tmp_path / "a", "text")  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


def test_keeps_the_replaced_files_permissions(tmp_path: Path) -> None:
    target = tmp_path / "config.json"
    target.write_bytes(b"old")
    target.chmod(0o644)  # a service running as another user reads it
    atomic_write(target, b"new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_a_new_file_is_private(tmp_path: Path) -> None:
    target = tmp_path / "secret"
    atomic_write(target, b"x")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
