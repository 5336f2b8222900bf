"""Instagram: thumbnails per second per worker, with and without JPEG draft decoding.

One worker is one process on one core: the time is CPU time, best of a few
runs, of render() (decode, three resizes, three JPEG encodes) on a generated
photo. A 12 MP phone photo (4032 x 3024) dominates; draft mode lets libjpeg
decode it at half scale, which is most of the saving. The notebook's
THUMBNAIL_JOBS_PER_WORKER_S quotes the draft figure for a 12 MP photo.

    .venv/bin/python benchmarks/system_design/instagram.py
"""

from __future__ import annotations

from benchmarks.timing import CPU_CLOCK, quick_mode
from examples.system_design.instagram.thumbnails import render, sample_photo

PHOTOS = ((1008, 756),) if quick_mode() else ((2016, 1512), (4032, 3024))
REPEATS = 1 if quick_mode() else 5


def jobs_per_second(original: bytes, *, draft: bool) -> float:
    """Photos (each three renditions) per CPU second, best of REPEATS."""
    best = float("inf")
    for _ in range(REPEATS):
        start = CPU_CLOCK()
        render(original, "image/jpeg", draft=draft)
        best = min(best, CPU_CLOCK() - start)
    return 1 / best


def main() -> None:
    print("photos per CPU second, one worker (three renditions each)")
    print(
        f"  {'photo':>11} {'MB':>5} {'full decode':>12} {'draft decode':>13}  ratio"
    )
    for width, height in PHOTOS:
        original = sample_photo(1, width, height)
        full = jobs_per_second(original, draft=False)
        draft = jobs_per_second(original, draft=True)
        size = f"{width}x{height}"
        mb = len(original) / 10**6
        print(
            f"  {size:>11} {mb:5.2f} {full:12.1f} {draft:13.1f}  {draft / full:6.1f}x"
        )


if __name__ == "__main__":
    main()
