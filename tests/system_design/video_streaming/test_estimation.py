"""The video streaming estimation notebook: its numbers, its helpers, and the page that restates them.

Expected values are recomputed here from the notebook's input constants with the
plain formulas, not read back from its results. The two measured inputs are
checked against the examples that measure them. What every notebook shares is
in tests/test_notebooks.py.
"""

from __future__ import annotations

import math
import re
from typing import Any

import pytest

from examples.system_design.video_streaming.abr import (
    LADDER_KBPS,
    buffer_rule,
    commuter_trace,
    play,
)
from examples.system_design.video_streaming.edge_cache import Catalog, sweep
from tests.support.example_files import DOCS_DIR
from tests.support.notebooks import markdown_of, read, run_as_script

NOTEBOOK = DOCS_DIR / "system-design" / "video-streaming" / "estimation.py"
PAGE = DOCS_DIR / "system-design" / "video-streaming" / "index.md"
DAY = 86_400
PB, EB = 10**15, 10**18


@pytest.fixture(scope="module")
def run() -> tuple[dict[str, Any], str]:
    return run_as_script(NOTEBOOK)


@pytest.fixture(scope="module")
def ns(run: tuple[dict[str, Any], str]) -> dict[str, Any]:
    return run[0]


@pytest.fixture(scope="module")
def printed(run: tuple[dict[str, Any], str]) -> str:
    return run[1]


# --- the inputs ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def edges() -> dict:
    """The CDN demo's sweep: a million requests, seed 5."""
    return sweep(Catalog(), 1_000_000, seed=5, shares=(0.1, 0.2))


def test_the_measured_inputs_are_what_the_examples_measure(
    ns: dict[str, Any], edges: dict
) -> None:
    session = play(buffer_rule, commuter_trace(1_800, seed=3), segments=150)
    assert ns["DELIVERED_KBPS"] == round(session.avg_kbps)
    assert ns["EDGE_BYTE_HIT_RATIO"] == round(edges[0.1].byte_hit_ratio, 3)
    # The edge simulation's rendition mix, as a bit rate: stated in the notebook.
    mix = sum(w * k for w, k in zip(Catalog().rendition_mix, LADDER_KBPS, strict=True))
    assert ns["EDGE_MIX_KBPS"] == round(mix)


def test_the_comments_quote_the_measured_values(ns: dict[str, Any]) -> None:
    source = NOTEBOOK.read_text(encoding="utf-8")
    assert f"{ns['DELIVERED_KBPS']:,} kbit/s on average" in source
    assert f"{ns['EDGE_BYTE_HIT_RATIO']:.1%} of the bytes" in source


def test_the_ladder_is_the_examples_ladder(ns: dict[str, Any]) -> None:
    assert tuple(ns["LADDER_KBPS"].values()) == LADDER_KBPS


# --- the estimate, recomputed --------------------------------------------------------


def expected(ns: dict[str, Any], scale: float = 1) -> dict[str, float]:
    """Every headline figure from the input constants, by the plain formulas."""
    video_s = ns["UPLOADS_PER_DAY"] * scale * ns["UPLOAD_MINUTES"] * 60
    cpu_s = video_s * ns["TRANSCODE_CPU_S_PER_VIDEO_S"]
    peak_cores = cpu_s / DAY * ns["UPLOAD_PEAK_FACTOR"]
    kbps_stored = sum(ns["LADDER_KBPS"].values()) + ns["SOURCE_KBPS"]
    logical = video_s * ns["YEARS"] * 365 * kbps_stored * 1000 / 8
    watch_s = ns["DAILY_VIEWERS"] * scale * ns["WATCH_MINUTES_PER_VIEWER"] * 60
    concurrent = watch_s / DAY * ns["PEAK_FACTOR"]
    peak_bits = concurrent * ns["DELIVERED_KBPS"] * 1000
    monthly = watch_s * ns["DELIVERED_KBPS"] * 1000 / 8 * 30
    miss = 1 - ns["EDGE_BYTE_HIT_RATIO"]
    return {
        "video hours": video_s / 3600,
        "CPU-hours": cpu_s / 3600,
        "workers": math.ceil(peak_cores / (ns["WORKER_CORES"] * ns["WORKER_BUSY"])),
        "ingest Gbit/s": video_s
        * ns["SOURCE_KBPS"]
        * 1000
        / DAY
        * ns["UPLOAD_PEAK_FACTOR"]
        / 1e9,
        "logical PB": logical / PB,
        "physical PB": logical * ns["REDUNDANCY"] / PB,
        "source PB": video_s * ns["YEARS"] * 365 * ns["SOURCE_KBPS"] * 1000 / 8 / PB,
        "concurrent": concurrent,
        "peak Tbit/s": peak_bits / 1e12,
        "origin Tbit/s": peak_bits * miss / 1e12,
        "edge EB": monthly / EB,
        "origin EB": monthly * miss / EB,
    }


