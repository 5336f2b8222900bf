"""Video streaming: one worker per rendition against one worker for the ladder.

The design page splits a transcoding job into independent tasks so that
workers run them at once. This measures that on this machine: wall time to
encode the example's three-rung ladder sequentially and with a thread per
rendition (each thread runs its own single-threaded ffmpeg), and their ratio.
With two cores shared with other work, expect well under a 3x speed-up.

Then the input the estimate assumes: encoders' CPU-seconds per second of
video for a full-size ladder (1080p to 240p, five x264 rungs) at two presets,
on a short generated 1080p clip. A test pattern is easier to encode than
camera footage, so read these as a floor.

Also timed: the edge cache simulation, per request, at two catalog sizes
(an OrderedDict LRU should cost the same per request at both).

    .venv/bin/python benchmarks/system_design/video_streaming.py
"""

# requires-tool: ffmpeg, ffprobe

from __future__ import annotations

import resource
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from benchmarks.timing import WALL_CLOCK, quick_mode
from examples.system_design.video_streaming.edge_cache import Catalog, sweep
from examples.system_design.video_streaming.hls_ladder import (
    LADDER,
    Rendition,
    make_source,
    transcode,
)

SECONDS = 4 if quick_mode() else 20
REPEATS = 1 if quick_mode() else 3
REQUESTS = 20_000 if quick_mode() else 200_000
# The estimate's ladder (abr.py's rates), at real sizes.
FULL_LADDER = (
    Rendition("1080p", 1920, 1080, 6000),
    Rendition("720p", 1280, 720, 3000),
    Rendition("480p", 854, 480, 1500),
    Rendition("360p", 640, 360, 750),
    Rendition("240p", 426, 240, 300),
)
FULL_SECONDS = 1 if quick_mode() else 4
PRESETS = ("veryfast",) if quick_mode() else ("veryfast", "medium")


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def encode(
    source: Path,
    ladder: tuple[Rendition, ...],
    parallel: bool,
    preset: str = "veryfast",
) -> tuple[float, float]:
    """(wall seconds, child CPU seconds) to encode the ladder once."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        cpu, start = children_cpu(), WALL_CLOCK()
        if parallel:
            with ThreadPoolExecutor(max_workers=len(ladder)) as pool:
                list(pool.map(lambda r: transcode(source, r, root), ladder))
        else:
            for r in ladder:
                transcode(source, r, root, preset=preset)
        return WALL_CLOCK() - start, children_cpu() - cpu


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = make_source(Path(folder) / "upload.mp4", seconds=SECONDS)
        runs = {
            label: min(encode(source, LADDER, parallel) for _ in range(REPEATS))
            for label, parallel in (("sequential", False), ("one worker each", True))
        }
    print(f"encode a {SECONDS} s clip into {len(LADDER)} renditions, best of {REPEATS}")
    for label, (wall, cpu) in runs.items():
        per_s = cpu / SECONDS
        print(f"  {label:<16} {wall:6.2f} s wall  {per_s:5.2f} CPU-s per video-s")
    speedup = runs["sequential"][0] / runs["one worker each"][0]
    print(f"  wall-time ratio, sequential / parallel: {speedup:.2f}x")
    print()
    print(f"a {FULL_SECONDS} s 1080p clip into {len(FULL_LADDER)} rungs, 1080p to 240p")
    with tempfile.TemporaryDirectory() as folder:
        big = make_source(Path(folder) / "1080p.mp4", FULL_SECONDS, "1920x1080")
        for preset in PRESETS:
            _, cpu = encode(big, FULL_LADDER, parallel=False, preset=preset)
            per_s = cpu / FULL_SECONDS
            print(f"  x264 {preset:<9} {per_s:5.2f} CPU-s per video-s (estimate: 10)")
    print()
    print(f"edge cache simulation, {REQUESTS:,} requests, LRU at 10% of the catalog")
    per_request = {}
    for videos in (100, 10_000):
        start = WALL_CLOCK()
        sweep(Catalog(videos=videos), REQUESTS, seed=5, shares=(0.1,))
        per_request[videos] = (WALL_CLOCK() - start) / REQUESTS
        print(f"  {videos:>6,} videos  {per_request[videos] * 1e6:6.2f} us per request")
    ratio = per_request[10_000] / per_request[100]
    print(f"  per-request ratio, 10,000 / 100 videos: {ratio:.2f} (near 1: O(1))")


if __name__ == "__main__":
    main()
