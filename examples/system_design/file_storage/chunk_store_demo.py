"""What each dedup scope saves, and what it tells a curious user.

Alice and Bob store the same 256 KiB video; Alice also stores an offer letter
made from her employer's template. Mallory knows the template, not the salary.
"""

from __future__ import annotations

import random

from examples.system_design.file_storage.chunk_store import (
    ChunkStore,
    MissingChunksError,
    Scope,
)
from examples.system_design.file_storage.chunking import cdc_chunks

VIDEO = random.Random(11).randbytes(256 * 1024)


def letter(salary: int) -> bytes:
    """The employer's template with one number filled in."""
    return (
        "Dear Alice,\nWe are pleased to offer you the role of engineer "
        f"at a yearly salary of ${salary:,}.\nRegards, HR\n"
    ).encode()


def upload(store: ChunkStore, user: str, name: str, data: bytes) -> int:
    """A client's upload: ask which chunks are missing, send those, commit."""
    chunks = cdc_chunks(data)
    missing = set(store.missing(user, [c.digest for c in chunks]))
    sent = 0
    for c in chunks:
        if c.digest in missing:
            store.put(user, data[c.offset : c.offset + c.length])
            missing.discard(c.digest)
            sent += c.length
    store.add_file(user, name, [c.digest for c in chunks])
    return sent


def probe(store: ChunkStore, guesses: range) -> list[int]:
    """Mallory's attack: guesses the server says it needs nothing for."""
    hits = []
    for salary in guesses:
        digests = [c.digest for c in cdc_chunks(letter(salary))]
        if not store.missing("mallory", digests):
            hits.append(salary)
    return hits


if __name__ == "__main__":
    # --8<-- [start:scopes]
    print("scope                bob sent   stored   mallory's hits")
    #> scope                bob sent   stored   mallory's hits
    for scope in Scope:
        store = ChunkStore(scope)
        upload(store, "alice", "offer.txt", letter(83_000))
        upload(store, "alice", "video.mp4", VIDEO)
        bob_sent = upload(store, "bob", "video.mp4", VIDEO)
        found = probe(store, range(50_000, 150_001, 1_000))
        row = f"{scope.value:<20} {bob_sent:>8,} {store.stored_bytes:>8,}"
        print(f"{row}   {found}")
        #> user                  262,144  524,392   []
        #> global                      0  262,248   [83000]
        #> global, server-side   262,144  262,248   []
    # --8<-- [end:scopes]

    # --8<-- [start:ownership]
    # Mallory holds only the hashes (from a shared link's metadata, a log).
    digests = [c.digest for c in cdc_chunks(VIDEO)]
    for scope in Scope:
        store = ChunkStore(scope)
        upload(store, "alice", "video.mp4", VIDEO)
        try:
            store.add_file("mallory", "stolen.mp4", digests)
            outcome = f"reads: {store.read_file('mallory', 'stolen.mp4') == VIDEO}"
        except MissingChunksError as error:
            outcome = f"refused: {error}"
        print(f"{scope.value}: mallory {outcome}")
        #> user: mallory refused: mallory must upload 28 chunks first
        #> global: mallory reads: True
        #> global, server-side: mallory refused: mallory must upload 28 chunks first
    # --8<-- [end:ownership]