def test_uploads_and_transcoding_follow_the_inputs(ns: dict[str, Any]) -> None:
    e = expected(ns)
    assert ns["up"]["video hours"] == pytest.approx(e["video hours"])
    assert ns["up"]["CPU-hours"] == pytest.approx(e["CPU-hours"])
    assert ns["up"]["workers"] == e["workers"]
    assert ns["up"]["ingest Gbit/s"] == pytest.approx(e["ingest Gbit/s"])


def test_storage_follows_the_ladder(ns: dict[str, Any]) -> None:
    e = expected(ns)
    assert ns["logical"] / PB == pytest.approx(e["logical PB"])
    assert ns["physical"] / PB == pytest.approx(e["physical PB"])
    assert ns["storage"]["source"] / PB == pytest.approx(e["source PB"])
    # Each rung's share of the ladder's bytes is its share of the ladder's bit rate.
    ladder = sum(ns["LADDER_KBPS"].values())
    rungs = sum(ns["storage"][k] for k in ns["LADDER_KBPS"])
    assert ns["storage"]["1080p"] / rungs == pytest.approx(6000 / ladder)


def test_viewing_and_egress_follow_the_inputs(ns: dict[str, Any]) -> None:
    e = expected(ns)
    view = ns["view"]
    assert view["concurrent"] == pytest.approx(e["concurrent"])
    assert view["peak Tbit/s"] == pytest.approx(e["peak Tbit/s"])
    assert view["origin peak Tbit/s"] == pytest.approx(e["origin Tbit/s"])
    assert view["edge EB/month"] == pytest.approx(e["edge EB"])
    assert view["origin EB/month"] == pytest.approx(e["origin EB"])


def test_the_scale_table_grows_with_the_service(ns: dict[str, Any]) -> None:
    for scale in (1, 10, 100):
        e, row = expected(ns, scale), ns["big"][scale]
        assert row["concurrent viewers (M)"] == pytest.approx(e["concurrent"] / 1e6)
        assert row["peak egress Tbit/s"] == pytest.approx(e["peak Tbit/s"])
        assert row["edge misses Tbit/s"] == pytest.approx(e["origin Tbit/s"])
        assert row["transcoding workers"] == e["workers"]
        assert row["physical PB, 5 years"] == pytest.approx(e["physical PB"])


def test_the_comparison_with_youtube_uses_its_figures(
    ns: dict[str, Any], printed: str
) -> None:
    uploads = ns["UPLOADS_PER_DAY"] * ns["UPLOAD_MINUTES"] / 60 / (500 * 60 * 24)
    watching = ns["DAILY_VIEWERS"] * ns["WATCH_MINUTES_PER_VIEWER"] / 60 / 1e9
    line = f"against YouTube's figures: uploads {uploads:.0%}, watching {watching:.0%}"
    assert line in printed
    requirements = " ".join(_section("Requirements").split())
    assert (
        f"{uploads:.0%} of its uploads and {watching:.0%} of its watching"
        in requirements
    )


def test_the_chart_falls_to_zero_at_a_perfect_hit_ratio(ns: dict[str, Any]) -> None:
    curve = ns["origin_curve"]
    assert curve == sorted(curve, reverse=True)
    assert ns["egress"](ns["DAILY_VIEWERS"], 1.0)["origin peak Tbit/s"] == 0


# --- the helpers ----------------------------------------------------------------------


def test_helpers_compute_what_they_say(ns: dict[str, Any]) -> None:
    assert ns["per_second"](86_400) == 1.0
    assert ns["per_second"](86_400, 2) == 2.0
    assert ns["concurrent_viewers"](24, 60, 1) == 1.0  # 24 viewer-hours in a day
    assert ns["origin_share"](0.75) == 0.25
    assert ns["workers_needed"](0, 32, 0.5) == 1
    assert ns["workers_needed"](33, 32, 1.0) == 2
    assert (
        ns["format_table"](["a", "n"], [["x", "1"], ["yy", "22"]])
        == "a    n\n--  --\nx    1\nyy  22"
    )


@pytest.mark.parametrize(
    ("helper", "args", "message"),
    [
        ("per_second", (-1,), "per_day must not be negative, got -1"),
        ("per_second", (10, 0.5), "peak_factor must be at least 1, got 0.5"),
        ("concurrent_viewers", (0, 60, 2), "viewers must be positive, got 0"),
        (
            "concurrent_viewers",
            (10, float("nan"), 2),
            "watch_minutes must be positive, got nan",
        ),
        ("origin_share", (1.5,), "byte_hit_ratio must be in [0, 1], got 1.5"),
        (
            "workers_needed",
            (-1, 32, 0.5),
            "cpu_seconds_per_s must not be negative, got -1",
        ),
        ("workers_needed", (1, 0, 0.5), "cores must be positive, got 0"),
        ("workers_needed", (1, 32, 0), "busy must be in (0, 1], got 0"),
        ("uploads", (0,), "per_day must be positive, got 0"),
        ("stored_bytes", (10, -1), "years must not be negative, got -1"),
        (
            "format_table",
            (["a", "b"], [["x"]]),
            "every row must have one cell per header",
        ),
    ],
)
def test_bad_input_raises_a_clear_error(
    ns: dict[str, Any], helper: str, args: tuple, message: str
) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        ns[helper](*args)


