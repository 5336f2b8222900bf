from __future__ import annotations

import faulthandler
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.observability.debugging import stuck_worker
from examples.observability.debugging.stack_dump import (
    DUMP_SIGNAL,
    Frame,
    ThreadStack,
    handles_signal,
    parse_dump,
    request_dump,
    stuck_threads,
    waiting_at,
)
from tests.observability.debugging import dump_targets


def test_parses_a_real_dump_of_this_process(tmp_path: Path) -> None:
    with (tmp_path / "dump.txt").open("w+") as file:
        faulthandler.dump_traceback(file, all_threads=True)
        file.seek(0)
        stacks = parse_dump(file.read())
    functions = {frame.function for stack in stacks for frame in stack.frames}
    assert "test_parses_a_real_dump_of_this_process" in functions
    innermost = [s for s in stacks if s.frames[0].function == "test_parses_a_real_dump_of_this_process"]
    assert innermost and innermost[0].frames[0].file == __file__


def render(stacks: list[ThreadStack], more_threads: bool = False) -> str:
    """The faulthandler format, written the way CPython 3.11 writes it."""
    parts = []
    for i, stack in enumerate(stacks):
        kind = "Current thread" if i == len(stacks) - 1 else "Thread"
        lines = [f"{kind} {stack.thread_id} (most recent call first):"]
        lines += [f'  File "{f.file}", line {f.line or "???"} in {f.function}' for f in stack.frames]
        if not stack.frames:
            lines.append("  <no Python frame>")
        if stack.truncated:
            lines.append("  ...")
        parts.append("\n".join(lines) + "\n")
    if more_threads:
        parts.append("...\n")
    return "\n".join(parts)


frames = st.builds(
    Frame,
    file=st.from_regex(r"/[a-z_/]{1,20}\.py", fullmatch=True),
    line=st.integers(0, 5000),
    function=st.from_regex(r"[a-z_<>]{1,12}", fullmatch=True),
)
stacks = st.lists(
    st.lists(frames, max_size=6).flatmap(
        lambda fs: st.builds(
            ThreadStack,
            thread_id=st.integers(1, 2**48).map(lambda n: f"0x{n:016x}"),
            frames=st.just(tuple(fs)),
            truncated=st.booleans() if fs else st.just(False),
        )
    ),
    min_size=1,
    max_size=5,
)


@given(stacks, st.booleans())
def test_parse_reads_back_what_faulthandler_writes(expected: list[ThreadStack], more_threads: bool) -> None:
    assert parse_dump(render(expected, more_threads)) == expected


def test_the_garbage_collection_note_is_not_a_frame() -> None:
    text = 'Current thread 0x01 (most recent call first):\n  Garbage-collecting\n  File "/a.py", line 1 in f\n'
    assert parse_dump(text) == [ThreadStack("0x01", (Frame("/a.py", 1, "f"),))]


def test_a_dump_cut_between_two_threads_parses_as_whole() -> None:
    # The limit parse_dump states: only waiting for the file to settle helps.
    cut = dump_targets.TWO_THREAD_DUMP[: dump_targets.TWO_THREAD_DUMP.index("\nCurrent") + 1]
    assert [s.thread_id for s in parse_dump(cut)] == ["0x0000000000000001"]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n",
        "hello\n",
        '  File "/a.py", line 1 in f\n',  # a frame before any thread header
        'Thread 0x01 (most recent call first):\n  File "/a.py", line 1 in f',  # cut short
        'Thread 0x01 (most recent call first):\n  File "/a.py", li\n',
        "  ...\n",  # a truncation mark outside any thread
        'Thread 0x01 (most recent call first):\nWARNING a log line\n',  # mixed with logging
    ],
)
def test_anything_but_a_complete_dump_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="faulthandler dump"):
        parse_dump(text)


def test_finds_both_threads_of_the_deadlock_and_their_lines(tmp_path: Path) -> None:
    dump_file = tmp_path / "stacks.txt"
    with stuck_worker.running_worker(dump_file) as worker:
        found = stuck_threads(worker, dump_file)
        where = sorted(waiting_at(s, stuck_worker.__file__) for s in found)
    # main() is waiting too, in join(): no progress, and rightly so.
    assert [w.split(" line ")[0] for w in where] == ["audit_report", "main", "transfer"]
    assert where[0].endswith("with self.balances_lock:")  # audit_report: audit, then balances
    assert where[1].endswith("thread.join()")
    assert where[2].endswith("with self.audit_lock:")  # transfer: balances, then audit


def run_target(tmp_path: Path, mode: str) -> AbstractContextManager[subprocess.Popen[str]]:
    return stuck_worker.running_worker(tmp_path / "stacks.txt", dump_targets.PROGRAM, mode)


