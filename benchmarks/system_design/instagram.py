"""Instagram: thumbnails per second per worker, with and without JPEG draft decoding.

One worker is one process on one core: the time is CPU time, best of a few
runs, of render() (decode, three resizes, three JPEG encodes). The photo is
generated, then given seeded sensor-like grain, so that a 12 MP (4032 x 3024)
JPEG at quality 90 is about 2.5 MB, the notebook's original: a smooth
synthetic image compresses to a fraction of that and decodes faster. Draft
mode lets libjpeg decode at half scale, which is most of the saving. The
notebook's THUMBNAIL_JOBS_PER_WORKER_S quotes the draft figure for 12 MP.

    .venv/bin/python benchmarks/system_design/instagram.py
"""

from __future__ import annotations

import io

import numpy as np
from PIL import Image

from benchmarks.timing import CPU_CLOCK, quick_mode
from examples.system_design.instagram.thumbnails import render, sample_photo

PHOTOS = ((1008, 756),) if quick_mode() else ((2016, 1512), (4032, 3024))
REPEATS = 1 if quick_mode() else 5
GRAIN_SIGMA = 5.0  # gray levels of Gaussian noise: about 2.5 MB at 12 MP


def camera_photo(seed: int, width: int, height: int) -> bytes:
    """sample_photo() plus seeded grain, so the JPEG has a real photo's entropy."""
    with Image.open(io.BytesIO(sample_photo(seed, width, height))) as smooth:
        pixels = np.asarray(smooth.convert("RGB"), dtype=np.int16)
    grain = np.random.default_rng(seed).normal(0, GRAIN_SIGMA, (height, width, 1))
    noisy = np.clip(pixels + grain.astype(np.int16), 0, 255).astype(np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(noisy).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


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
    print(f"  {'photo':>11} {'MB':>5} {'full decode':>12} {'draft decode':>13}  ratio")
    for width, height in PHOTOS:
        original = camera_photo(1, width, height)
        full = jobs_per_second(original, draft=False)
        draft = jobs_per_second(original, draft=True)
        size = f"{width}x{height}"
        mb = len(original) / 10**6
        print(
            f"  {size:>11} {mb:5.2f} {full:12.1f} {draft:13.1f}  {draft / full:6.1f}x"
        )


if __name__ == "__main__":
    main()
