"""Read the thread stacks of another Python process, and find the threads that are stuck.

The target process calls `faulthandler.register(signal.SIGUSR1, all_threads=True)`
at startup; sending it SIGUSR1 makes it write every thread's stack to its
stderr. A thread at the same line in consecutive dumps is not making progress.
"""

from __future__ import annotations

import linecache
import re
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

_THREAD = re.compile(
    r"(Current thread|Thread) (0x[0-9a-f]+) \(most recent call first\):"
)
_FRAME = re.compile(r'  File "(.*)", line (\d+|\?\?\?) in (\S+)')


@dataclass(frozen=True)
class Frame:
    file: str
    line: int  # 0 when faulthandler could not tell
    function: str


@dataclass(frozen=True)
class ThreadStack:
    thread_id: str
    frames: tuple[Frame, ...]  # innermost first, as faulthandler writes them


# --8<-- [start:parse]
def parse_dump(text: str) -> list[ThreadStack]:
    """The threads in one faulthandler dump, in the order it wrote them.

    Raises ValueError on anything that is not a complete dump, including
    one that a reader caught half written.
    """
    stacks: list[ThreadStack] = []
    thread_id: str | None = None
    frames: list[Frame] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        if header := _THREAD.fullmatch(line):
            if thread_id is not None:
                stacks.append(ThreadStack(thread_id, tuple(frames)))
            thread_id, frames = header[2], []
        elif (frame := _FRAME.fullmatch(line)) and thread_id is not None:
            lineno = 0 if frame[2] == "???" else int(frame[2])
            frames.append(Frame(frame[1], lineno, frame[3]))
        else:
            raise ValueError(f"line {number} is not part of a faulthandler dump")
    if thread_id is None or not text.endswith("\n"):
        raise ValueError("not a complete faulthandler dump")
    stacks.append(ThreadStack(thread_id, tuple(frames)))
    return stacks


# --8<-- [end:parse]


def request_dump(
    process: subprocess.Popen[str], stderr_file: Path, timeout: float = 5.0
) -> list[ThreadStack]:
    """Send SIGUSR1 to `process` and read the dump it appends to `stderr_file`."""
    start = stderr_file.stat().st_size
    process.send_signal(signal.SIGUSR1)
    deadline = time.monotonic() + timeout
    while True:
        with stderr_file.open("rb") as file:
            file.seek(start)
            text = file.read().decode("utf-8", "replace")
        try:
            return parse_dump(text)
        except ValueError:
            if process.poll() is not None:
                raise RuntimeError("the process exited; it wrote no dump") from None
            if time.monotonic() > deadline:
                raise TimeoutError("no complete dump arrived") from None
            time.sleep(0.02)  # the dump is still being written


# --8<-- [start:stuck]
def stuck_threads(
    process: subprocess.Popen[str], stderr_file: Path, attempts: int = 20
) -> list[ThreadStack]:
    """Dump until two consecutive dumps agree; those threads are stuck where they are.

    One dump shows where each thread is at one instant, which is also true
    of a busy, healthy thread. The same stack twice, some time apart, is a
    thread that made no progress in between.
    """
    if attempts < 2:
        raise ValueError("attempts must be at least 2: one dump proves nothing")
    previous = request_dump(process, stderr_file)
    for _ in range(attempts - 1):
        time.sleep(0.1)
        current = request_dump(process, stderr_file)
        if current == previous:
            return current
        previous = current
    raise TimeoutError("the stacks kept changing: the process is busy, not stuck")


def waiting_at(stack: ThreadStack, source_file: str) -> str:
    """`function line N: source` for the innermost frame that is in `source_file`."""
    for frame in stack.frames:
        if Path(frame.file).resolve() == Path(source_file).resolve():
            code = linecache.getline(frame.file, frame.line).split("#")[0].strip()
            return f"{frame.function} line {frame.line}: {code}"
    raise LookupError(f"thread {stack.thread_id} is not running {source_file}")


# --8<-- [end:stuck]
