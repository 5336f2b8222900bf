"""SIGTERM asks, SIGKILL does not: a worker that drains on SIGTERM and exits 0.

The handler only sets a flag; the main loop checks it between jobs, finishes
the job in hand, and exits 0. SIGKILL cannot be caught or ignored: the
kernel ends the process without running any of its code, so nothing drains.
"""

from __future__ import annotations

import signal
import subprocess
import sys

# --8<-- [start:worker]
WORKER = """
import signal, sys, time
stopping = False

def on_term(signum, frame):
    global stopping
    stopping = True  # only a flag: the loop decides when it is safe to stop

signal.signal(signal.SIGTERM, on_term)
try:
    signal.signal(signal.SIGKILL, on_term)
except OSError as error:
    print("cannot handle SIGKILL:", error.strerror, flush=True)
print("ready", flush=True)
done = 0
while not stopping:
    time.sleep(0.01)  # one job
    done += 1
print("SIGTERM: finished the job in hand, exiting 0", flush=True)
sys.exit(0)
"""


def run_worker(
    sig: signal.Signals, worker: str = WORKER, timeout: float = 30
) -> tuple[int, list[str]]:
    """Start `worker`, send `sig` once it is ready; its exit code and lines.

    Raises subprocess.TimeoutExpired if it has not exited `timeout` seconds
    after the signal (a worker that ignores SIGTERM), and kills it.
    """
    with subprocess.Popen(  # noqa: S603 - our interpreter and our script
        [sys.executable, "-c", worker], stdout=subprocess.PIPE, text=True
    ) as child:
        try:
            if child.stdout is None:
                raise RuntimeError("the worker's stdout is not a pipe")
            lines = [child.stdout.readline().strip(), child.stdout.readline().strip()]
            child.send_signal(sig)
            rest, _ = child.communicate(timeout=timeout)
            return child.returncode, lines + rest.splitlines()
        finally:
            if child.poll() is None:
                child.kill()
                child.wait(timeout=30)


# --8<-- [end:worker]

# --8<-- [start:demo]
if __name__ == "__main__":
    code, lines = run_worker(signal.SIGTERM)
    print(*lines, sep="\n")
    """
    cannot handle SIGKILL: Invalid argument

    ready

    SIGTERM: finished the job in hand, exiting 0
    """
    print("exit code:", code)
    #> exit code: 0
    code, lines = run_worker(signal.SIGKILL)
    print("after SIGKILL, last line:", lines[-1], "- exit code:", code)
    #> after SIGKILL, last line: ready - exit code: -9
# --8<-- [end:demo]
