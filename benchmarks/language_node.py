"""The numbers behind docs/language/node-runtime.md, side by side.

- libuv's thread pool: 8 pbkdf2 hashes started at once, wall time per batch at
  UV_THREADPOOL_SIZE 1, 2, 4 and 8 (a fresh node per run, best of 7, sizes
  interleaved), each size's ratio to a pool of one, and the cores the batch
  kept busy (CPU time of all threads over wall time), beside the floor: the
  batch's CPU time spread over min(pool size, CPUs) cores, what free cores
  would give. The pool's threads share the machine's
  cores: past the core count, more threads only take turns.
- a CPU-bound count on the main thread and on a worker thread: the longest
  event-loop delay (perf_hooks.monitorEventLoopDelay, 10 ms resolution, so an
  idle loop shows about 10 ms) and the loop's utilization, plus what starting
  a worker costs.
- streams: peak resident memory of a node that pushes N MiB into a slow
  consumer ignoring write()'s answer, and through pipeline(), at two sizes.

Wall time on purpose: waiting for the pool and the loop is what is measured.
The machine is shared, so run it a few times and read the spread.

    .venv/bin/python benchmarks/language_node.py
"""

# requires-tool: node

from __future__ import annotations

import os
import statistics
import tempfile
from pathlib import Path

from benchmarks.timing import quick_mode
from tests.language.node.node_programs import build_node_examples, call_json

QUICK = quick_mode()
HASHES = 8
ITERATIONS = 2_000 if QUICK else 100_000
POOL_SIZES = (1, 2, 4, 8)
ROUNDS = 1 if QUICK else 7
PRIME_LIMIT = 100_000 if QUICK else 2_000_000
STREAM_MIB = (2, 8) if QUICK else (64, 256)
CHUNKS_PER_MIB = 64  # the examples write 16 KiB chunks


def thread_pool(build: Path) -> None:
    cpus = os.cpu_count() or 1
    load = os.getloadavg()[0]
    print(
        f"{HASHES} parallel pbkdf2 calls, {ITERATIONS:,} iterations each, {cpus} CPUs"
    )
    print(
        f"load average {load:.1f}; best of {ROUNDS} fresh nodes per size, after a warm-up"
    )
    columns = ("ms per batch", "ratio to 1", "cores busy", "median ms", "floor ms")
    print(f"{'UV_THREADPOOL_SIZE':>18}", " ".join(f"{c:>12}" for c in columns))
    runs: dict[int, list[dict[str, float]]] = {size: [] for size in POOL_SIZES}
    # Sizes interleaved, so a burst of load on the machine hits all of them.
    for _ in range(ROUNDS):
        for size in POOL_SIZES:
            runs[size].append(_hashes(build, HASHES, size))
    best = {
        size: min(timings, key=lambda r: r["wallMs"]) for size, timings in runs.items()
    }
    for size, timings in runs.items():
        wall, cpu = best[size]["wallMs"], best[size]["cpuMs"]
        median = statistics.median(r["wallMs"] for r in timings)
        # The floor: the batch's CPU time spread over min(threads, CPUs) free cores.
        floor = cpu / min(size, cpus)
        row = (wall, wall / best[1]["wallMs"], cpu / wall, median, floor)
        print(
            f"{size:>18}",
            " ".join(f"{v:>12.0f}" if v >= 10 else f"{v:>12.2f}" for v in row),
        )
    alone = min(_hashes(build, 1, 4)["wallMs"] for _ in range(ROUNDS))
    print(f"{'(one hash alone)':>18} {alone:>12.0f}")


def _hashes(build: Path, count: int, pool_size: int) -> dict[str, float]:
    """{wallMs, cpuMs} of `count` hashes at once in a fresh node, after one small hash loads crypto."""
    expression = f"m.parallelHashes(1, 1_000).then(() => m.parallelHashes({count}, {ITERATIONS}))"
    return call_json(build, "libuv_pool", expression, env={"UV_THREADPOOL_SIZE": str(pool_size)})  # type: ignore


def event_loop(build: Path) -> None:
    inline, offloaded = call_json(  # type: ignore[misc] - a two-element list from JSON
        build,
        "worker_offload",
        f"(async () => [await m.watchTheLoop(() => m.countPrimes({PRIME_LIMIT})),"
        f" await m.watchTheLoop(() => m.countPrimesOnAWorker({PRIME_LIMIT}))])()",
    )
    print(f"\ncountPrimes({PRIME_LIMIT:,}) while a 10 ms timer runs")
    print(
        f"{'where':<14} {'max loop delay ms':>18} {'loop utilization':>17} {'timer ticks':>12}"
    )
    for name, report in (("main thread", inline), ("worker thread", offloaded)):
        print(
            f"{name:<14} {report['maxDelayMs']:>18.1f} {report['utilization']:>17.2f} {report['ticksDuringTask']:>12}"
        )
    print(
        f"max delay ratio, main thread to worker: {inline['maxDelayMs'] / offloaded['maxDelayMs']:.1f}"
    )
    startups = call_json(
        build,
        "worker_offload",
        "(async () => { const t = []; for (let i = 0; i < 10; i++) { const s = performance.now();"
        " await m.countPrimesOnAWorker(2); t.push(performance.now() - s); } return t; })()",
    )
    print(f"start a worker, get one message back: median {statistics.median(startups):.1f} ms")  # type: ignore


def stream_memory(build: Path) -> None:
    print("\npeak RSS of a node pushing N MiB into a slow consumer")
    print(f"{'MiB':>5} {'ignoring write() MiB':>21} {'pipeline() MiB':>15}")
    baseline = _max_rss_mib(build, "Promise.resolve()")
    peaks: dict[str, list[float]] = {"ignore": [], "pipeline": []}
    for mib in STREAM_MIB:
        chunks = mib * CHUNKS_PER_MIB
        peaks["ignore"].append(_max_rss_mib(build, f"m.ignoreBackpressure({chunks})"))
        peaks["pipeline"].append(_max_rss_mib(build, f"m.throughPipeline({chunks})"))
        print(f"{mib:>5} {peaks['ignore'][-1]:>21.0f} {peaks['pipeline'][-1]:>15.0f}")
    print(f"{'(node with the module loaded, nothing run)':<42} {baseline:.0f} MiB")
    growth = STREAM_MIB[1] / STREAM_MIB[0]
    for name, (small, large) in peaks.items():
        print(
            f"{name:<9} above baseline, ratio {large - baseline:.0f}/{small - baseline:.0f} MiB ="
            f" {(large - baseline) / max(small - baseline, 1):.1f} for {growth:.0f}x the data"
        )


def _max_rss_mib(build: Path, expression: str) -> float:
    kib = call_json(
        build,
        "backpressure",
        f"({expression}).then(() => process.resourceUsage().maxRSS)",
    )
    return kib / 1024  # type: ignore[operator] - a number from JSON


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="bench-node-") as folder:
        compiled = build_node_examples(Path(folder) / "out")
        thread_pool(compiled)
        event_loop(compiled)
        stream_memory(compiled)
