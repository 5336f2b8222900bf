"""PID 1 of a PID namespace ignores a signal it has no handler for, SIGTERM included.

The same worker runs three ways: as an ordinary process, and as PID 1 of a new
PID namespace (`unshare --pid --fork`, which needs root) without and with a
SIGTERM handler. After SIGTERM the parent asks the worker whether it is still
running: an ordinary process is already dead, PID 1 without a handler answers,
PID 1 with a handler drains and exits 0. SIGKILL from the parent's namespace
still ends PID 1 (pid_namespaces(7)), which is how every run is cleaned up.
"""

# requires-tool: unshare

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
from typing import IO

TIMEOUT_S = 30

# --8<-- [start:worker]
WORKER = """
import os, select, signal, sys
wake_r, wake_w = os.pipe()
os.set_blocking(wake_w, False)
if sys.argv[1] == "handler":
    signal.signal(signal.SIGTERM, lambda signum, frame: None)  # drain below
    signal.set_wakeup_fd(wake_w)  # the C-level handler writes a byte at once

def signaled():
    return bool(select.select([wake_r], [], [], 0)[0])

# /proc is the parent namespace's here, so /proc/self names our outer pid.
print("pid", os.getpid(), "outer", os.readlink("/proc/self"), flush=True)
while True:
    select.select([sys.stdin, wake_r], [], [])  # a question or a signal
    if signaled():
        break
    if not sys.stdin.readline():
        sys.exit(2)  # the parent went away
    print("still running", flush=True)
print("SIGTERM handled, exiting 0", flush=True)
"""
# --8<-- [end:worker]


def _lines(stream: IO[str]) -> queue.Queue[str]:
    """Lines of `stream` as a thread reads them ('' at EOF), so waits can time out."""
    lines: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        for line in stream:
            lines.put(line.strip())
        lines.put("")

    threading.Thread(target=pump, daemon=True).start()
    return lines


def sigterm_then_ask(as_pid1: bool, handler: bool) -> tuple[str, str, int]:
    """Start the worker, send it SIGTERM, then ask if it still runs.

    Returns (its pid as it sees it, its answer or "" if it was dead, the exit
    status of what we started). A worker that is still running gets SIGKILL.
    """
    argv = [sys.executable, "-c", WORKER, "handler" if handler else "none"]
    if as_pid1:
        if os.geteuid() != 0:
            raise PermissionError("unshare --pid needs root (CAP_SYS_ADMIN)")
        argv = ["unshare", "--pid", "--fork", "--", *argv]
    with subprocess.Popen(  # noqa: S603 - our interpreter and our script
        argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    ) as child:
        if child.stdin is None or child.stdout is None:
            raise RuntimeError("the worker's stdin and stdout must be pipes")
        lines = _lines(child.stdout)
        outer = 0
        try:
            first = lines.get(timeout=TIMEOUT_S).split()  # pid <n> outer <m>
            inner, outer = first[1], int(first[3])
            os.kill(outer, signal.SIGTERM)
            try:
                # Asked after kill() returned: a default SIGTERM has killed by now.
                child.stdin.write("are you there?\n")
                child.stdin.flush()
            except BrokenPipeError:
                pass
            answer = lines.get(timeout=TIMEOUT_S)
            if answer == "still running":
                # From outside, PID 1 cannot refuse SIGKILL. util-linux 2.38's
                # unshare then exits 1 ("sigprocmask unblock failed"): it cannot
                # re-raise SIGKILL on itself.
                os.kill(outer, signal.SIGKILL)
            return inner, answer, child.wait(timeout=TIMEOUT_S)
        finally:
            if child.poll() is None:
                if outer:
                    os.kill(outer, signal.SIGKILL)
                child.kill()
                child.wait(timeout=TIMEOUT_S)


# --8<-- [start:demo]
if __name__ == "__main__":
    for as_pid1, handler in ((False, False), (True, False), (True, True)):
        inner, answer, code = sigterm_then_ask(as_pid1, handler)
        who = "PID 1" if inner == "1" else "ordinary"
        print(f"{who}, handler={handler}:", answer or f"dead, exit {code}")
        #> ordinary, handler=False: dead, exit -15
        #> PID 1, handler=False: still running
        #> PID 1, handler=True: SIGTERM handled, exiting 0
# --8<-- [end:demo]
