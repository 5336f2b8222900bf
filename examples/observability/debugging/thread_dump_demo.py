"""Diagnose a hung worker from outside: three thread dumps, then the lines its stuck threads wait on."""

from __future__ import annotations

import tempfile
from pathlib import Path

from examples.observability.debugging import stuck_worker
from examples.observability.debugging.stack_dump import stuck_threads, waiting_at

if __name__ == "__main__":
    with (
        tempfile.TemporaryDirectory() as folder,
        stuck_worker.running_worker(Path(folder, "stacks.txt")) as worker,
    ):
        # --8<-- [start:diagnose]
        stacks = stuck_threads(worker, Path(folder, "stacks.txt"))
        for where in sorted(waiting_at(s, stuck_worker.__file__) for s in stacks):
            print(where)
            #> audit_report line 46: with self.balances_lock:
            #> main line 88: thread.join()
            #> transfer line 40: with self.audit_lock:
        # --8<-- [end:diagnose]
