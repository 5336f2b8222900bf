"""What a durable write costs on this machine's disk: 4 KiB appends per second.

- write() alone: the bytes reach the kernel's page cache only;
- write() + fdatasync(): the data, and only the metadata needed to read it back;
- write() + fsync(): the data and all of the file's metadata (mtime included).

The file lives under the repository (a real disk here; /tmp may be a tmpfs).
Wall time on purpose: waiting for the device is what is measured.

    .venv/bin/python benchmarks/fundamentals_durability.py
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.timing import quick_mode

SECONDS = 0.2 if quick_mode() else 3.0
BLOCK = b"x" * 4096


def appends_per_second(sync: Callable[[int], None] | None) -> float:
    with tempfile.TemporaryDirectory(dir=Path(__file__).parent) as folder:
        fd = os.open(Path(folder) / "log", os.O_WRONLY | os.O_CREAT | os.O_APPEND)
        try:
            count, start = 0, time.perf_counter()
            while time.perf_counter() - start < SECONDS:
                os.write(fd, BLOCK)
                if sync is not None:
                    sync(fd)
                count += 1
            return count / (time.perf_counter() - start)
        finally:
            os.close(fd)


def main() -> None:
    rates = {
        "write alone": appends_per_second(None),
        "write + fdatasync": appends_per_second(os.fdatasync),
        "write + fsync": appends_per_second(os.fsync),
    }
    base = rates["write alone"]
    print(f"{'4 KiB appends':<20}{'per second':>14}{'x slower':>10}")
    for name, rate in rates.items():
        print(f"{name:<20}{rate:>14,.0f}{base / rate:>10.1f}")


if __name__ == "__main__":
    main()
