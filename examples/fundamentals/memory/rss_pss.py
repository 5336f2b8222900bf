"""RSS counts a shared page in full in every process; PSS splits it among them.

A parent fills a 32 MiB shared mapping, then forks. Both processes now have
those pages resident, so each one's RSS includes all 32 MiB, but each one's
PSS (proportional set size, /proc/<pid>/smaps_rollup) counts half. Adding up
PSS over processes gives the RAM they really use; adding up RSS double-counts.
"""

from __future__ import annotations

import ctypes
import mmap
import os

from examples.fundamentals.processes.proc_stats import parse_fields

MIB = 1 << 20


def rss_and_pss_kib(start: int) -> tuple[int, int]:
    """Rss and Pss in KiB of this process's mapping that begins at address `start`,
    from /proc/self/smaps (smaps_rollup has the same fields for all mappings)."""
    with open("/proc/self/smaps", encoding="ascii") as smaps:
        blocks = smaps.read().split("\n")
    for at, line in enumerate(blocks):
        if line.split("-", 1)[0] == f"{start:x}":
            end = next(
                i for i in range(at, len(blocks)) if blocks[i].startswith("VmFlags")
            )
            fields = parse_fields("\n".join(blocks[at + 1 : end]))
            return int(fields["Rss"].split()[0]), int(fields["Pss"].split()[0])
    raise LookupError(f"no mapping starts at {start:#x}")


def shared_in_child(size: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """(RSS, PSS) in KiB of a `size`-byte shared mapping, with this process alone
    and then with a forked child that has read it and waits while we measure."""
    with mmap.mmap(-1, size) as shared:  # MAP_SHARED | MAP_ANONYMOUS by default
        shared.write(b"x" * size)  # make every page resident
        start = ctypes.addressof(ctypes.c_char.from_buffer(shared))
        alone = rss_and_pss_kib(start)
        ready_read, ready_write = os.pipe()
        done_read, done_write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never return into the caller's code
            status = 1
            try:
                os.close(done_write)  # or its own copy would keep the pipe open
                # fork does not copy page tables of shared mappings: the child
                # maps the pages (a minor fault each) only when it reads them.
                shared.seek(0)
                shared.read(size)
                os.write(ready_write, b"r")
                os.read(done_read, 1)  # keep the mapping until the parent measured
                status = 0
            finally:
                os._exit(status)
        os.close(ready_write)
        os.close(done_read)
        try:
            if os.read(ready_read, 1) != b"r":  # EOF: the child died first
                raise RuntimeError("the child exited before reading the mapping")
            return alone, rss_and_pss_kib(start)
        finally:
            os.close(ready_read)
            os.close(done_write)  # the child's read returns, it exits
            os.waitpid(pid, 0)


# --8<-- [start:demo]
if __name__ == "__main__":
    (rss, pss), (rss_shared, pss_shared) = shared_in_child(32 * MIB)
    print("alone:       RSS", rss // 1024, "MiB, PSS", pss // 1024, "MiB")
    #> alone:       RSS 32 MiB, PSS 32 MiB
    print("with child:  RSS", rss_shared // 1024, "MiB, PSS", pss_shared // 1024, "MiB")
    #> with child:  RSS 32 MiB, PSS 16 MiB
# --8<-- [end:demo]
