"""Virtual memory: a mapping reserves address space at once, RAM only page by page.

VmSize in /proc/self/status counts every mapped byte; VmRSS counts the pages
actually in RAM. An anonymous mapping gets a physical page on the first touch
of each page, through a minor page fault (no disk read). A major fault is one
that had to wait for the disk, such as the first read of a file not in the page
cache. Counts come from getrusage(2) (/proc/self/stat has the same two).
"""

from __future__ import annotations

import mmap
import os
import resource
from dataclasses import dataclass

from examples.fundamentals.processes.proc_stats import parse_fields

PAGE = os.sysconf("SC_PAGE_SIZE")
MIB = 1 << 20


@dataclass(frozen=True)
class Snapshot:
    """Address space and resident memory in KiB, and page faults so far."""

    vm_size_kib: int
    vm_rss_kib: int
    minor_faults: int
    major_faults: int


def snapshot() -> Snapshot:
    """Read this process's VmSize and VmRSS, and its fault counters."""
    with open("/proc/self/status", encoding="ascii") as status:
        fields = parse_fields(status.read())
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return Snapshot(
        int(fields["VmSize"].split()[0]),
        int(fields["VmRSS"].split()[0]),
        usage.ru_minflt,
        usage.ru_majflt,
    )


def touch(buffer: mmap.mmap, pages: int) -> None:
    """Write one byte in each of the first `pages` pages: one fault per page."""
    if not 0 <= pages <= len(buffer) // PAGE:
        raise ValueError(f"pages must be 0..{len(buffer) // PAGE}, got {pages}")
    for page in range(pages):
        buffer[page * PAGE] = 1


# --8<-- [start:demo]
if __name__ == "__main__":
    print("page size:", PAGE, "bytes")
    #> page size: 4096 bytes
    before = snapshot()
    # A private anonymous mapping: what malloc uses for large blocks.
    flags = mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS
    with mmap.mmap(-1, 64 * MIB, flags=flags) as buffer:
        mapped = snapshot()
        reserved = mapped.vm_size_kib - before.vm_size_kib
        print("mapped 64 MiB: VmSize + MiB:", reserved // 1024)
        #> mapped 64 MiB: VmSize + MiB: 64
        print("  VmRSS + MiB:", round((mapped.vm_rss_kib - before.vm_rss_kib) / 1024))
        #>   VmRSS + MiB: 0
        touch(buffer, pages=16 * MIB // PAGE)  # the first 16 MiB: 4096 pages
        touched = snapshot()
        grew = touched.vm_rss_kib - mapped.vm_rss_kib
        print("touched 16 MiB: VmRSS + MiB:", round(grew / 1024))
        #> touched 16 MiB: VmRSS + MiB: 16
        minor = touched.minor_faults - mapped.minor_faults
        print("  minor faults >= 4096 pages:", minor >= 4096)
        #>   minor faults >= 4096 pages: True
        print("  major faults:", touched.major_faults - mapped.major_faults)
        #>   major faults: 0
# --8<-- [end:demo]
