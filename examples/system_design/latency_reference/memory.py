"""Main memory: sequential against random reads over an array far larger than the caches.

Three ways to read 8-byte values, each timed per value read:

- sequential: numpy sums the array front to back; the hardware prefetcher
  streams it, so this is memory bandwidth;
- random, independent: numpy gathers values at shuffled positions; the CPU
  keeps several misses in flight at once, so their waits overlap;
- random, dependent: each value is the position of the next (a pointer
  chase), so no read can start before the last one finished. This is the
  latency of a cache miss, plus the Python loop that drives it; the same
  loop over a cycle that fits in the L1 cache measures the loop alone.

Every function takes the clock to time with: the benchmark passes CPU time,
so that waiting for a core on a shared machine is not counted as memory time.
Other work still shows: processes sharing the last-level cache and the
memory bandwidth, and context switches that evict the caches, cost CPU time.
numpy asks the kernel for transparent huge pages (madvise) for big arrays,
so over this array the guest's TLB misses are few.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

Clock = Callable[[], float]
CACHE_SIZE_FILE = Path("/sys/devices/system/cpu/cpu0/cache/index3/size")
FALLBACK_CACHE_BYTES = 32 * 2**20  # when the kernel does not say; larger than most
L1_CYCLE_VALUES = 512  # 4 KiB of int64: fits in any L1 data cache


def last_level_cache_bytes(size_file: Path = CACHE_SIZE_FILE) -> int:
    """The last-level cache size the kernel reports ("32768K"), else a safe guess."""
    try:
        text = size_file.read_text().strip()
    except OSError:
        return FALLBACK_CACHE_BYTES
    units = {"K": 2**10, "M": 2**20, "G": 2**30}
    if text[-1:] in units and text[:-1].isdigit():
        return int(text[:-1]) * units[text[-1]]
    return int(text) if text.isdigit() else FALLBACK_CACHE_BYTES


def random_cycle(length: int, visits: int, seed: int) -> tuple[np.ndarray, int]:
    """An int64 array of `length` holding a cycle through `visits` positions, and its start.

    next_index[p] is where to go after p. The visited positions are spread
    over the whole array (one in each of `visits` equal slices, at a random
    offset) and visited in a seeded random order, so consecutive reads land
    far apart. Shuffling `visits` positions rather than all of them keeps the
    setup fast; every page of the array is still written, so all of it is
    real memory.
    """
    if not 2 <= visits <= length:
        raise ValueError(f"need 2 <= visits <= length, got {visits} and {length}")
    rng = np.random.default_rng(seed)
    width = length // visits
    positions = rng.permutation(visits) * width + rng.integers(0, width, visits)
    next_index = np.arange(length, dtype=np.int64)  # writes every page
    next_index[positions] = np.roll(positions, -1)
    return next_index, int(positions[0])


def sequential_cycle(length: int) -> np.ndarray:
    """next_index[i] = i + 1, wrapping: a chase front to back."""
    if length < 2:
        raise ValueError(f"a cycle needs at least 2 positions, got {length}")
    return (np.arange(length, dtype=np.int64) + 1) % length


def sequential_read(values: np.ndarray, clock: Clock = time.perf_counter) -> float:
    """Seconds per value to sum the whole array."""
    start = clock()
    values.sum()
    return (clock() - start) / values.size


def gathered_read(
    values: np.ndarray,
    positions: np.ndarray,
    out: np.ndarray,
    clock: Clock = time.perf_counter,
) -> float:
    """Seconds per value to copy values[positions] into `out` (nothing allocated)."""
    start = clock()
    np.take(values, positions, out=out)
    return (clock() - start) / positions.size


# --8<-- [start:chase]
def chase(
    next_index: np.ndarray,
    steps: int,
    start: int = 0,
    clock: Clock = time.perf_counter,
) -> tuple[float, int]:
    """Seconds per step of `position = next_index[position]`, and where it ended.

    Each read needs the value the previous read returned, so over a
    shuffled cycle far larger than the caches every step waits for a miss.
    A memoryview hands back plain ints, without numpy's per-item cost.
    """
    if steps < 1:
        raise ValueError(f"steps must be at least 1, got {steps}")
    table = memoryview(next_index)
    position = start
    began = clock()
    for _ in range(steps):
        position = table[position]
    return (clock() - began) / steps, position


# --8<-- [end:chase]


def dict_lookups(
    table: dict[int, int], keys: list[int], clock: Clock = time.perf_counter
) -> float:
    """Seconds per `table[key]` in a plain loop (the loop's own cost included)."""
    if not keys:
        raise ValueError("keys must not be empty")
    start = clock()
    for key in keys:
        table[key]
    return (clock() - start) / len(keys)
