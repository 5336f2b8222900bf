"""Crash a real PostgreSQL mid-stream and count which acknowledged commits survive.

Each row is its own transaction. With synchronous_commit = off, COMMIT returns
once the commit record is in the WAL buffers (shared memory); writing and
flushing them is the WAL writer's job. Here the WAL writer is paused (SIGSTOP),
so the records stay in shared memory; SIGKILL then discards them. The kernel's
page cache plays no part: a killed process keeps everything it had already
handed to write(), and nothing here was handed over.

Any synchronous commit flushes the WAL up to its own record, and so every
async commit before it: the cluster runs without autovacuum, so that no other
session commits during the test.
"""

# requires-tool: initdb, pg_ctl

from __future__ import annotations

import os
import signal
from dataclasses import dataclass

from examples.fundamentals.durability.scratch_cluster import (
    ScratchCluster,
    scratch_cluster,
)

MODES = ("on", "local", "off")
# No autovacuum: its commits are synchronous and would flush our async ones.
CRASH_SETTINGS = {"autovacuum": "off"}


@dataclass(frozen=True)
class CrashResult:
    acknowledged: int
    survived: int
    prefix: bool  # the survivors are exactly the first `survived` commits

    @property
    def lost(self) -> int:
        return self.acknowledged - self.survived


def walwriter_pid(cluster: ScratchCluster) -> int:
    with cluster.connect() as conn:
        row = conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE backend_type = 'walwriter'"
        ).fetchone()
    if row is None:
        raise RuntimeError("no walwriter in pg_stat_activity")
    return int(row[0])


# --8<-- [start:crash]
def commit_then_crash(cluster: ScratchCluster, mode: str, rows: int) -> CrashResult:
    """Commit `rows` one-row transactions, crash the server, count what is left."""
    if mode not in MODES:
        raise ValueError(f"synchronous_commit must be one of {MODES}, not {mode!r}")
    with cluster.connect() as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS event (id int PRIMARY KEY)")
        conn.execute("TRUNCATE event")
        conn.execute("CHECKPOINT")  # everything so far is on disk
    os.kill(walwriter_pid(cluster), signal.SIGSTOP)  # nobody flushes async commits
    acknowledged = 0
    with cluster.connect(synchronous_commit=mode) as conn:
        for i in range(rows):
            conn.execute("INSERT INTO event VALUES (%s)", (i,))  # autocommit
            acknowledged += 1  # COMMIT returned: the client was told "saved"
    cluster.crash()  # SIGKILL the postmaster and every child, walwriter included
    cluster.start()  # crash recovery replays the WAL that reached the kernel
    with cluster.connect() as conn:
        ids = [id_ for (id_,) in conn.execute("SELECT id FROM event ORDER BY id")]
    return CrashResult(acknowledged, len(ids), ids == list(range(len(ids))))


# --8<-- [end:crash]


if __name__ == "__main__":
    # --8<-- [start:demo]
    with scratch_cluster(CRASH_SETTINGS) as cluster:
        off = commit_then_crash(cluster, "off", rows=200)
        print(f"off: acknowledged {off.acknowledged}")
        #> off: acknowledged 200
        print("lost some acknowledged commits:", off.lost > 0)
        #> lost some acknowledged commits: True
        print(f"lost between 1 and {off.acknowledged}:", 0 < off.lost <= 200)
        #> lost between 1 and 200: True
        print("the survivors are the first commits, in order:", off.prefix)
        #> the survivors are the first commits, in order: True
        on = commit_then_crash(cluster, "on", rows=200)
        print(f"on: acknowledged {on.acknowledged}, lost {on.lost}")
        #> on: acknowledged 200, lost 0
        print("on: survivors in order:", on.prefix)
        #> on: survivors in order: True
    # --8<-- [end:demo]
