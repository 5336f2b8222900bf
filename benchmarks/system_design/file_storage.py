"""File storage: chunking throughput, fixed against content-defined, and dedup at two edit sizes.

Throughput is MB/s (10^6 bytes) of CPU time, best of a few runs, on the same
random bytes: SHA-256 alone (the floor every chunker pays), fixed-size chunks
with their hashes, the gear-hash cut search alone, and content-defined
chunks with hashes. The gear loop is pure Python, one byte per iteration,
while hashlib's SHA-256 is C: most of the gap is the interpreter, which is why a real client chunks in
compiled code.

Dedup: one random file, an insert of n new bytes at its middle, and the bytes a
client must upload under each chunker, beside the whole file.

    .venv/bin/python benchmarks/system_design/file_storage.py
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable

from benchmarks.timing import CPU_CLOCK, quick_mode
from examples.system_design.file_storage.chunking import (
    cdc_chunks,
    cdc_cuts,
    fixed_chunks,
)
from examples.system_design.file_storage.dedup_demo import upload_cost

DATA_BYTES = 256 * 1024 if quick_mode() else 4 * 1024 * 1024
REPEATS = 1 if quick_mode() else 3
FILE_BYTES = 256 * 1024 if quick_mode() else 1024 * 1024
EDIT_SIZES = (100, 100 * 1024)


def throughput(work: Callable[[bytes], object], data: bytes) -> float:
    """MB/s of CPU time, best of REPEATS."""
    best = float("inf")
    for _ in range(REPEATS):
        start = CPU_CLOCK()
        work(data)
        best = min(best, CPU_CLOCK() - start)
    return len(data) / 10**6 / best


def dedup_at(edit_bytes: int) -> tuple[int, int, int]:
    """(whole file, fixed upload, content-defined upload) in bytes after inserting `edit_bytes`."""
    rng = random.Random(edit_bytes)  # noqa: S311 -- repeatable data, not secrets
    base = rng.randbytes(FILE_BYTES)
    mid = FILE_BYTES // 2
    edited = base[:mid] + rng.randbytes(edit_bytes) + base[mid:]
    fixed = upload_cost(fixed_chunks(base, 8192), fixed_chunks(edited, 8192))
    cdc = upload_cost(cdc_chunks(base), cdc_chunks(edited))
    return len(edited), fixed.new_bytes, cdc.new_bytes


def main() -> None:
    data = random.Random(1).randbytes(DATA_BYTES)  # noqa: S311 -- repeatable data
    rows = {
        "SHA-256 only (hashlib)": lambda d: hashlib.sha256(d).digest(),
        "fixed 8 KiB + SHA-256": lambda d: fixed_chunks(d, 8192),
        "gear-hash cut search only": lambda d: list(cdc_cuts(d)),
        "content-defined + SHA-256": cdc_chunks,
    }
    print(f"chunking {DATA_BYTES / 10**6:.1f} MB of random bytes (CPU time)")
    speeds = {label: throughput(work, data) for label, work in rows.items()}
    for label, speed in speeds.items():
        print(f"  {label:<26} {speed:10.1f} MB/s")
    ratio = speeds["fixed 8 KiB + SHA-256"] / speeds["content-defined + SHA-256"]
    print(f"  throughput ratio, fixed / content-defined: {ratio:,.0f}x")
    print()
    print(f"insert n bytes mid-file, {FILE_BYTES:,} B file: bytes to upload")
    print(f"  {'n':>7} {'whole file':>11} {'fixed 8 KiB':>12} {'content':>8}  it saves")
    for n in EDIT_SIZES:
        whole, fixed, cdc = dedup_at(n)
        print(f"  {n:>7,} {whole:>11,} {fixed:>12,} {cdc:>8,}  {1 - cdc / whole:8.1%}")


if __name__ == "__main__":
    main()
