"""Out of memory: overcommit, the OOM killer's score, and a limit that fails fast.

Linux lets processes reserve more memory than it has (overcommit) and finds
out only when pages are touched. In mode 0 (heuristic, the default) it still
refuses a single request larger than RAM plus swap, however
much of it is free. When touched memory runs
out, the OOM killer ends the process with the highest oom_score, which each
process can bias with oom_score_adj (-1000 exempts it, 1000 makes it first).
Nothing here triggers the OOM killer: the child that exhausts memory does so
under its own RLIMIT_AS, so its allocation fails with MemoryError instead.
"""

from __future__ import annotations

import mmap
import subprocess
import sys
from pathlib import Path

MIB = 1 << 20
TIMEOUT_S = 60

# --8<-- [start:child]
# Runs in a child: cap its address space, then ask for more than the cap.
CHILD = """
import resource, sys
limit = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
with open("/proc/self/oom_score_adj", "w") as adj:
    adj.write("500")  # raising it needs no privilege: pick me first
print("child oom_score_adj:", open("/proc/self/oom_score_adj").read().strip())
try:
    hog = bytearray(2 * limit)
except MemoryError:
    print("child: MemoryError, cleaning up")
    sys.exit(3)
"""


def run_limited_child(limit_bytes: int) -> tuple[int, list[str]]:
    """Run CHILD with an address-space limit; its exit code and printed lines."""
    if limit_bytes < 64 * MIB:
        raise ValueError("an interpreter needs about 64 MiB of address space to start")
    done = subprocess.run(  # noqa: S603 - our interpreter and our script
        [sys.executable, "-c", CHILD, str(limit_bytes)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=False,
    )
    return done.returncode, done.stdout.splitlines()


# --8<-- [end:child]


def overcommit_mode() -> int:
    """0 heuristic, 1 always allow, 2 strict accounting (vm.overcommit_memory)."""
    return int(Path("/proc/sys/vm/overcommit_memory").read_text(encoding="ascii"))


def meminfo_bytes(field: str) -> int:
    """A field of /proc/meminfo (MemTotal, SwapTotal, ...) in bytes."""
    for line in Path("/proc/meminfo").read_text(encoding="ascii").splitlines():
        name, _, value = line.partition(":")
        if name == field:
            return int(value.split()[0]) * 1024
    raise ValueError(f"/proc/meminfo has no {field}")


def heuristic_limit_bytes() -> int:
    """The largest single request mode 0 accepts: RAM plus swap, whatever is free."""
    return meminfo_bytes("MemTotal") + meminfo_bytes("SwapTotal")


def try_reserve(size: int) -> str:
    """Map `size` bytes of private anonymous memory without touching it."""
    flags = mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS
    try:
        with mmap.mmap(-1, size, flags=flags):
            return "reserved"
    except OSError as error:
        return f"refused: {error.strerror}"


# --8<-- [start:demo]
if __name__ == "__main__":
    print("vm.overcommit_memory:", overcommit_mode())
    #> vm.overcommit_memory: 0
    limit = heuristic_limit_bytes()
    print("RAM + swap - 64 MiB:", try_reserve(limit - 64 * MIB))
    #> RAM + swap - 64 MiB: reserved
    print("RAM + swap + 64 MiB:", try_reserve(limit + 64 * MIB))
    #> RAM + swap + 64 MiB: refused: Cannot allocate memory
    code, lines = run_limited_child(256 * MIB)
    print(*lines, sep="\n")
    """
    child oom_score_adj: 500

    child: MemoryError, cleaning up
    """
    print("child exit code:", code, "- parent still running")
    #> child exit code: 3 - parent still running
# --8<-- [end:demo]
