"""What machine a measurement ran on, read from the kernel, so a reader can compare."""

from __future__ import annotations

import os
import platform
from datetime import UTC, datetime
from pathlib import Path

CPUINFO = Path("/proc/cpuinfo")
MOUNTS = Path("/proc/mounts")
# Set to 1 to measure on a busy machine anyway.
FORCE_VARIABLE = "LATENCY_REFERENCE_FORCE"


class MachineBusy(RuntimeError):
    """The machine is too loaded for its figures to describe it."""


def check_load(load: float, cores: int, forced: bool) -> bool:
    """Whether the 1-minute load is above the core count; refuse that unless forced.

    Linux's load average counts the tasks running or waiting for a core and
    also those in uninterruptible sleep (state D, usually waiting for disk
    I/O), so a load above the core count means other work is queued for the
    cores or the disk this benchmark measures. Returns True when the load is
    too high and `forced` let the run go on: the data must say so.
    """
    if cores < 1:
        raise ValueError(f"cores must be at least 1, got {cores}")
    if load <= cores:
        return False
    if not forced:
        raise MachineBusy(
            f"the 1-minute load average is {load:.1f} on {cores} cores: other work "
            f"would be measured too. Wait for a quiet machine, or set "
            f"{FORCE_VARIABLE}=1 to measure anyway (the table will say so)."
        )
    return True


MOUNTS = Path("/proc/mounts")


def cpu_model(cpuinfo: Path = CPUINFO) -> str:
    """The first "model name" in /proc/cpuinfo (a virtual machine may shorten it)."""
    try:
        for line in cpuinfo.read_text().splitlines():
            key, _, value = line.partition(":")
            if key.strip() == "model name" and value.strip():
                return value.strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def virtualized(cpuinfo: Path = CPUINFO) -> bool:
    """True when the CPU flags include "hypervisor": this is a virtual machine."""
    try:
        text = cpuinfo.read_text()
    except OSError:
        return False
    return any(
        line.startswith("flags") and "hypervisor" in line.split()
        for line in text.splitlines()
    )


def filesystem_of(directory: Path, mounts: Path = MOUNTS) -> str:
    """'ext4 on /dev/vda': the mount that holds `directory` (its longest mount point)."""
    target = str(directory.resolve())
    best = ("", "unknown", "unknown")
    try:
        lines = mounts.read_text().splitlines()
    except OSError:
        return "unknown"
    for line in lines:
        fields = line.split()
        if len(fields) < 3:
            continue
        device, point, kind = fields[0], fields[1], fields[2]
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) > len(best[0]):
            best = (point, kind, device)
    return f"{best[1]} on {best[2]}"


def describe(
    directory: Path,
    *,
    postgres: str,
    redis: str,
    load_at_start: float,
    load_at_end: float,
) -> dict[str, object]:
    """The machine's description for the reference table's caption.

    The loads are the 1-minute load averages when measuring began and
    ended. Linux counts in them the tasks running or waiting for a core and
    those in uninterruptible sleep (mostly waiting for disk I/O): the higher
    the load, the more the figures wait on other work. `above_core_count`
    says the start load was above the number of cores.
    """
    cores = os.cpu_count() or 1
    return {
        "cpu": cpu_model(),
        "cores": cores,
        "virtual_machine": virtualized(),
        "kernel": f"Linux {platform.release()}",
        "python": platform.python_version(),
        "postgresql": postgres,
        "redis": redis,
        "disk": filesystem_of(directory),
        "load_at_start": round(load_at_start, 1),
        "load_at_end": round(load_at_end, 1),
        "above_core_count": load_at_start > cores,
        "date": datetime.now(UTC).date().isoformat(),
    }
