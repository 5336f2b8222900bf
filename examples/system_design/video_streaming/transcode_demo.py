"""Transcode a generated clip into a three-rung HLS ladder and check what came out.

Durations, segment boundaries and keyframes are exact and printed; segment
sizes depend on the x264 build, so the checks on them print True or False
(tests/system_design/video_streaming/test_hls_ladder.py checks them in ranges).
"""

# requires-tool: ffmpeg, ffprobe

from __future__ import annotations

import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from examples.system_design.video_streaming.hls_ladder import (
    LADDER,
    Rendition,
    boundaries,
    elementary_stream_bytes,
    make_source,
    master_playlist,
    read_master_playlist,
    read_media_playlist,
    starts_on_keyframe,
    transcode,
)


def segment_table(root: Path, ladder: tuple[Rendition, ...]) -> tuple[str, bool]:
    """A line per rendition (durations, keyframes); whether boundaries all agree."""
    lines, starts = [f"{'rendition':<10}{'segments (s)':<20}keyframe starts"], []
    for r in ladder:
        segments = read_media_playlist(root / r.name / "index.m3u8")
        durations = " ".join(f"{s.duration:.2f}" for s in segments)
        keyframes = all(starts_on_keyframe(root / r.name / s.uri) for s in segments)
        lines.append(f"{r.name:<10}{durations:<20}{'yes' if keyframes else 'no'}")
        starts.append(boundaries(segments))
    return "\n".join(lines), all(s == starts[0] for s in starts)


def bandwidth_table(root: Path, master: str, ladder: tuple[Rendition, ...]) -> str:
    """What each master playlist entry counts that the encoder's rate does not.

    The MPEG-TS overhead is the segment files' bytes over the video packets'
    bytes ffprobe finds inside them: packet headers and padding, which the
    encoder's rate never counted but BANDWIDTH (from file sizes) does."""
    variants = read_master_playlist(master)
    lines = [f"{'rendition':<10}{'TS adds >10%':<14}BANDWIDTH < 1.5x target"]
    overheads = []
    for r in ladder:
        segments = read_media_playlist(root / r.name / "index.m3u8")
        attrs = variants[f"{r.name}/index.m3u8"]
        es = [elementary_stream_bytes(root / r.name / s.uri) for s in segments]
        overheads.append(sum(s.size for s in segments) / sum(es) - 1)
        near = int(attrs["BANDWIDTH"]) < 1.5 * r.kbps * 1000  # the rate held, roughly
        lines.append(f"{r.name:<10}{overheads[-1] > 0.1!s:<14}{near}")
    falling = overheads == sorted(overheads)  # ladder is best first
    lines.append(f"overhead grows as the rate falls: {falling}")
    return "\n".join(lines)


# --8<-- [start:pipeline]
with tempfile.TemporaryDirectory() as folder:
    root = Path(folder)
    source = make_source(root / "upload.mp4", seconds=6)
    # The DAG: one task per rendition, independent, then the master playlist.
    with ThreadPoolExecutor(max_workers=len(LADDER)) as workers:
        done = list(workers.map(lambda r: transcode(source, r, root), LADDER))
    print(f"renditions encoded: {sum(done)} of {len(LADDER)}")
    #> renditions encoded: 3 of 3
    again = [transcode(source, r, root) for r in LADDER]  # a redelivered task
    print(f"encoded again on retry: {sum(again)}")
    #> encoded again on retry: 0
    table, aligned = segment_table(root, LADDER)
    for line in table.splitlines():
        print(line)
        #> rendition segments (s)        keyframe starts
        #> 180p      2.00 2.00 2.00      yes
        #> 144p      2.00 2.00 2.00      yes
        #> 90p       2.00 2.00 2.00      yes
    print(f"same boundaries in every rendition: {aligned}")
    #> same boundaries in every rendition: True
    master = master_playlist(root, LADDER)
    (root / "master.m3u8").write_text(master, encoding="utf-8")
    for line in bandwidth_table(root, master, LADDER).splitlines():
        print(line)
        #> rendition TS adds >10%  BANDWIDTH < 1.5x target
        #> 180p      True          True
        #> 144p      True          True
        #> 90p       True          True
        #> overhead grows as the rate falls: True
# --8<-- [end:pipeline]


# --8<-- [start:gop]
with tempfile.TemporaryDirectory() as folder:
    root = Path(folder)
    source = make_source(root / "upload.mp4", seconds=6)
    # The same ladder, but 144p gets a keyframe every 36 frames (1.5 s) and
    # 90p is left to x264's default keyframe interval.
    transcode(source, LADDER[0], root)
    transcode(source, LADDER[1], root, gop_frames=36)
    transcode(source, LADDER[2], root, gop_frames=None)
    table, aligned = segment_table(root, LADDER)
    for line in table.splitlines():
        print(line)
        #> rendition segments (s)        keyframe starts
        #> 180p      2.00 2.00 2.00      yes
        #> 144p      3.00 1.50 1.50      yes
        #> 90p       6.00                yes
    print(f"same boundaries in every rendition: {aligned}")
    #> same boundaries in every rendition: False
# --8<-- [end:gop]
