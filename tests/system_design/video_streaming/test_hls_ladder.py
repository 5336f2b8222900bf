"""The HLS ladder: real encodes with ffmpeg, then the playlists read back and checked."""

from __future__ import annotations

import re
import shutil
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.system_design.video_streaming import hls_ladder as hls
from examples.system_design.video_streaming.hls_ladder import LADDER, Rendition, Segment


@pytest.fixture(scope="module")
def source(ffmpeg: None, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return hls.make_source(tmp_path_factory.mktemp("upload") / "upload.mp4", seconds=6)


@pytest.fixture(scope="module")
def ladder_root(source: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("ladder")
    for r in LADDER:
        assert hls.transcode(source, r, root) is True
    return root


def segments_of(root: Path, r: Rendition) -> list[Segment]:
    return hls.read_media_playlist(root / r.name / "index.m3u8")


# --- the encoded ladder ---------------------------------------------------------------


def test_every_rendition_has_three_two_second_segments(ladder_root: Path) -> None:
    for r in LADDER:
        assert [s.duration for s in segments_of(ladder_root, r)] == [
            2.0,
            2.0,
            2.0,
        ], r.name


def test_boundaries_agree_and_every_segment_starts_on_a_keyframe(
    ladder_root: Path,
) -> None:
    starts = {r.name: hls.boundaries(segments_of(ladder_root, r)) for r in LADDER}
    assert set(map(tuple, starts.values())) == {(0.0, 2.0, 4.0)}
    for r in LADDER:
        for s in segments_of(ladder_root, r):
            assert hls.starts_on_keyframe(ladder_root / r.name / s.uri), (r.name, s.uri)


def test_a_segment_has_one_keyframe_only(ladder_root: Path) -> None:
    """-sc_threshold 0: no extra keyframe at a scene cut inside a segment."""
    segment = ladder_root / "180p" / segments_of(ladder_root, LADDER[0])[1].uri
    probe = ["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries"]
    out = hls.run([*probe, "packet=flags", "-of", "csv=p=0", str(segment)])
    flags = [line for line in out.splitlines() if line.strip()]
    assert len(flags) == 48  # 2 s at 24 fps
    assert sum(f.startswith("K") for f in flags) == 1


def test_sizes_follow_the_requested_rates(ladder_root: Path) -> None:
    """x264 sizes vary by build: each rendition lands near its rate, and the ladder is ordered."""
    averages = []
    for r in LADDER:
        average = hls.average_bits_per_s(segments_of(ladder_root, r))
        assert 0.5 * r.kbps * 1000 < average < 1.5 * r.kbps * 1000, (r.name, average)
        averages.append(average)
    assert averages == sorted(averages, reverse=True)


def test_master_playlist_states_measured_peaks_and_averages(ladder_root: Path) -> None:
    """Recomputed by hand from the files on disk: 2 s segments under a 2 s target
    make every allowed run a single segment, so the peak is the largest file."""
    text = hls.master_playlist(ladder_root, LADDER)
    assert text.startswith("#EXTM3U\n")
    variants = hls.read_master_playlist(text)
    assert list(variants) == [f"{r.name}/index.m3u8" for r in LADDER]  # best first
    for r in LADDER:
        sizes = [p.stat().st_size for p in sorted((ladder_root / r.name).glob("*.ts"))]
        attrs = variants[f"{r.name}/index.m3u8"]
        assert int(attrs["BANDWIDTH"]) == round(max(sizes) * 8 / 2.0)
        assert int(attrs["AVERAGE-BANDWIDTH"]) == round(sum(sizes) * 8 / 6.0)
        assert attrs["RESOLUTION"] == f"{r.width}x{r.height}"
        assert attrs["FRAME-RATE"] == "24.000"


def test_the_peak_uses_each_playlists_own_target_duration(
    source: Path, tmp_path: Path
) -> None:
    """A stretched rendition (one 6 s segment, EXT-X-TARGETDURATION:6) still gets a
    peak: the window is 0.5 to 1.5 of its target, not of the 2 s asked for."""
    hls.transcode(source, LADDER[0], tmp_path)
    hls.transcode(source, LADDER[1], tmp_path, gop_frames=36)
    hls.transcode(source, LADDER[2], tmp_path, gop_frames=None)
    assert hls.read_target_duration(tmp_path / "90p" / "index.m3u8") == 6
    assert hls.read_target_duration(tmp_path / "144p" / "index.m3u8") == 3
    variants = hls.read_master_playlist(hls.master_playlist(tmp_path, LADDER))
    only = segments_of(tmp_path, LADDER[2])[0]
    assert int(variants["90p/index.m3u8"]["BANDWIDTH"]) == round(only.bits_per_s)
    # 144p (3.0, 1.5, 1.5 s under a 3 s target): runs of 1.5 to 4.5 s count.
    s144 = segments_of(tmp_path, LADDER[1])
    assert int(variants["144p/index.m3u8"]["BANDWIDTH"]) == hls.peak_bits_per_s(s144, 3)


def test_the_container_adds_most_at_the_lowest_rate(ladder_root: Path) -> None:
    """MPEG-TS headers and padding over the video packets ffprobe reads: a few to a
    few tens of percent, a bigger share of smaller segments."""
    overheads = []
    for r in LADDER:
        segments = segments_of(ladder_root, r)
        es = sum(
            hls.elementary_stream_bytes(ladder_root / r.name / s.uri) for s in segments
        )
        overheads.append(sum(s.size for s in segments) / es - 1)
    assert all(0.05 < x < 0.5 for x in overheads), overheads
    assert overheads == sorted(overheads), overheads  # 180p first, 90p last


def test_x264_keeps_the_fixed_interval_and_no_scene_cuts(ladder_root: Path) -> None:
    """x264 writes its settings into the stream: keyint 48 and scene cuts off.
    (Its keyint_min only spaces scene-cut keyframes, so it never applies here.)"""
    first = segments_of(ladder_root, LADDER[0])[0].uri
    data = _ts_payload((ladder_root / "180p" / first).read_bytes())
    settings = re.search(rb"keyint=(\d+) keyint_min=\d+ scenecut=(-?\d+)", data)
    assert settings is not None
    assert settings.groups() == (b"48", b"0")


def _ts_payload(ts: bytes) -> bytes:
    """The payload bytes of 188-byte MPEG-TS packets, headers and padding dropped,
    so a string the encoder wrote is not split by a packet header."""
    out = bytearray()
    for i in range(0, len(ts) - 187, 188):
        packet = ts[i : i + 188]
        assert packet[0] == 0x47, "lost sync"
        start = 4
        if packet[3] & 0x20:  # an adaptation field (padding) comes first
            start += 1 + packet[4]
        if packet[3] & 0x10:  # the packet carries a payload
            out += packet[start:]
    return bytes(out)


# --- the task: idempotent, atomic -----------------------------------------------------


def test_a_redelivered_task_encodes_nothing(source: Path, ladder_root: Path) -> None:
    playlist = ladder_root / "90p" / "index.m3u8"
    before = playlist.stat().st_mtime_ns
    assert hls.transcode(source, LADDER[2], ladder_root) is False
    assert playlist.stat().st_mtime_ns == before


def test_two_workers_racing_on_one_rendition_leave_one_folder(
    source: Path, tmp_path: Path
) -> None:
    results: list[bool] = []
    barrier = threading.Barrier(2)

    def work() -> None:
        barrier.wait()
        results.append(hls.transcode(source, LADDER[2], tmp_path))

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(results) == [False, True]
    assert [p.name for p in tmp_path.iterdir()] == ["90p"]  # no scratch folder left
    assert len(segments_of(tmp_path, LADDER[2])) == 3


def test_a_failed_encode_leaves_no_folder(ffmpeg: None, tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="ffmpeg failed"):
        hls.transcode(tmp_path / "missing.mp4", LADDER[0], tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_without_a_fixed_gop_the_segments_stretch(source: Path, tmp_path: Path) -> None:
    hls.transcode(source, LADDER[1], tmp_path, gop_frames=36)
    hls.transcode(source, LADDER[2], tmp_path, gop_frames=None)
    assert [s.duration for s in segments_of(tmp_path, LADDER[1])] == [3.0, 1.5, 1.5]
    assert [s.duration for s in segments_of(tmp_path, LADDER[2])] == [6.0]


def test_the_gop_arguments() -> None:
    fixed = hls.encode_args(Path("in.mp4"), LADDER[0], Path("out"), 48)
    assert fixed[fixed.index("-g") + 1] == "48"
    assert "-keyint_min" not in fixed  # x264 would clamp it to 25 anyway
    assert fixed[fixed.index("-sc_threshold") + 1] == "0"
    free = hls.encode_args(Path("in.mp4"), LADDER[0], Path("out"), None)
    assert "-g" not in free and "-sc_threshold" not in free


def test_a_missing_tool_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(hls.ToolMissing, match="ffmpeg is not installed"):
        hls.run(["ffmpeg", "-version"])


# --- reading playlists ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reader", "text", "message"),
    [
        (hls.read_media_playlist, "hello\n", "not an M3U8 playlist"),
        (hls.read_media_playlist, "#EXTM3U\nseg.ts\n", "no EXTINF"),
        (hls.read_target_duration, "#EXTM3U\n#EXTINF:2,\ns.ts\n", "no EXT-X-TARGET"),
        (hls.read_target_duration, "#EXTM3U\n#EXT-X-TARGETDURATION:0\n", "positive"),
    ],
)
def test_playlist_readers_reject_what_they_cannot_read(
    tmp_path: Path, reader: Callable[[Path], object], text: str, message: str
) -> None:
    bad = tmp_path / "bad.m3u8"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        reader(bad)


@pytest.mark.parametrize("uri", ["../secret.ts", "/etc/passwd", "a/b.ts", ".hidden.ts"])
def test_read_media_playlist_refuses_uris_outside_its_folder(
    tmp_path: Path, uri: str
) -> None:
    playlist = tmp_path / "index.m3u8"
    playlist.write_text(f"#EXTM3U\n#EXTINF:2.0,\n{uri}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="outside its folder"):
        hls.read_media_playlist(playlist)


def test_read_master_playlist_needs_a_tag_before_each_uri() -> None:
    with pytest.raises(ValueError, match="no EXT-X-STREAM-INF"):
        hls.read_master_playlist("#EXTM3U\n180p/index.m3u8\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("x", 321, 180, 100), "positive and even"),
        (("x", 320, 0, 100), "positive and even"),
        (("x", 320, 180, 0), "kbps must be positive"),
    ],
)
def test_a_rendition_refuses_impossible_sizes(args: tuple, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Rendition(*args)


# --- RFC 8216's bit rates, on made-up segments --------------------------------------------


def test_peak_takes_runs_between_half_and_one_and_a_half_targets() -> None:
    # Target 2 s: runs of 1 to 3 s count. The 1 s segment b alone is the peak
    # (7,200 bit/s); a with b lasts 3 s and averages less.
    segments = [Segment("a", 2.0, 1000), Segment("b", 1.0, 900), Segment("c", 1.0, 600)]
    assert hls.peak_bits_per_s(segments, 2) == 7200
    assert hls.average_bits_per_s(segments) == round((1000 + 900 + 600) * 8 / 4)


def test_peak_ignores_runs_too_short_or_too_long() -> None:
    # Target 4 s: a 1 s segment is under half a target, so it counts only with a neighbor.
    segments = [Segment("a", 1.0, 10_000), Segment("b", 4.0, 1000)]
    assert hls.peak_bits_per_s(segments, 4) == round((10_000 + 1000) * 8 / 5)
    with pytest.raises(ValueError, match="no run of segments"):
        hls.peak_bits_per_s([Segment("a", 10.0, 1000)], 2)
    with pytest.raises(ValueError, match="no segments"):
        hls.average_bits_per_s([])


segments_strategy = st.lists(
    st.builds(
        Segment,
        uri=st.just("s.ts"),
        duration=st.sampled_from([0.5, 1.0, 1.5, 2.0, 2.5]),
        size=st.integers(1, 10**6),
    ),
    min_size=1,
    max_size=12,
)


@given(segments_strategy)
def test_peak_is_the_best_allowed_run_and_never_below_the_average(
    segments: list[Segment],
) -> None:
    target = 2.0
    runs = [
        sum(s.size * 8 for s in segments[i:j]) / sum(s.duration for s in segments[i:j])
        for i in range(len(segments))
        for j in range(i + 1, len(segments) + 1)
        if 0.5 * target <= sum(s.duration for s in segments[i:j]) <= 1.5 * target
    ]
    if not runs:
        with pytest.raises(ValueError):
            hls.peak_bits_per_s(segments, target)
        return
    assert hls.peak_bits_per_s(segments, target) == round(max(runs))
