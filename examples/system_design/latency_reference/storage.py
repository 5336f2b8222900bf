"""Disk: sequential and random reads, from the page cache and from the device, and fsync.

A file the example writes itself is read four ways. Linux keeps recently
read and written file pages in memory (the page cache), so an ordinary read
of a file you just wrote never touches the disk: that is a memory copy.
O_DIRECT asks the kernel to move the bytes between the device and your
buffer, skipping the page cache; it needs buffers, offsets and sizes
aligned to the device's block size, which an anonymous mmap (page-aligned)
provides. On a virtual machine the device is virtual too: the host behind
it may cache or batch, and only the host knows.

The last probe appends 4 KiB and calls fsync, which returns only when the
device says the data is stored. On a virtual machine that is the virtual
disk's answer to a flush: whether the host then waits for a physical disk
cannot be seen from the guest.

The random reads and the fsyncs are timed one at a time (nanoseconds each),
so a caller can take percentiles rather than a mean.
"""

from __future__ import annotations

import mmap
import os
import random
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

PAGE = 4096  # bytes per random read and per fsync'd write
CHUNK = 2**20  # bytes per sequential read call


@contextmanager
def scratch_file(directory: Path, size: int, seed: int = 7) -> Iterator[Path]:
    """A file of `size` seeded random bytes on disk (flushed), deleted afterwards."""
    if size < CHUNK or size % CHUNK:
        raise ValueError(f"size must be a positive multiple of {CHUNK}, got {size}")
    descriptor, name = tempfile.mkstemp(prefix="latency-read-", dir=directory)
    path = Path(name)
    rng = np.random.default_rng(seed)  # random bytes: nothing to compress or dedupe
    try:
        with os.fdopen(descriptor, "wb") as file:
            for _ in range(size // CHUNK):
                file.write(rng.bytes(CHUNK))
            file.flush()
            os.fsync(file.fileno())
        yield path
    finally:
        path.unlink(missing_ok=True)


def _open(path: Path, direct: bool) -> int:
    flags = os.O_RDONLY | (os.O_DIRECT if direct else 0)
    try:
        return os.open(path, flags)
    except OSError as error:
        if direct:
            raise RuntimeError(
                f"{path.parent} does not support O_DIRECT: {error}"
            ) from error
        raise


def sequential_read(path: Path, direct: bool) -> float:
    """Bytes per second reading the whole file front to back in 1 MiB calls."""
    buffer = mmap.mmap(-1, CHUNK)  # page-aligned, as O_DIRECT requires
    descriptor = _open(path, direct)
    try:
        total = 0
        start = time.perf_counter()
        while read := os.readv(descriptor, [buffer]):
            total += read
        elapsed = time.perf_counter() - start
    finally:
        os.close(descriptor)
        buffer.close()
    return total / elapsed


def random_reads(path: Path, direct: bool, count: int, seed: int) -> list[int]:
    """Nanoseconds of each PAGE-byte read at a random PAGE-aligned offset."""
    if count < 1:
        raise ValueError(f"count must be at least 1, got {count}")
    pages = path.stat().st_size // PAGE
    rng = random.Random(seed)
    offsets = [rng.randrange(pages) * PAGE for _ in range(count)]
    buffer = mmap.mmap(-1, PAGE)
    descriptor = _open(path, direct)
    times = []
    try:
        for offset in offsets:
            start = time.perf_counter_ns()
            read = os.preadv(descriptor, [buffer], offset)
            times.append(time.perf_counter_ns() - start)
            if read != PAGE:
                raise RuntimeError(f"short read at offset {offset}")
    finally:
        os.close(descriptor)
        buffer.close()
    return times


# --8<-- [start:fsync]
def appends_with_fsync(directory: Path, count: int) -> list[int]:
    """Nanoseconds of each append of PAGE bytes and its fsync, as a log does.

    write() alone copies into the page cache and returns; fsync() returns
    once the device reports the data, and the file's new size, stored.
    """
    if count < 1:
        raise ValueError(f"count must be at least 1, got {count}")
    record = b"\x2a" * PAGE
    descriptor, name = tempfile.mkstemp(prefix="latency-log-", dir=directory)
    times = []
    try:
        for _ in range(count):
            start = time.perf_counter_ns()
            if os.write(descriptor, record) != PAGE:
                raise RuntimeError("short write")
            os.fsync(descriptor)
            times.append(time.perf_counter_ns() - start)
    finally:
        os.close(descriptor)
        os.unlink(name)
    return times


# --8<-- [end:fsync]