# --- the notebook's form ------------------------------------------------------------------

NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _numbers(text: str) -> set[str]:
    return {n.rstrip(",.") for n in NUMBER.findall(text)}


def test_markdown_states_no_computed_results(printed: str) -> None:
    prose = markdown_of(NOTEBOOK)
    code = "\n".join(c.source for c in read(NOTEBOOK).cells if c.cell_type == "code")
    stated = {n for n in _numbers(prose) & _numbers(printed) if n not in _numbers(code)}
    assert {n for n in stated if float(n.replace(",", "")) > 10} == set()
    for result in ["83,333", "3,101", "2,212", "44.0", "14.0", "7.13", "2.27"]:
        assert result not in prose


# --- the design page restates the headline numbers ---------------------------------------


def _section(heading: str) -> str:
    text = PAGE.read_text(encoding="utf-8")
    start = text.index(f"\n## {heading}")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else None]


def headline(ns: dict[str, Any]) -> dict[str, str]:
    """Each number the page's estimate states, formatted as the page writes it."""
    e = expected(ns)
    return {
        "hours": f"{e['video hours']:,.0f} hours of video",
        "cpu": f"{e['CPU-hours']:,.0f} CPU-hours",
        "workers": f"{e['workers']:,} workers of {ns['WORKER_CORES']} cores",
        "logical": f"{e['logical PB']:,.0f} PB",
        "physical": f"{e['physical PB']:,.0f} PB on disk",
        "concurrent": f"{e['concurrent'] / 1e6:.1f} million people",
        "peak": f"{e['peak Tbit/s']:.1f} Tbit/s",
        "hit ratio": f"{ns['EDGE_BYTE_HIT_RATIO']:.1%} of the bytes",
        "origin": f"leaves {e['origin Tbit/s']:.1f} Tbit/s of edge misses",
        "edge month": f"edges send {e['edge EB']:.2f} EB",
        "origin month": f"of which {e['origin EB']:.2f} EB",
    }


def test_the_page_restates_the_headline_numbers(ns: dict[str, Any]) -> None:
    section = " ".join(_section("The estimate").split())
    for name, value in headline(ns).items():
        assert value in section, f"{name}: the page should say {value!r}"


def test_the_estimate_section_states_no_other_number(ns: dict[str, Any]) -> None:
    section = _section("The estimate").split("\n", 2)[2]
    known = _numbers(" ".join(headline(ns).values()))
    extra = _numbers(section) - known - {"10", "100"}  # the 10x and 100x columns
    assert extra == set(), f"numbers on the page the notebook does not compute: {extra}"


def test_the_scaling_section_matches_the_notebook(ns: dict[str, Any]) -> None:
    section = " ".join(_section("Bottlenecks and scaling").split())
    e1, e10, e100 = (expected(ns, s) for s in (1, 10, 100))
    assert f"{e1['peak Tbit/s']:.1f} Tbit/s at the peak" in section
    assert f"at 10x it is {e10['peak Tbit/s']:,.0f} Tbit/s" in section
    assert f"at 100x {e100['peak Tbit/s']:,.0f} Tbit/s" in section
    assert f"The {e1['origin Tbit/s']:.0f} Tbit/s of edge misses" in section
    assert f"{e1['workers']:,} workers today, {e10['workers']:,} at 10x" in section
    assert (
        f"{e1['physical PB']:,.0f} PB on disk after five years, {e10['physical PB']:,.0f} PB at 10x"
        in section
    )
    assert (
        f"{e1['source PB']:,.0f} PB of the {e1['logical PB']:,.0f} PB logical total"
        in section
    )


def test_the_cdn_deep_dive_quotes_the_example(ns: dict[str, Any], edges: dict) -> None:
    section = " ".join(_section("Deep dive: what the CDN saves, measured").split())
    mix = f"mix averages {ns['EDGE_MIX_KBPS']:,} kbit/s, above the player's"
    assert f"{mix} {ns['DELIVERED_KBPS']:,}" in section
    assert f"serves {edges[0.1].byte_hit_ratio:.1%} of the bytes" in section
    ten, twenty = (edges[s].origin_bytes / 1e9 for s in (0.1, 0.2))
    assert f"from {ten:.1f} GB to {twenty:.1f} GB" in section
