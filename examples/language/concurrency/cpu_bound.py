"""CPU-bound work goes to processes, not threads.

Only one thread runs Python bytecode at a time in CPython (the GIL), so
splitting pure-Python computation across threads adds switching, not speed.
Each process has its own interpreter and its own GIL.
"""

from __future__ import annotations

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
        if all(n % d for d in range(2, int(n**0.5) + 1)):
            count += 1
    return count


def count_primes_in_processes(
    chunks: list[tuple[int, int]], *, workers: int = 2
) -> list[int]:
    """Fan the chunks out to worker processes; arguments and results are pickled."""
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(count_primes, chunks))


# --8<-- [end:cpu_work]

# --8<-- [start:demo]
if __name__ == "__main__":  # required: spawned workers re-import this module
    per_chunk = count_primes_in_processes(CHUNKS)
    print(per_chunk, "total:", sum(per_chunk))
    #> [669, 560, 525, 508] total: 2262
    print("same as one process:", per_chunk == [count_primes(c) for c in CHUNKS])
    #> same as one process: True
# --8<-- [end:demo]
