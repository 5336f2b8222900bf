"""Two devices, one account, on a real PostgreSQL: upload, sync, conflict, GC.

Each device talks to the metadata service through its own session. Blobs go
to a local folder standing in for object storage; in production the client
PUTs each missing chunk to a presigned URL instead of calling `blobs.put`.
"""

# requires-server: postgres

from __future__ import annotations

import random
import tempfile
from datetime import timedelta
from pathlib import Path

import psycopg

from examples.scratch_postgres import connect, scratch_schema
from examples.system_design.file_storage.blob_store import BlobStore
from examples.system_design.file_storage.chunking import Chunk, cdc_chunks
from examples.system_design.file_storage.garbage import (
    audit_refs,
    collect_garbage,
    prune_versions,
)
from examples.system_design.file_storage.journal import changes_since, save_cursor
from examples.system_design.file_storage.metadata import (
    commit_file,
    delete_file,
    missing_chunks,
    register_chunk,
)
from examples.system_design.file_storage.metadata_schema import (
    create_account,
    create_schema,
)

ACCOUNT = 1


# --8<-- [start:upload]
def upload(
    conn: psycopg.Connection, blobs: BlobStore, account: int, data: bytes
) -> tuple[list[Chunk], int]:
    """Chunk the file, send only the chunks the server lacks; bytes sent."""
    chunks = cdc_chunks(data)
    by_hash = {c.digest: c for c in chunks}
    sent = 0
    for digest in missing_chunks(conn, account, list(by_hash)):
        chunk = by_hash[digest]
        key = blobs.new_key(digest)  # production: the server presigns a PUT
        blobs.put(key, data[chunk.offset : chunk.offset + chunk.length], digest)
        if register_chunk(conn, account, chunk, key):
            sent += chunk.length
        else:  # another device registered the same chunk first
            blobs.delete(key)
    return chunks, sent


# --8<-- [end:upload]


def download(
    conn: psycopg.Connection, blobs: BlobStore, account: int, path: str
) -> bytes:
    """The head version's bytes: its chunk list, in order, from object storage."""
    rows = conn.execute(
        """SELECT c.blob_key FROM files f
           JOIN version_chunks v ON v.file_id = f.id AND v.version = f.head_version
           JOIN chunks c ON c.account_id = v.account_id AND c.hash = v.hash
           WHERE f.account_id = %s AND f.path = %s ORDER BY v.position""",
        (account, path),
    ).fetchall()
    return b"".join(blobs.get(key) for (key,) in rows)


if __name__ == "__main__":
    rng = random.Random(3)
    report = rng.randbytes(256 * 1024)
    with (
        scratch_schema("ex_files") as schema,
        connect(schema) as laptop,
        connect(schema) as phone,
        tempfile.TemporaryDirectory() as folder,
    ):
        blobs = BlobStore(Path(folder))
        create_schema(laptop)
        create_account(laptop, ACCOUNT)
        # --8<-- [start:first]
        chunks, sent = upload(laptop, blobs, ACCOUNT, report)
        v1 = commit_file(laptop, ACCOUNT, "report.txt", None, chunks, "laptop")
        print(f"laptop: {v1.path} v{v1.version}, change {v1.seq}, sent {sent:,} B")
        #> laptop: report.txt v1, change 1, sent 262,144 B
        seen = changes_since(phone, ACCOUNT, cursor=0)
        print("phone sees:", [(c.seq, c.path, c.version) for c in seen])
        #> phone sees: [(1, 'report.txt', 1)]
        save_cursor(phone, ACCOUNT, "phone", seen[-1].seq)
        # --8<-- [end:first]

        # --8<-- [start:conflict]
        # Both devices edit v1 while apart; the laptop's commit lands first.
        laptop_edit = report[:500] + b"a new first line\n" + report[500:]
        phone_edit = report + b"a note added on the phone\n"
        for device, conn, data in (
            ("laptop", laptop, laptop_edit),
            ("phone", phone, phone_edit),
        ):
            chunks, sent = upload(conn, blobs, ACCOUNT, data)
            done = commit_file(conn, ACCOUNT, "report.txt", 1, chunks, device)
            print(f"{device}: {done.path} v{done.version}, sent {sent:,} B")
            #> laptop: report.txt v2, sent 9,975 B
            #> phone: report (conflicted copy, phone, from v1).txt v1, sent 6,492 B
        for c in changes_since(phone, ACCOUNT, cursor=1):
            print(f"phone sees change {c.seq}: {c.op} {c.path} v{c.version}")
            #> phone sees change 2: put report.txt v2
            #> phone sees change 3: put report (conflicted copy, phone, from v1).txt v1
        print(download(phone, blobs, ACCOUNT, "report.txt") == laptop_edit)
        #> True
        # --8<-- [end:conflict]

        # --8<-- [start:gc]
        # The user keeps the laptop's version and deletes the conflicted copy.
        copy = "report (conflicted copy, phone, from v1).txt"
        delete_file(phone, ACCOUNT, copy, base_version=1, device="phone")
        dropped = prune_versions(laptop, ACCOUNT, "report.txt", keep=1)
        dropped += prune_versions(laptop, ACCOUNT, copy, keep=0)
        print(f"versions dropped: {dropped}, blobs: {len(blobs.keys())}")
        #> versions dropped: 2, blobs: 30
        for grace in (timedelta(hours=1), timedelta(0)):
            freed = collect_garbage(laptop, blobs, ACCOUNT, grace)
            print(f"GC with {grace} grace: {freed} chunks freed")
            #> GC with 1:00:00 grace: 0 chunks freed
            #> GC with 0:00:00 grace: 2 chunks freed
        print(f"blobs: {len(blobs.keys())}, refcount audit: {audit_refs(laptop)}")
        #> blobs: 28, refcount audit: []
        # --8<-- [end:gc]
