"""Transcode one upload into an HLS ladder, one task per rendition, and check it.

The pipeline is a small DAG: make (or receive) the source, then one transcode
task per rendition (independent, so parallel workers take them from a queue),
then the master playlist, which needs every rendition's measured segment
sizes. Each task writes into a scratch folder and renames it into place, so a
retried or duplicated task finds the finished folder and does nothing. (Object
storage has no rename: there the keys are deterministic and the media playlist,
uploaded last, or the catalog row marks the rendition done.)

ffmpeg and ffprobe must be on PATH (Debian's ffmpeg package). The master
playlist's BANDWIDTH and AVERAGE-BANDWIDTH follow RFC 8216: the peak and the
average segment bit rate, measured from the files, not the requested rate.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

FFMPEG_TIMEOUT_S = 120  # a stuck encoder must not hold a worker forever


class ToolMissing(RuntimeError):
    """ffmpeg or ffprobe is not installed."""


@dataclass(frozen=True)
class Rendition:
    name: str
    width: int
    height: int
    kbps: int  # the target video bit rate

    def __post_init__(self) -> None:
        if self.width % 2 or self.height % 2 or self.width <= 0 or self.height <= 0:
            raise ValueError(f"{self.name}: width and height must be positive and even")
        if self.kbps <= 0:
            raise ValueError(f"{self.name}: kbps must be positive, got {self.kbps}")


# Tiny sizes keep the example fast; a real ladder runs from 240p to 1080p or 4K.
LADDER = (
    Rendition("180p", 320, 180, 300),
    Rendition("144p", 256, 144, 180),
    Rendition("90p", 160, 90, 120),
)
FPS = 24
SEGMENT_S = 2


@dataclass(frozen=True)
class Segment:
    uri: str
    duration: float  # EXTINF, seconds
    size: int  # bytes on disk

    @property
    def bits_per_s(self) -> float:
        """RFC 8216 4.1: a segment's bit rate is its size over its EXTINF duration."""
        return self.size * 8 / self.duration


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise ToolMissing(f"{name} is not installed (Debian's ffmpeg package)")
    return path


