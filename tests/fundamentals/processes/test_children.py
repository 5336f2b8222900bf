"""Waiting for a child's result: crashes are reported at once, nothing is leaked."""

from __future__ import annotations

import multiprocessing
import os
import time

import pytest

from examples.fundamentals.processes.children import result_from, started

CONTEXT = multiprocessing.get_context("fork")


def test_the_result_a_child_sends_comes_back() -> None:
    receive, send = CONTEXT.Pipe(duplex=False)
    child = CONTEXT.Process(target=lambda: send.send(("ok", os.getpid())))
    with receive, send, started([child]):
        word, pid = result_from(receive, [child], 10)
    assert word == "ok" and pid == child.pid
    assert child.exitcode == 0


def test_a_crashed_child_is_reported_with_its_exit_code_without_waiting_out_the_timeout() -> None:
    receive, send = CONTEXT.Pipe(duplex=False)
    child = CONTEXT.Process(target=os._exit, args=(3,))
    start = time.monotonic()
    with receive, send, started([child]), pytest.raises(ChildProcessError, match="exited with code 3"):
        result_from(receive, [child], 60)
    assert time.monotonic() - start < 30  # reported long before the 60 s timeout


def test_a_child_that_exits_cleanly_without_sending_does_not_stop_the_wait() -> None:
    receive, send = CONTEXT.Pipe(duplex=False)
    quiet = CONTEXT.Process(target=lambda: None)
    talker = CONTEXT.Process(target=lambda: (time.sleep(0.2), send.send("late")))
    with receive, send, started([quiet, talker]):
        assert result_from(receive, [quiet, talker], 10) == "late"


def test_children_that_all_exit_cleanly_without_sending_are_reported_at_once() -> None:
    """It waited out the whole timeout, though nobody was left to send."""
    receive, send = CONTEXT.Pipe(duplex=False)
    quiet = [CONTEXT.Process(target=lambda: None) for _ in range(2)]
    start = time.monotonic()
    with receive, send, started(quiet), pytest.raises(ChildProcessError, match="without sending a result"):
        result_from(receive, quiet, 20)
    assert time.monotonic() - start < 10


def test_a_result_sent_just_before_the_last_exit_is_still_read() -> None:
    receive, send = CONTEXT.Pipe(duplex=False)
    child = CONTEXT.Process(target=lambda: send.send("last words"))
    with receive, send, started([child]):
        child.join(10)  # exited, its result waiting in the pipe
        assert result_from(receive, [child], 10) == "last words"


def test_no_result_in_time_raises_timeout_error_and_the_child_is_stopped() -> None:
    receive, send = CONTEXT.Pipe(duplex=False)
    sleeper = CONTEXT.Process(target=time.sleep, args=(600,))
    with receive, send, pytest.raises(TimeoutError, match=r"within 0\.2 s"), started([sleeper], stop=[sleeper]):
        result_from(receive, [sleeper], 0.2)
    assert not sleeper.is_alive()


def test_leaving_the_block_kills_a_child_that_ignores_the_join_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("examples.fundamentals.processes.children.JOIN_TIMEOUT_S", 0.1)
    stuck = CONTEXT.Process(target=time.sleep, args=(600,))
    with started([stuck]):
        pass
    assert not stuck.is_alive()
    assert stuck.exitcode == -9  # SIGKILL, after join gave up


def test_a_process_that_never_started_is_skipped_on_cleanup() -> None:
    first = CONTEXT.Process(target=lambda: None)
    never = CONTEXT.Process(target=lambda: None)
    never.start = lambda: (_ for _ in ()).throw(OSError("no more processes"))  # type: ignore[method-assign]
    with pytest.raises(OSError, match="no more processes"), started([first, never], stop=[never]):
        pass
    assert first.exitcode == 0
