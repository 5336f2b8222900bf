"""CPU-bound work goes to processes, not threads.

Only one thread runs Python bytecode at a time in CPython (the GIL), so
splitting pure-Python computation across threads adds switching, not speed.
Each process has its own interpreter and its own GIL.
"""

from __future__ import annotations

import math
import multiprocessing
from concurrent.futures import ProcessPoolExecutor

CHUNKS = [(0, 5_000), (5_000, 10_000), (10_000, 15_000), (15_000, 20_000)]


# --8<-- [start:cpu_work]
def count_primes(bounds: tuple[int, int]) -> int:
    """Count primes in [start, stop) by trial division: pure CPU, no I/O."""
    start, stop = bounds
    if start < 0 or stop < start:
        raise ValueError(f"need 0 <= start <= stop, got {bounds}")
    count = 0
    for n in range(max(start, 2), stop):
        if all(n % d for d in range(2, math.isqrt(n) + 1)):
            count += 1
    return count


def count_primes_in_processes(
    chunks: list[tuple[int, int]], *, workers: int = 2, start_method: str | None = None
) -> list[int]:
    """Fan the chunks out to worker processes; arguments and results are pickled.

    `start_method` None is the platform default: fork on Linux up to 3.13,
    forkserver from 3.14, spawn on macOS and Windows. A process that already
    runs threads should pass "spawn" or "forkserver": fork copies locks that
    other threads may be holding.
    """
    context = multiprocessing.get_context(start_method)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        return list(pool.map(count_primes, chunks))


# --8<-- [end:cpu_work]

# --8<-- [start:demo]
if __name__ == "__main__":  # required: spawn and forkserver workers import this file
    per_chunk = count_primes_in_processes(CHUNKS)
    print(per_chunk, "total:", sum(per_chunk))
    #> [669, 560, 525, 508] total: 2262
    print("same as one process:", per_chunk == [count_primes(c) for c in CHUNKS])
    #> same as one process: True
# --8<-- [end:demo]
