"""Child processes: bounded startup, always stopped, nothing left running."""

from __future__ import annotations

import signal

import pytest

from examples.system_design.microservices import launcher
from examples.system_design.microservices.http_kit import call
from examples.system_design.microservices.launcher import start, start_users
from tests.system_design.microservices.conftest import our_children


def test_a_child_listens_then_exits_by_itself_when_its_stdin_closes(tmp_path) -> None:
    with start_users(tmp_path / "users.jsonl") as users:
        assert call(users.url, "/health", timeout=5).json() == {"status": "ok"}
        assert not users.exited
    assert users.process.returncode == 0  # it left on its own: no kill was needed
    assert users.process.pid not in {p.pid for p in our_children()}


def test_a_child_is_stopped_when_the_block_raises(tmp_path) -> None:
    with pytest.raises(RuntimeError, match="boom"), start_users(tmp_path / "users.jsonl") as users:
        raise RuntimeError("boom")
    assert users.exited


def test_kill_crashes_and_reaps_the_child(tmp_path) -> None:
    with start_users(tmp_path / "users.jsonl") as users:
        users.kill()
        assert users.process.returncode == -signal.SIGKILL
        with pytest.raises(OSError):
            call(users.url, "/health", timeout=1)


def test_a_child_that_fails_to_start_is_reported_and_reaped() -> None:
    with pytest.raises(RuntimeError, match="ModuleNotFoundError"), start("no_such_module", [], name="broken"):
        pass  # never reached
    assert not [p for p in our_children() if "no_such_module" in " ".join(p.cmdline())]


def test_a_child_that_never_becomes_ready_is_killed_after_the_wait(tmp_path, monkeypatch) -> None:
    started = []
    real_popen = launcher.subprocess.Popen

    def spy(*args, **kwargs):
        started.append(real_popen(*args, **kwargs))
        return started[-1]

    monkeypatch.setattr(launcher.subprocess, "Popen", spy)
    monkeypatch.setattr(launcher, "_wait_for_ready", lambda child, timeout: None)
    args = ["users", "--log", str(tmp_path / "u.jsonl")]
    with (
        pytest.raises(RuntimeError, match=r"did not start in 0\.1 s"),
        launcher.start("services", args, name="users", ready_timeout=0.1),
    ):
        pass
    assert started[0].returncode is not None


def test_a_bad_argument_fails_fast() -> None:
    with (
        pytest.raises(RuntimeError, match="orders needs --users-url"),
        start("services", ["orders", "--log", "/dev/null"], name="orders"),
    ):
        pass
