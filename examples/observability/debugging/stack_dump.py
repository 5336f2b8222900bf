"""Read the thread stacks of another Python process, and find the threads that are stuck.

The target registers `faulthandler` at startup for DUMP_SIGNAL, writing to a
dump file of its own (see stuck_worker.py). Each time it gets the signal it
appends every thread's stack to that file. A thread whose stack is the same
in several dumps taken apart made no progress in between.
"""

from __future__ import annotations

import linecache
import re
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

# SIGUSR1 and SIGUSR2 kill a process that handles neither, so request_dump
# checks first. gunicorn workers use SIGUSR1 to reopen their logs.
DUMP_SIGNAL = signal.SIGUSR2

_THREAD = re.compile(
    r"(Current thread|Thread) (0x[0-9a-f]+) \(most recent call first\):"
)
_FRAME = re.compile(r'  File "(.*)", line (\d+|\?\?\?) in (\S+)')
# The other lines CPython 3.11's faulthandler writes (Python/traceback.c):
_MORE_FRAMES = "  ..."  # past 100 frames: the outer frames are left out
_MORE_THREADS = "..."  # past 100 threads: the rest are left out
_NOTES = ("  <no Python frame>", "  Garbage-collecting")


@dataclass(frozen=True)
class Frame:
    file: str
    line: int  # 0 when faulthandler could not tell
    function: str


@dataclass(frozen=True)
class ThreadStack:
    thread_id: str
    frames: tuple[Frame, ...]  # innermost first, as faulthandler writes them
    truncated: bool = False  # deeper than the 100 frames a dump shows


# --8<-- [start:parse]
def parse_dump(text: str) -> list[ThreadStack]:
    """The threads in one faulthandler dump, in the order it wrote them.

    Raises ValueError on text that is not in the dump's format. A dump cut
    off between two threads looks whole, so request_dump waits for the
    file to stop growing before it parses.
    """
    stacks: list[ThreadStack] = []
    thread_id: str | None = None
    frames: list[Frame] = []
    truncated = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or (thread_id is not None and line in _NOTES):
            continue
        if header := _THREAD.fullmatch(line):
            if thread_id is not None:
                stacks.append(ThreadStack(thread_id, tuple(frames), truncated))
            thread_id, frames, truncated = header[2], [], False
        elif (frame := _FRAME.fullmatch(line)) and thread_id is not None:
            lineno = 0 if frame[2] == "???" else int(frame[2])
            frames.append(Frame(frame[1], lineno, frame[3]))
        elif line == _MORE_FRAMES and frames:
            truncated = True
        elif line == _MORE_THREADS and thread_id is not None:
            continue
        else:
            raise ValueError(f"line {number} is not part of a faulthandler dump")
    if thread_id is None or not text.endswith("\n"):
        raise ValueError("not a complete faulthandler dump")
    stacks.append(ThreadStack(thread_id, tuple(frames), truncated))
    return stacks


# --8<-- [end:parse]


def handles_signal(pid: int, signum: int) -> bool:
    """True if process `pid` has a handler for `signum` (Linux: /proc/<pid>/status)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("SigCgt:"):
            return bool(int(line.split()[1], 16) >> (signum - 1) & 1)
    raise RuntimeError(f"no SigCgt line for process {pid}")


def request_dump(
    process: subprocess.Popen[str],
    dump_file: Path,
    *,
    timeout: float = 5.0,
    settle: float = 0.05,
) -> list[ThreadStack]:
    """Signal `process` and parse the dump it appends to `dump_file`.

    The dump counts as written once the file has not grown for `settle`
    seconds; a signal handler writes it in well under a millisecond.
    """
    if process.poll() is not None:
        raise RuntimeError("the process has exited")
    if not handles_signal(process.pid, DUMP_SIGNAL):
        name = signal.Signals(DUMP_SIGNAL).name
        raise RuntimeError(
            f"process {process.pid} does not handle {name}: it would die"
        )
    start = dump_file.stat().st_size
    process.send_signal(DUMP_SIGNAL)
    deadline = time.monotonic() + timeout
    size, grew_at = start, time.monotonic()
    while True:
        now = time.monotonic()
        if (current := dump_file.stat().st_size) != size:
            size, grew_at = current, now
        elif size > start and now - grew_at >= settle:
            with dump_file.open("rb") as file:
                file.seek(start)
                return parse_dump(file.read(size - start).decode("utf-8", "replace"))
        if process.poll() is not None:
            raise RuntimeError("the process exited; it wrote no dump")
        if now > deadline:
            raise TimeoutError("no dump arrived")
        time.sleep(0.01)


# --8<-- [start:stuck]
def stuck_threads(
    process: subprocess.Popen[str],
    dump_file: Path,
    dumps: int = 3,
    interval: float = 0.1,
) -> list[ThreadStack]:
    """The threads whose stack did not change across `dumps` dumps, `interval` s apart.

    One dump shows where each thread is at one instant, which is as true of
    a busy, healthy thread as of a stuck one. Compare thread by thread: a
    busy thread changes between dumps while two deadlocked ones do not.
    """
    if dumps < 2:
        raise ValueError("dumps must be at least 2: one dump proves nothing")
    series = [request_dump(process, dump_file)]
    for _ in range(dumps - 1):
        time.sleep(interval)
        series.append(request_dump(process, dump_file))
    later = [{stack.thread_id: stack for stack in dump} for dump in series[1:]]
    return [s for s in series[0] if all(d.get(s.thread_id) == s for d in later)]


def waiting_at(stack: ThreadStack, source_file: str) -> str:
    """`function line N: source` for the innermost frame that is in `source_file`."""
    for frame in stack.frames:
        if Path(frame.file).resolve() == Path(source_file).resolve():
            code = linecache.getline(frame.file, frame.line).split("#")[0].strip()
            return f"{frame.function} line {frame.line}: {code}"
    raise LookupError(f"thread {stack.thread_id} is not running {source_file}")


# --8<-- [end:stuck]
