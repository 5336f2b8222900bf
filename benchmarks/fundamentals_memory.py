"""A file read cold (evicted with posix_fadvise DONTNEED) against warm, in milliseconds;
and how long a full garbage collection pauses with many live objects, before and
after gc.freeze(), timed from gc.callbacks
(wall and CPU time: on a shared machine only CPU time is stable).

Only this benchmark's own file is evicted (examples/fundamentals/memory/page_cache.py),
so the machine's other caches stay warm. Medians of several rounds.

    .venv/bin/python benchmarks/fundamentals_memory.py
"""

from __future__ import annotations

import gc
import os
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.timing import quick_mode
from examples.fundamentals.memory.page_cache import MIB, evict, write_file

SIZE = (1 if quick_mode() else 64) * MIB
ROUNDS = 2 if quick_mode() else 9


def read_ms(path: Path) -> float:
    start = time.perf_counter()
    with open(path, "rb", buffering=0) as file:
        while file.read(MIB):
            pass
    return (time.perf_counter() - start) * 1000


def full_collection_ms() -> tuple[float, float]:
    """One gen-2 collection's pause, from its 'start' to its 'stop' callback:
    wall time (what a request waits) and this process's CPU time (the work,
    which does not grow when other processes share the cores)."""
    marks: list[tuple[float, float]] = []

    def callback(phase: str, info: dict[str, int]) -> None:
        marks.append((time.perf_counter(), time.process_time()))

    gc.callbacks.append(callback)
    try:
        gc.collect(2)
    finally:
        gc.callbacks.remove(callback)
    (wall0, cpu0), (wall1, cpu1) = marks
    return (wall1 - wall0) * 1000, (cpu1 - cpu0) * 1000


def medians(samples: list[tuple[float, float]]) -> tuple[float, float]:
    return (
        statistics.median(s[0] for s in samples),
        statistics.median(s[1] for s in samples),
    )


def gc_pauses() -> None:
    objects = 10_000 if quick_mode() else 1_000_000
    live = [[i] for i in range(objects)]  # small lists: containers the gc tracks
    wall, cpu = medians([full_collection_ms() for _ in range(ROUNDS)])
    gc.freeze()
    frozen_wall, frozen_cpu = medians([full_collection_ms() for _ in range(ROUNDS)])
    gc.unfreeze()
    print(f"full gc with {len(live):,} live lists: wall {wall:.1f} ms (cpu {cpu:.1f} ms)")
    print(f"  after gc.freeze(): wall {frozen_wall:.3f} ms (cpu {frozen_cpu:.3f} ms)")


def load_average() -> str:
    """The 1-minute load average: how busy the shared cores were."""
    return Path("/proc/loadavg").read_text(encoding="ascii").split()[0]


def main() -> None:
    cold, warm = [], []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "data.bin"
        write_file(path, SIZE)
        for _ in range(ROUNDS):
            evict(path)
            cold.append(read_ms(path))
            warm.append(read_ms(path))
    c, w = statistics.median(cold), statistics.median(warm)
    print(f"read {SIZE // MIB} MiB: cold {c:.1f} ms, warm {w:.1f} ms, ratio {c / w:.1f}")
    print(f"  cold {SIZE / MIB / c * 1000:.0f} MiB/s, warm {SIZE / MIB / w * 1000:.0f} MiB/s")
    gc_pauses()
    print(f"load average at the end: {load_average()} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
