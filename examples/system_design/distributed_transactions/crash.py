"""Run a coordinator in a child process that stops at a stage, so the parent can kill it.

The child runs one transfer with a hook that, at `stop_at`, prints the stage,
then sleeps: the parent sends SIGKILL while it sleeps, so no `finally`, no
`atexit` and no driver cleanup runs, as when a machine loses power. A child
nobody kills exits by itself after CHILD_SECONDS.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from examples.system_design.distributed_transactions.bank import Cluster
from examples.system_design.distributed_transactions.two_phase import (
    TransferCoordinator,
)

# From this module's path: the docs harness runs the examples from elsewhere.
REPO_ROOT = Path(__file__).resolve().parents[3]
CHILD_SECONDS = 30  # the longest a stopped child waits to be killed
READY_TIMEOUT_SECONDS = 20  # the longest the parent waits for the child's stage
CHILD = (
    "from examples.system_design.distributed_transactions.crash import child_main;"
    " child_main()"
)


def child_main() -> None:
    """The child: read the transfer as JSON from argv, run it, stop at `stop_at`."""
    job = json.loads(sys.argv[1])

    def hook(stage: str) -> None:
        if stage == job["stop_at"]:
            print(stage, flush=True)
            time.sleep(CHILD_SECONDS)
            os._exit(3)  # nobody killed us: leave as abruptly anyway

    with TransferCoordinator(job["participants"], job["log_path"], hook=hook) as tc:
        tc.transfer(
            job["transfer_id"],
            tuple(job["source"]),
            tuple(job["target"]),
            job["amount_cents"],
        )


@contextmanager
def coordinator_process(
    cluster: Cluster,
    transfer_id: str,
    source: tuple[str, str],
    target: tuple[str, str],
    amount_cents: int,
    *,
    stop_at: str,
) -> Iterator[subprocess.Popen[str]]:
    """Start a coordinator in a child process; return once it has reached `stop_at`.

    On leaving, a child still running is killed, and it is always reaped.
    """
    job = {
        "participants": cluster.participants,
        "log_path": str(cluster.log_path),
        "transfer_id": transfer_id,
        "source": list(source),
        "target": list(target),
        "amount_cents": amount_cents,
        "stop_at": stop_at,
    }
    child = subprocess.Popen(  # noqa: S603 - our own interpreter and fixed code
        [sys.executable, "-c", CHILD, json.dumps(job)],
        cwd=REPO_ROOT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        ready, _, _ = select.select([child.stdout], [], [], READY_TIMEOUT_SECONDS)
        line = child.stdout.readline().strip() if ready else ""
        if line != stop_at:
            child.kill()
            _, errors = child.communicate(timeout=10)
            raise RuntimeError(f"the coordinator never reached {stop_at!r}: {errors}")
        yield child
    finally:
        if child.poll() is None:
            child.kill()
        child.communicate(timeout=10)  # reap it and close its pipes
