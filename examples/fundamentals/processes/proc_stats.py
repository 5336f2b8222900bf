"""Read what Linux knows about a process: context switches and memory, from /proc.

proc(5) documents the files. /proc/<pid>/status holds the switch counters of one
thread (for a PID, its main thread); smaps_rollup adds up the memory the process
maps, split into pages it shares with other processes and pages only it holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")


@dataclass(frozen=True)
class Switches:
    """Context switches of one thread, as the kernel counts them."""

    voluntary: int  # it blocked: sleep, a read with no data, a lock held elsewhere
    involuntary: int  # the scheduler took the CPU away while it could still run

    def __sub__(self, earlier: Switches) -> Switches:
        return Switches(
            self.voluntary - earlier.voluntary, self.involuntary - earlier.involuntary
        )

    def dominant(self) -> str:
        """Which kind there were more of ("voluntary" on a tie)."""
        return "voluntary" if self.voluntary >= self.involuntary else "involuntary"


@dataclass(frozen=True)
class Memory:
    """Resident memory in KiB: everything mapped in RAM, and the part no one shares."""

    rss_kib: int
    private_kib: int


def parse_fields(text: str) -> dict[str, str]:
    """`Name:   value` lines (the format of status and smaps_rollup) into a dict."""
    fields = {}
    for line in text.splitlines():
        name, colon, value = line.partition(":")
        if colon and " " not in name:  # smaps_rollup's first line is an address range
            fields[name] = value.strip()
    return fields


def _number(fields: dict[str, str], name: str, source: str) -> int:
    """The integer at the start of a field ("123" or "123 kB")."""
    if name not in fields:
        raise ValueError(f"{source} has no {name!r} field")
    first = fields[name].split()[0] if fields[name] else ""
    if not first.isdigit():
        raise ValueError(f"{source}: {name!r} is not a count: {fields[name]!r}")
    return int(first)


def _read(pid: int | str, name: str) -> str:
    if pid != "self" and (not isinstance(pid, int) or pid <= 0):
        raise ValueError(f"pid must be a positive int or 'self', got {pid!r}")
    try:
        raw = (PROC / str(pid) / name).read_bytes()
    except FileNotFoundError:
        raise ProcessLookupError(f"no process {pid} (or no /proc here)") from None
    # The Name line is the thread's name as raw bytes: any process can set one that
    # is not ASCII, or not even UTF-8 (prctl(PR_SET_NAME), a write to .../comm).
    return raw.decode("utf-8", errors="surrogateescape")


# --8<-- [start:switches]
def switches(pid: int | str = "self", tid: int | None = None) -> Switches:
    """Switch counts of a process's main thread, or of thread `tid` inside it."""
    path = "status" if tid is None else f"task/{tid}/status"
    fields = parse_fields(_read(pid, path))
    source = f"/proc/{pid}/{path}"
    return Switches(
        _number(fields, "voluntary_ctxt_switches", source),
        _number(fields, "nonvoluntary_ctxt_switches", source),
    )


# --8<-- [end:switches]


def memory(pid: int | str = "self") -> Memory:
    """RSS, and private pages (clean + dirty): what the process would give back on exit."""
    fields = parse_fields(_read(pid, "smaps_rollup"))
    source = f"/proc/{pid}/smaps_rollup"
    private = _number(fields, "Private_Clean", source) + _number(
        fields, "Private_Dirty", source
    )
    return Memory(_number(fields, "Rss", source), private)


def virtual_kib(pid: int | str = "self") -> int:
    """Address space reserved (VmSize), most of it never touched, so not resident."""
    fields = parse_fields(_read(pid, "status"))
    return _number(fields, "VmSize", f"/proc/{pid}/status")


def thread_ids(pid: int | str = "self") -> list[int]:
    """The kernel's id of every thread in the process (/proc/<pid>/task)."""
    _read(pid, "status")  # same checks and errors as the other readers
    return sorted(int(entry.name) for entry in (PROC / str(pid) / "task").iterdir())
