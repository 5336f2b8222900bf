"""Two devices commit an edit of the same version at the same moment, many times.

Each device has its own PostgreSQL session and its own thread; a barrier
releases both commits together. The compare-and-set on head_version lets
exactly one advance the file; the other's edit becomes a conflicted copy.
"""

# requires-server: postgres

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import psycopg

from examples.scratch_postgres import connect, scratch_schema
from examples.system_design.file_storage.blob_store import BlobStore
from examples.system_design.file_storage.chunking import Chunk
from examples.system_design.file_storage.garbage import audit_refs
from examples.system_design.file_storage.metadata import Committed, commit_file
from examples.system_design.file_storage.metadata_schema import (
    create_account,
    create_schema,
)
from examples.system_design.file_storage.sync_demo import upload

ACCOUNT = 1
DEVICES = ("laptop", "phone")


def commit_together(
    barrier: threading.Barrier,
    conn: psycopg.Connection,
    path: str,
    chunks: list[Chunk],
    device: str,
) -> Committed:
    barrier.wait()  # every device's commit starts at once
    return commit_file(conn, ACCOUNT, path, 1, chunks, device)


def race(schema: str, blobs: BlobStore, rounds: int) -> list[tuple[Committed, ...]]:
    """Per round: a new file at v1, then both devices commit an edit of v1."""
    results = []
    with connect(schema) as setup, ThreadPoolExecutor(len(DEVICES)) as pool:
        sessions = [connect(schema) for _ in DEVICES]
        try:
            for r in range(rounds):
                path = f"doc{r}.txt"
                first, _ = upload(setup, blobs, ACCOUNT, f"v1 of {path}".encode())
                commit_file(setup, ACCOUNT, path, None, first, "laptop")
                barrier = threading.Barrier(len(DEVICES), timeout=10)
                futures = []
                for device, conn in zip(DEVICES, sessions, strict=True):
                    edit = f"{path} edited on {device}".encode()
                    chunks, _ = upload(conn, blobs, ACCOUNT, edit)
                    futures.append(
                        pool.submit(
                            commit_together, barrier, conn, path, chunks, device
                        )
                    )
                results.append(tuple(f.result(timeout=30) for f in futures))
        finally:
            for conn in sessions:
                conn.close()
    return results


if __name__ == "__main__":
    import tempfile
    from pathlib import Path

    with (
        scratch_schema("ex_race") as schema,
        connect(schema) as conn,
        tempfile.TemporaryDirectory() as folder,
    ):
        create_schema(conn)
        create_account(conn, ACCOUNT)
        # --8<-- [start:race]
        rounds = race(schema, BlobStore(Path(folder)), rounds=20)
        winners = Counter(sum(not c.conflict for c in r) for r in rounds)
        print(f"rounds with 0, 1, 2 winners: {[winners[n] for n in (0, 1, 2)]}")
        #> rounds with 0, 1, 2 winners: [0, 20, 0]
        heads = conn.execute("SELECT max(head_version) FROM files").fetchone()
        print(f"highest version of any file: {heads[0]}")
        #> highest version of any file: 2
        copies = conn.execute(
            "SELECT count(*) FROM files WHERE path LIKE '%conflicted copy%'"
        ).fetchone()
        print(f"conflicted copies: {copies[0]}, refcount audit: {audit_refs(conn)}")
        #> conflicted copies: 20, refcount audit: []
        # --8<-- [end:race]
