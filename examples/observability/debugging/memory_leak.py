"""Find a memory leak with two tracemalloc snapshots: which line's allocations keep growing.

tracemalloc records the line that allocated each live block. Take a snapshot
after warm-up, let the service handle more traffic, take another, and compare
them by line: a leak is a line whose live blocks grow with the traffic.
"""

from __future__ import annotations

import linecache
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from examples.observability.debugging import profile_cache


@dataclass(frozen=True)
class Growth:
    blocks: int  # live blocks gained between the snapshots
    kib: int  # bytes gained, in KiB (rounded down)
    stack: tuple[str, ...]  # "file:line  code", the allocating line first


# --8<-- [start:growth]
def leak_sites(
    traffic: Callable[[int], None],
    requests: int,
    under: Path,
    *,
    frames: int = 5,
    top: int = 3,
) -> list[Growth]:
    """Run `traffic(requests)` between two snapshots; the call stacks that grew with it.

    `under` is your code, a file or a folder: only blocks allocated with one
    of its frames on the stack count, and only those frames are shown, so the
    standard library and tracemalloc's own bookkeeping stay out. A stack
    counts when it gained at least one live block per 10 requests. `frames`
    is how many callers tracemalloc records per block: the allocating line
    names what was allocated, and its callers show who kept it.
    """
    if requests < 1 or top < 1 or frames < 1:
        raise ValueError("requests, frames and top must be at least 1")
    if tracemalloc.is_tracing():
        raise RuntimeError("tracemalloc is already running; stop it first")
    tracemalloc.start(frames)
    try:
        traffic(requests)  # warm-up: caches and pools that fill once
        before = tracemalloc.take_snapshot()
        traffic(requests)
        after = tracemalloc.take_snapshot()
    finally:
        tracemalloc.stop()
    code = under.resolve()
    pattern = str(code) if code.is_file() else f"{code}/*"
    ours = [tracemalloc.Filter(True, pattern, all_frames=True)]
    stats = after.filter_traces(ours).compare_to(
        before.filter_traces(ours), "traceback"
    )
    report = []
    for stat in stats:
        if len(report) == top:
            break
        if stat.count_diff < requests / 10:
            continue  # one-off growth (a dict resizing), not a leak
        stack = tuple(
            f"{Path(f.filename).name}:{f.lineno}  "
            + linecache.getline(f.filename, f.lineno).split("#")[0].strip()
            for f in reversed(stat.traceback)  # stored oldest first
            if Path(f.filename).resolve().is_relative_to(code)
        )
        report.append(Growth(stat.count_diff, stat.size_diff // 1024, stack))
    return report


# --8<-- [end:growth]


def serve(cache: profile_cache.ProfileCache | profile_cache.BoundedProfileCache):
    """Traffic for `cache`: `n` requests spread over 50 users, each with a fresh id."""
    counter = iter(range(10**9))

    def traffic(n: int) -> None:
        for _ in range(n):
            number = next(counter)
            cache.page(number % 50, f"req-{number:08d}")

    return traffic


if __name__ == "__main__":
    app = Path(profile_cache.__file__)
    # --8<-- [start:demo]
    report = []
    for growth in leak_sites(serve(profile_cache.ProfileCache()), 1_000, app):
        report.append(f"+{growth.blocks} blocks, +{growth.kib} KiB, allocated at")
        report += [f"    {frame}" for frame in growth.stack]
    for line in report:
        print(line)
        #> +1000 blocks, +249 KiB, allocated at
        #>     profile_cache.py:14  return f"<section>user {user_id}</section>" * 8
        #>     profile_cache.py:25  self._pages[key] = render(user_id)
        #> +1000 blocks, +62 KiB, allocated at
        #>     profile_cache.py:23  key = f"{user_id}:{request_id}"
    print(leak_sites(serve(profile_cache.BoundedProfileCache()), 1_000, app))
    #> []
    # --8<-- [end:demo]
