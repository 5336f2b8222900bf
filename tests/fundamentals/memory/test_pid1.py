"""PID 1 of a new PID namespace drops a SIGTERM it has no handler for; a handler works."""

from __future__ import annotations

import os

import pytest

from examples.fundamentals.memory import pid1
from tests.support.ci import running_under_ci
from tests.support.servers import require_tools


def require_root() -> None:
    """Skip without root locally; under CI, which runs as root, fail instead."""
    require_tools("unshare")
    if os.geteuid() == 0:
        return
    if running_under_ci():
        pytest.fail("unshare --pid needs root; under CI that is a failure", pytrace=False)
    pytest.skip("unshare --pid needs root")


@pytest.fixture()
def as_root() -> None:
    require_root()


def test_an_ordinary_process_without_a_handler_dies_of_sigterm() -> None:
    inner, answer, code = pid1.sigterm_then_ask(as_pid1=False, handler=False)
    assert inner != "1" and answer == "" and code == -15


@pytest.mark.usefixtures("as_root")
def test_pid1_without_a_handler_ignores_sigterm_and_is_reaped_after_sigkill() -> None:
    inner, answer, code = pid1.sigterm_then_ask(as_pid1=True, handler=False)
    # wait() returned, so unshare has reaped PID 1 (and with it the namespace).
    assert (inner, answer) == ("1", "still running") and code is not None and code != 0


@pytest.mark.usefixtures("as_root")
def test_pid1_with_a_handler_drains_and_exits_zero() -> None:
    assert pid1.sigterm_then_ask(as_pid1=True, handler=True) == (
        "1",
        "SIGTERM handled, exiting 0",
        0,
    )


def test_pid1_without_root_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pid1.os, "geteuid", lambda: 1000)
    with pytest.raises(PermissionError, match="root"):
        pid1.sigterm_then_ask(as_pid1=True, handler=False)


def test_without_root_the_pid1_tests_skip_locally_and_fail_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    """They skipped under CI too, so a CI run without root passed without running them."""
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="needs root"):
        require_root()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="under CI that is a failure"):
        require_root()
