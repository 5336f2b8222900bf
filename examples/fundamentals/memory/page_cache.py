"""The page cache: a file read once stays in RAM, and the next read skips the disk.

To make one file cold without dropping the whole machine's caches
(`echo 3 > /proc/sys/vm/drop_caches` would slow every other process down),
write it out with fsync, then tell the kernel with posix_fadvise(DONTNEED)
that its pages are no longer needed. Linux drops clean pages at once; dirty
pages it cannot drop, which is why fsync comes first.

Python's standard library has no mincore(2), so residency comes from two
honest sources: util-linux's `fincore`, and this process's major page faults
while it reads the file through mmap (a fault that had to wait for the disk).
"""

# requires-tool: fincore

from __future__ import annotations

import mmap
import os
import resource
import subprocess
import tempfile
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")
MIB = 1 << 20


# --8<-- [start:evict]
def write_file(path: Path, size: int) -> None:
    """Write `size` random bytes and force them to disk, so the pages are clean."""
    with open(path, "wb") as file:
        file.write(os.urandom(size))
        file.flush()
        os.fsync(file.fileno())


def evict(path: Path) -> None:
    """Drop this one file's pages from the page cache (a hint Linux honors
    for clean pages; dirty ones must be written back first)."""
    with open(path, "rb") as file:
        os.fsync(file.fileno())
        os.posix_fadvise(file.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)


def resident_pages(path: Path) -> int:
    """How many of the file's pages are in the page cache, from `fincore`."""
    argv = ["fincore", "--bytes", "--noheadings", "--output", "PAGES", str(path)]
    out = subprocess.run(  # noqa: S603 - fincore with a path we created
        argv,
        capture_output=True,
        text=True,
        timeout=10,
        check=True,
    ).stdout
    return int(out.split()[0])


def major_faults_reading(path: Path) -> int:
    """Major page faults this process takes to read every page of `path` via mmap."""
    before = resource.getrusage(resource.RUSAGE_SELF).ru_majflt
    with (
        open(path, "rb") as file,
        mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as mapped,
    ):
        for offset in range(0, len(mapped), PAGE):
            mapped[offset]  # reading one byte faults the page in
    return resource.getrusage(resource.RUSAGE_SELF).ru_majflt - before


# --8<-- [end:evict]


# --8<-- [start:demo]
if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "data.bin"
        write_file(path, 8 * MIB)  # 2048 pages
        print("after writing:", resident_pages(path), "pages cached")
        #> after writing: 2048 pages cached
        evict(path)
        print("after DONTNEED:", resident_pages(path), "pages cached")
        #> after DONTNEED: 0 pages cached
        print("cold read, major faults > 0:", major_faults_reading(path) > 0)
        #> cold read, major faults > 0: True
        print("after reading:", resident_pages(path), "pages cached")
        #> after reading: 2048 pages cached
        print("warm read, major faults:", major_faults_reading(path))
        #> warm read, major faults: 0
# --8<-- [end:demo]
