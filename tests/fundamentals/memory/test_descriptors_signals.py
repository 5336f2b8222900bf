"""A child runs out of descriptors at its own limit; SIGTERM drains, SIGKILL cannot be caught."""

from __future__ import annotations

import resource
import signal
import subprocess

import pytest

from examples.fundamentals.memory import descriptors, signals, socket_leak


def test_a_child_hits_emfile_at_its_own_limit_and_the_parent_keeps_its_own() -> None:
    before = resource.getrlimit(resource.RLIMIT_NOFILE)
    assert descriptors.run_child() == ["EMFILE Too many open files", "opened + already open == 64: True"]
    assert resource.getrlimit(resource.RLIMIT_NOFILE) == before


def test_descriptor_kinds_are_read_from_proc() -> None:
    assert descriptors.kinds_of_descriptors() == ["file /dev/null", "socket", "pipe"]


def test_sigterm_lets_the_worker_finish_and_exit_zero() -> None:
    code, lines = signals.run_worker(signal.SIGTERM)
    assert code == 0 and lines[-1] == "SIGTERM: finished the job in hand, exiting 0"


def test_sigkill_ends_the_worker_without_running_its_handler() -> None:
    code, lines = signals.run_worker(signal.SIGKILL)
    assert code == -signal.SIGKILL and lines[-1] == "ready"
    assert lines[0] == "cannot handle SIGKILL: Invalid argument"


def test_a_leaky_server_fails_in_accept_and_the_fixed_one_serves_all() -> None:
    # 64 - stdin/stdout/stderr - the listener - the client in flight = 59 kept sockets
    assert socket_leak.run_server("leaky") == (1, "served 59, then accept failed: EMFILE")
    assert socket_leak.run_server("fixed") == (0, "served 100 connections")


def test_a_worker_that_ignores_sigterm_times_out_instead_of_hanging_the_caller() -> None:
    ignoring = signals.WORKER.replace(
        "signal.signal(signal.SIGTERM, on_term)",
        "signal.signal(signal.SIGTERM, signal.SIG_IGN)",
    )
    assert ignoring != signals.WORKER
    with pytest.raises(subprocess.TimeoutExpired):
        signals.run_worker(signal.SIGTERM, worker=ignoring, timeout=1)


def test_descriptor_kinds_close_the_pipe_even_when_readlink_fails(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import os

    before = len(os.listdir("/proc/self/fd"))

    def failing_readlink(path: str) -> str:
        raise OSError("injected")

    monkeypatch.setattr(descriptors.os, "readlink", failing_readlink)
    with pytest.raises(OSError, match="injected"):
        descriptors.kinds_of_descriptors()
    monkeypatch.undo()
    assert len(os.listdir("/proc/self/fd")) == before