def run(args: Sequence[str]) -> str:
    """Run ffmpeg or ffprobe with our arguments only (no shell); return stdout."""
    done = subprocess.run(  # noqa: S603 -- a fixed binary, arguments we built
        [tool(args[0]), *args[1:]],
        capture_output=True,
        text=True,
        timeout=FFMPEG_TIMEOUT_S,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{args[0]} failed: {done.stderr.strip()[-500:]}")
    return done.stdout


def make_source(path: Path, seconds: int = 6, size: str = "320x180") -> Path:
    """A generated test clip standing in for an upload (moving pattern, no audio)."""
    if seconds <= 0:
        raise ValueError(f"seconds must be positive, got {seconds}")
    pattern = f"testsrc=duration={seconds}:size={size}:rate={FPS}"
    args = ["ffmpeg", "-nostdin", "-y", "-loglevel", "error", "-f", "lavfi"]
    args += ["-i", pattern, "-c:v", "libx264", "-crf", "18", "-pix_fmt", "yuv420p"]
    run([*args, "-threads", "1", str(path)])
    return path


# --8<-- [start:encode]
def encode_args(
    source: Path,
    r: Rendition,
    out: Path,
    gop_frames: int | None,
    preset: str = "veryfast",
) -> list[str]:
    """ffmpeg arguments for one rendition as HLS: 2 s segments, VOD playlist."""
    gop = []
    if gop_frames is not None:  # a keyframe every gop_frames, and never elsewhere
        # -g caps the interval; -sc_threshold 0 stops the extra keyframes x264
        # puts at scene cuts. (-keyint_min spaces scene-cut keyframes only, and
        # x264 clamps it to keyint/2 + 1: it adds nothing here.)
        gop = ["-g", str(gop_frames), "-sc_threshold", "0"]
    # fmt: off
    return [
        "ffmpeg", "-nostdin", "-y", "-loglevel", "error", "-i", str(source),
        "-vf", f"scale={r.width}:{r.height}", "-c:v", "libx264", "-preset",
        preset, "-threads", "1", "-b:v", f"{r.kbps}k", "-maxrate",
        f"{r.kbps}k", "-bufsize", f"{2 * r.kbps}k", *gop,
        "-f", "hls", "-hls_time", str(SEGMENT_S), "-hls_playlist_type", "vod",
        "-hls_flags", "independent_segments",
        "-hls_segment_filename", str(out / "seg_%03d.ts"), str(out / "index.m3u8"),
    ]
    # fmt: on


def transcode(
    source: Path,
    r: Rendition,
    root: Path,
    gop_frames: int | None = FPS * SEGMENT_S,
    preset: str = "veryfast",  # x264's speed for size trade; slower is smaller
) -> bool:
    """Encode one rendition into root/<name>/; False if it was already there."""
    final = root / r.name
    if (final / "index.m3u8").exists():
        return False  # a retry, or a duplicate delivery from the queue
    scratch = Path(tempfile.mkdtemp(prefix=f".{r.name}-", dir=root))
    try:
        run(encode_args(source, r, scratch, gop_frames, preset))
        # The playlist names segments relative to itself, so the folder moves whole.
        os.rename(scratch, final)  # atomic; fails if another worker won the race
    except OSError:
        if not (final / "index.m3u8").exists():
            raise
        return False
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return True


# --8<-- [end:encode]


def read_target_duration(playlist: Path) -> int:
    """EXT-X-TARGETDURATION: the longest segment, rounded to whole seconds (4.3.3.1)."""
    for line in playlist.read_text(encoding="utf-8").splitlines():
        if line.startswith("#EXT-X-TARGETDURATION:"):
            target = int(line.split(":", 1)[1])
            if target <= 0:
                raise ValueError(f"{playlist}: target duration must be positive")
            return target
    raise ValueError(f"{playlist} has no EXT-X-TARGETDURATION")


def read_media_playlist(playlist: Path) -> list[Segment]:
    """The segments a media playlist lists, with their durations and sizes."""
    lines = [x.strip() for x in playlist.read_text(encoding="utf-8").splitlines()]
    if not lines or lines[0] != "#EXTM3U":
        raise ValueError(f"{playlist} is not an M3U8 playlist")
    segments, duration = [], None
    for line in lines[1:]:
        if line.startswith("#EXTINF:"):
            duration = float(line[len("#EXTINF:") :].split(",")[0])
        elif line and not line.startswith("#"):
            if duration is None:
                raise ValueError(f"{playlist}: {line} has no EXTINF before it")
            if "/" in line or line.startswith("."):
                raise ValueError(f"{playlist}: segment URI outside its folder: {line}")
            size = (playlist.parent / line).stat().st_size
            segments.append(Segment(line, duration, size))
            duration = None
    return segments


# --8<-- [start:bandwidth]
def peak_bits_per_s(segments: Sequence[Segment], target_s: float) -> int:
    """RFC 8216 4.1: the highest bit rate of any run of consecutive segments
    lasting 0.5 to 1.5 times the target duration."""
    best = 0.0
    for i in range(len(segments)):
        bits = seconds = 0.0
        for s in segments[i:]:
            bits, seconds = bits + s.size * 8, seconds + s.duration
            if seconds > 1.5 * target_s:
                break
            if seconds >= 0.5 * target_s:
                best = max(best, bits / seconds)
    if best == 0:
        raise ValueError("no run of segments lasts 0.5 to 1.5 target durations")
    return round(best)


def average_bits_per_s(segments: Sequence[Segment]) -> int:
    """RFC 8216 4.1: every segment's bits over every segment's duration."""
    if not segments:
        raise ValueError("no segments")
    return round(sum(s.size * 8 for s in segments) / sum(s.duration for s in segments))


def master_playlist(root: Path, ladder: Sequence[Rendition]) -> str:
    """One EXT-X-STREAM-INF per rendition (RFC 8216 4.3.4.2), best first."""
    lines = ["#EXTM3U", "#EXT-X-VERSION:3", "#EXT-X-INDEPENDENT-SEGMENTS"]
    for r in sorted(ladder, key=lambda r: r.kbps, reverse=True):
        playlist = root / r.name / "index.m3u8"
        segments = read_media_playlist(playlist)
        target = read_target_duration(playlist)  # the playlist's, not the asked-for
        # A real service adds CODECS (e.g. "avc1.64001f,mp4a.40.2", a SHOULD in
        # 4.3.4.2) so a player skips what it cannot decode.
        lines.append(
            f"#EXT-X-STREAM-INF:BANDWIDTH={peak_bits_per_s(segments, target)},"
            f"AVERAGE-BANDWIDTH={average_bits_per_s(segments)},"
            f"RESOLUTION={r.width}x{r.height},FRAME-RATE={FPS:.3f}"
        )
        lines.append(f"{r.name}/index.m3u8")
    return "\n".join(lines) + "\n"


# --8<-- [end:bandwidth]


def read_master_playlist(text: str) -> dict[str, dict[str, str]]:
    """Media playlist URI -> the attributes of its EXT-X-STREAM-INF tag."""
    variants, pending = {}, None
    for line in (x.strip() for x in text.splitlines()):
        if line.startswith("#EXT-X-STREAM-INF:"):
            # No quoted attribute (CODECS) is written here, so commas split cleanly.
            pairs = line.split(":", 1)[1].split(",")
            pending = dict(p.split("=", 1) for p in pairs)
        elif line and not line.startswith("#"):
            if pending is None:
                raise ValueError(f"{line} has no EXT-X-STREAM-INF before it")
            variants[line], pending = pending, None
    return variants


def starts_on_keyframe(segment: Path) -> bool:
    """Whether the first video packet of a segment is a keyframe (flag K)."""
    args = ["ffprobe", "-v", "error", "-select_streams", "v:0"]
    args += ["-show_entries", "packet=flags", "-of", "csv=p=0"]
    out = run([*args, "-read_intervals", "%+#1", str(segment)])
    first = next((x for x in out.splitlines() if x.strip()), "")
    return first.startswith("K")


def elementary_stream_bytes(segment: Path) -> int:
    """The video packets' bytes inside a segment, without the MPEG-TS wrapping."""
    args = ["ffprobe", "-v", "error", "-select_streams", "v:0"]
    out = run([*args, "-show_entries", "packet=size", "-of", "csv=p=0", str(segment)])
    return sum(int(x.strip(",")) for x in out.split())


def boundaries(segments: Sequence[Segment]) -> list[float]:
    """Start times of the segments, rounded to the frame (1/FPS s)."""
    starts, t = [], 0.0
    for s in segments:
        starts.append(round(t * FPS) / FPS)
        t += s.duration
    return starts
