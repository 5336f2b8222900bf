from __future__ import annotations

import faulthandler
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.observability.debugging import stuck_worker
from examples.observability.debugging.stack_dump import (
    Frame,
    ThreadStack,
    parse_dump,
    request_dump,
    stuck_threads,
    waiting_at,
)


def test_parses_a_real_dump_of_this_process(tmp_path: Path) -> None:
    with (tmp_path / "dump.txt").open("w+") as file:
        faulthandler.dump_traceback(file, all_threads=True)
        file.seek(0)
        stacks = parse_dump(file.read())
    functions = {frame.function for stack in stacks for frame in stack.frames}
    assert "test_parses_a_real_dump_of_this_process" in functions
    innermost = [s for s in stacks if s.frames[0].function == "test_parses_a_real_dump_of_this_process"]
    assert innermost and innermost[0].frames[0].file == __file__


def render(stacks: list[ThreadStack]) -> str:
    """The faulthandler format, written the way CPython 3.11 writes it."""
    parts = []
    for i, stack in enumerate(stacks):
        kind = "Current thread" if i == len(stacks) - 1 else "Thread"
        lines = [f"{kind} {stack.thread_id} (most recent call first):"]
        lines += [
            f'  File "{f.file}", line {f.line or "???"} in {f.function}' for f in stack.frames
        ]
        parts.append("\n".join(lines) + "\n")
    return "\n".join(parts)


frames = st.builds(
    Frame,
    file=st.from_regex(r"/[a-z_/]{1,20}\.py", fullmatch=True),
    line=st.integers(0, 5000),
    function=st.from_regex(r"[a-z_<>]{1,12}", fullmatch=True),
)
stacks = st.lists(
    st.builds(
        ThreadStack,
        thread_id=st.integers(1, 2**48).map(lambda n: f"0x{n:016x}"),
        frames=st.lists(frames, min_size=1, max_size=6).map(tuple),
    ),
    min_size=1,
    max_size=5,
)


@given(stacks)
def test_parse_reads_back_what_faulthandler_writes(expected: list[ThreadStack]) -> None:
    assert parse_dump(render(expected)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n",
        "hello\n",
        '  File "/a.py", line 1 in f\n',  # a frame before any thread header
        'Thread 0x01 (most recent call first):\n  File "/a.py", line 1 in f',  # cut short
        'Thread 0x01 (most recent call first):\n  File "/a.py", li\n',
    ],
)
def test_anything_but_a_complete_dump_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="faulthandler dump"):
        parse_dump(text)


def test_finds_both_threads_of_the_deadlock_and_their_lines(tmp_path: Path) -> None:
    stderr_file = tmp_path / "stderr.txt"
    with stuck_worker.running_worker(stderr_file) as worker:
        found = stuck_threads(worker, stderr_file)
        where = sorted(waiting_at(s, stuck_worker.__file__) for s in found)
    assert [w.split(" line ")[0] for w in where] == ["audit_report", "main", "transfer"]
    assert where[0].endswith("with self.balances_lock:")  # audit_report: audit, then balances
    assert where[2].endswith("with self.audit_lock:")  # transfer: balances, then audit


def test_the_worker_is_gone_afterwards(tmp_path: Path) -> None:
    with stuck_worker.running_worker(tmp_path / "stderr.txt") as worker:
        pass
    assert worker.returncode is not None


def test_a_process_that_exited_gives_no_dump(tmp_path: Path) -> None:
    stderr_file = tmp_path / "stderr.txt"
    stderr_file.write_text("")
    done = subprocess.Popen([sys.executable, "-c", "pass"], text=True)
    done.wait(timeout=10)
    with pytest.raises(RuntimeError, match="exited"):
        request_dump(done, stderr_file)


def test_one_dump_is_not_enough_to_call_a_thread_stuck(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="at least 2"):
        stuck_threads(None, tmp_path / "unused.txt", attempts=1)  # type: ignore[arg-type]


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