def stuck_functions(found: list[ThreadStack]) -> set[str]:
    return {waiting_at(s, stuck_worker.__file__).split(" line ")[0] for s in found if _in_worker(s)}


def _in_worker(stack: ThreadStack) -> bool:
    return any(Path(f.file).resolve() == Path(stuck_worker.__file__).resolve() for f in stack.frames)


def test_a_busy_thread_does_not_hide_the_deadlocked_ones(tmp_path: Path) -> None:
    with run_target(tmp_path, "busy") as worker:
        found = stuck_threads(worker, tmp_path / "stacks.txt")
        all_threads = request_dump(worker, tmp_path / "stacks.txt")
    assert stuck_functions(found) == {"transfer", "audit_report"}
    busy = [s for s in all_threads if any(f.function == "_busy" for f in s.frames)]
    assert busy, "the busy thread is in the dump"
    assert busy[0].thread_id not in {s.thread_id for s in found}


def test_a_stack_deeper_than_100_frames_is_read_and_compared(tmp_path: Path) -> None:
    with run_target(tmp_path, "deep") as worker:
        found = stuck_threads(worker, tmp_path / "stacks.txt")
    deep = [s for s in found if s.truncated]
    assert len(deep) == 1 and len(deep[0].frames) == 100
    assert waiting_at(deep[0], stuck_worker.__file__).startswith("transfer line")
    assert stuck_functions(found) == {"transfer", "audit_report"}


def test_logging_on_stderr_does_not_reach_the_dump_file(tmp_path: Path) -> None:
    with run_target(tmp_path, "logging") as worker:
        found = stuck_threads(worker, tmp_path / "stacks.txt")
    assert {"transfer", "audit_report"} <= stuck_functions(found)
    assert "heartbeat" not in (tmp_path / "stacks.txt").read_text()


def test_a_process_without_the_handler_is_not_signaled(tmp_path: Path) -> None:
    # SIGUSR2's default action ends the process: sending it would kill the
    # very worker you came to inspect.
    with run_target(tmp_path, "unregistered") as worker:
        assert not handles_signal(worker.pid, DUMP_SIGNAL)
        with pytest.raises(RuntimeError, match="does not handle SIGUSR2"):
            request_dump(worker, tmp_path / "stacks.txt")
        assert worker.poll() is None  # still running


def test_the_reader_waits_until_the_dump_stops_growing(tmp_path: Path) -> None:
    # This target writes its dump in two parts, 50 ms apart; a reader that
    # parsed as soon as the text looked whole would return one thread.
    with run_target(tmp_path, "slow-writer") as worker:
        stacks = request_dump(worker, tmp_path / "stacks.txt", settle=1.0)
    assert [s.thread_id for s in stacks] == ["0x0000000000000001", "0x0000000000000002"]


def test_handles_signal_reads_this_process(tmp_path: Path) -> None:
    with (tmp_path / "dump.txt").open("w") as file:
        faulthandler.register(DUMP_SIGNAL, file=file, all_threads=True)
        try:
            assert handles_signal(os.getpid(), DUMP_SIGNAL)
        finally:
            faulthandler.unregister(DUMP_SIGNAL)
    assert not handles_signal(os.getpid(), DUMP_SIGNAL)


def test_the_worker_is_gone_afterwards(tmp_path: Path) -> None:
    with stuck_worker.running_worker(tmp_path / "stacks.txt") as worker:
        pass
    assert worker.returncode is not None


def test_a_process_that_exited_gives_no_dump(tmp_path: Path) -> None:
    dump_file = tmp_path / "stacks.txt"
    dump_file.write_text("")
    done = subprocess.Popen([sys.executable, "-c", "pass"], text=True)
    done.wait(timeout=10)
    with pytest.raises(RuntimeError, match="exited"):
        request_dump(done, dump_file)


def test_one_dump_is_not_enough_to_call_a_thread_stuck(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="at least 2"):
        stuck_threads(None, tmp_path / "unused.txt", dumps=1)  # type: ignore[arg-type]


def test_waiting_at_names_a_thread_outside_the_file() -> None:
    stack = ThreadStack("0x1", (Frame("/elsewhere.py", 3, "f"),))
    with pytest.raises(LookupError, match="not running"):
        waiting_at(stack, stuck_worker.__file__)


def test_one_lock_order_everywhere_does_not_deadlock() -> None:
    ledger = stuck_worker.OrderedLedger()
    finished: list[str] = []

    def repeat(method: Callable[[], None]) -> None:
        for _ in range(20_000):  # many chances for the threads to interleave
            method()
        finished.append(method.__name__)

    threads = [
        threading.Thread(target=repeat, args=(ledger.transfer,), daemon=True),
        threading.Thread(target=repeat, args=(ledger.audit_report,), daemon=True),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(finished) == ["audit_report", "transfer"]
