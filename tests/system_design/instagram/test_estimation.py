"""The Instagram notebook: its figures recomputed from its inputs, its measured and
shared inputs checked against their sources, and the design page quoting what it prints.
What every notebook shares is in tests/test_notebooks.py.
"""

from __future__ import annotations

import math
import re
from typing import Any

import pytest

from examples.system_design.instagram.tiering import GLACIER_IR, KINDS, STANDARD
from tests.support.example_files import DOCS_DIR
from tests.support.notebooks import run_as_script

NOTEBOOK = DOCS_DIR / "system-design" / "instagram" / "estimation.py"
PAGE = DOCS_DIR / "system-design" / "instagram" / "index.md"
NEWS_FEED_NOTEBOOK = DOCS_DIR / "system-design" / "news-feed" / "estimation.py"
DAY = 86_400
GB, TB, PB = 10**9, 10**12, 10**15


@pytest.fixture(scope="module")
def run() -> tuple[dict[str, Any], str]:
    return run_as_script(NOTEBOOK)


@pytest.fixture(scope="module")
def ns(run: tuple[dict[str, Any], str]) -> dict[str, Any]:
    return run[0]


@pytest.fixture(scope="module")
def printed(run: tuple[dict[str, Any], str]) -> str:
    return run[1]


# --- the inputs -------------------------------------------------------------------


def test_the_worker_rate_is_the_benchmark_figure_its_comment_quotes(ns: dict[str, Any]) -> None:
    source = NOTEBOOK.read_text(encoding="utf-8")
    rate = ns["THUMBNAIL_JOBS_PER_WORKER_S"]
    comment = " ".join(source.split()).replace("# ", "")
    assert f"the estimate uses {rate} photos per CPU second" in comment
    assert "2.57 MB with sensor-like grain" in comment  # the benchmark's photo, not a smooth one
    assert "benchmarks/system_design/instagram.py" in source


def test_sizes_and_prices_are_the_tier_models(ns: dict[str, Any]) -> None:
    assert ns["RENDITION_BYTES"] == {kind: size for kind, (size, _reads) in KINDS.items()}
    assert ns["PRICE_GB_MONTH"] == {"Standard": STANDARD.gb_month, "Glacier IR": GLACIER_IR.gb_month}
    # The policy the model found cheapest: originals cold at once, renditions hot.
    assert ns["TIER_OF"] == {"original": "Glacier IR", "large": "Standard", "medium": "Standard", "small": "Standard"}


def test_the_feed_id_size_is_the_news_feed_measurement(ns: dict[str, Any]) -> None:
    news = re.search(r"^BYTES_PER_TIMELINE_ID = (\d+)", NEWS_FEED_NOTEBOOK.read_text(encoding="utf-8"), re.M)
    assert news is not None and ns["BYTES_PER_FEED_ID"] == int(news.group(1))


# --- the estimate, recomputed ---------------------------------------------------------


def standard_bill(stored: float) -> float:
    """S3 Standard's monthly bill: 0.023 USD/GB for 50 TB, 0.022 for 450 TB, 0.021 after."""
    first, second = min(stored, 50 * TB), min(max(stored - 50 * TB, 0), 450 * TB)
    return (first * 0.023 + second * 0.022 + max(stored - 500 * TB, 0) * 0.021) / GB


def expected(ns: dict[str, Any], scale: float = 1) -> dict[str, float]:
    """Every headline figure from the input constants, by the plain formulas."""
    uploads, dau, peak = ns["UPLOADS_PER_DAY"] * scale, ns["DAU"] * scale, ns["PEAK_FACTOR"]
    sizes = ns["RENDITION_BYTES"]
    photos = uploads * 365 * ns["YEARS"]
    cold = photos * sizes["original"]
    hot = photos * (sizes["large"] + sizes["medium"] + sizes["small"])
    views = dau * ns["FEED_OPENS_PER_DAU"] * ns["POSTS_PER_FEED_PAGE"]
    cdn = views * sizes["large"] / DAY * peak * 8 / 1e9
    uploads_peak = uploads / DAY * peak
    cache = dau * ns["FEED_CACHE_CAP"] * ns["BYTES_PER_FEED_ID"]
    return {
        "uploads mean": uploads / DAY,
        "uploads peak": uploads_peak,
        "TB per day": uploads * sum(sizes.values()) / TB,
        "originals TB per day": uploads * sizes["original"] / TB,
        "ingress": uploads * sizes["original"] / DAY * peak * 8 / 1e9,
        "stored PB": (cold + hot) / PB,
        "cold PB": cold / PB,
        "hot PB": hot / PB,
        "tiered USD": cold / GB * 0.004 + standard_bill(hot),
        "standard USD": standard_bill(cold + hot),
        "requests USD": uploads * 30 * (0.02 + 0.0004) / 1000,
        "feed reads": dau * ns["FEED_OPENS_PER_DAU"] / DAY * peak,
        "views": views / DAY * peak,
        "cdn": cdn,
        "origin": cdn * (1 - ns["CDN_HIT_RATIO"]),
        "workers": math.ceil(uploads_peak / (ns["THUMBNAIL_JOBS_PER_WORKER_S"] * ns["WORKER_UTILIZATION"])),
        "cache TB": cache / TB,
        "cache all TB": cache * ns["CACHE_REPLICAS"] / TB,
    }


def test_uploads_storage_and_reads_follow_the_inputs(ns: dict[str, Any]) -> None:
    e = expected(ns)
    assert ns["uploads_peak"] == pytest.approx(e["uploads peak"])
    assert ns["ingress_peak"] == pytest.approx(e["ingress"])
    assert sum(ns["tiers"].values()) / PB == pytest.approx(e["stored PB"])
    assert ns["tiers"]["Glacier IR"] / PB == pytest.approx(e["cold PB"])
    assert ns["tiered"] == pytest.approx(e["tiered USD"])
    assert ns["all_standard"] == pytest.approx(e["standard USD"])
    assert ns["originals_requests"] == pytest.approx(e["requests USD"])
    assert ns["feed_reads_peak"] == pytest.approx(e["feed reads"])
    assert ns["cdn_egress_peak"] == pytest.approx(e["cdn"])
    assert ns["origin_egress_peak"] == pytest.approx(e["origin"])
    assert ns["workers"] == e["workers"]
    assert ns["cache_bytes"] / TB == pytest.approx(e["cache TB"])


def test_the_scale_table_grows_with_users(ns: dict[str, Any]) -> None:
    for scale in (1, 10, 100):
        e, row = expected(ns, scale), ns["big"][scale]
        assert row["uploads/s peak"] == pytest.approx(e["uploads peak"])
        assert row["stored PB (5 y)"] == pytest.approx(e["stored PB"])
        assert row["thumbnail workers"] == e["workers"]
        assert row["CDN egress Gbit/s"] == pytest.approx(e["cdn"])
        assert row["feed reads/s peak"] == pytest.approx(e["feed reads"])
        assert row["feed cache TB"] == pytest.approx(e["cache all TB"])


# --- the helpers --------------------------------------------------------------------


def test_helpers_compute_what_they_say(ns: dict[str, Any]) -> None:
    assert ns["per_second"](86_400, 2) == 2.0
    assert ns["gbit_per_s"](125_000_000) == 1.0
    assert ns["workers_needed"](0, 10, 0.5) == 1
    assert ns["workers_needed"](10, 10, 0.5) == 2
    assert ns["workers_needed"](10.1, 10, 1) == 2
    assert ns["stored_by_tier"](1, 0) == {"Standard": 0.0, "Glacier IR": 0.0}
    assert ns["storage_usd"]("Standard", 50 * TB) == pytest.approx(50_000 * 0.023)
    assert ns["storage_usd"]("Standard", 600 * TB) == pytest.approx(50_000 * 0.023 + 450_000 * 0.022 + 100_000 * 0.021)
    assert ns["storage_usd"]("Glacier IR", 600 * TB) == pytest.approx(600_000 * 0.004)
    assert ns["format_table"](["a", "n"], [["x", "1"], ["yy", "22"]]) == "a    n\n--  --\nx    1\nyy  22"


@pytest.mark.parametrize(
    ("helper", "args", "message"),
    [
        ("per_second", (-1,), "per_day must not be negative, got -1"),
        ("per_second", (10, 0.5), "peak_factor must be at least 1, got 0.5"),
        ("gbit_per_s", (-5,), "bytes_per_s must not be negative, got -5"),
        ("workers_needed", (-1, 1, 1), "jobs_per_s must not be negative, got -1"),
        ("workers_needed", (1, 0, 1), "per_worker must be positive, got 0"),
        ("workers_needed", (1, 1, 0), "utilization must be in (0, 1], got 0"),
        ("workers_needed", (1, 1, 1.5), "utilization must be in (0, 1], got 1.5"),
        ("stored_by_tier", (0, 1), "uploads_per_day must be positive, got 0"),
        ("stored_by_tier", (1, -1), "years must not be negative, got -1"),
        ("storage_usd", ("Deep Archive", 1), "tier must be one of ['Glacier IR', 'Standard'], got 'Deep Archive'"),
        ("storage_usd", ("Standard", -1), "stored_bytes must not be negative, got -1"),
        ("format_table", (["a", "b"], [["x"]]), "every row must have one cell per header"),
    ],
)
def test_bad_input_raises_a_clear_error(ns: dict[str, Any], helper: str, args: tuple, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        ns[helper](*args)


# --- the notebook's form --------------------------------------------------------------

NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _numbers(text: str) -> set[str]:
    return {n.rstrip(",.") for n in NUMBER.findall(text)}


# --- the design page restates the numbers ----------------------------------------------


def _section(heading: str) -> str:
    text = PAGE.read_text(encoding="utf-8")
    start = text.index(f"\n## {heading}")
    end = text.find("\n## ", start + 1)
    return " ".join(text[start : end if end != -1 else None].split())


def headline(ns: dict[str, Any]) -> dict[str, str]:
    """Each number the page's estimate states, formatted as the page writes it."""
    e = expected(ns)
    return {
        "uploads": f"{e['uploads mean']:,.0f} uploads per second, {e['uploads peak']:,.0f} per second at the peak",
        "per day": f"{e['TB per day']:,.1f} TB a day, and {e['originals TB per day']:,.1f} TB",
        "ingress": f"{e['ingress']:,.1f} Gbit/s",
        "stored": f"holds {e['stored PB']:,.1f} PB, {e['cold PB']:,.1f} PB",
        "hot": f"{e['hot PB']:,.1f} PB of renditions",
        "bill": f"{e['tiered USD']:,.0f} USD a month against {e['standard USD']:,.0f} USD",
        "requests": f"{e['requests USD']:,.0f} USD a month to move and read",
        "feed reads": f"{e['feed reads']:,.0f} times per second",
        "views": f"viewed {e['views']:,.0f} times",
        "cdn": f"CDN sends {e['cdn']:,.0f} Gbit/s",
        "origin": f"{e['origin']:,.0f} Gbit/s",
        "workers": f"{e['workers']} thumbnail workers",
        "cache": f"{e['cache TB']:,.1f} TB of ids, {e['cache all TB']:,.1f} TB with replicas",
    }


def test_the_estimate_restates_the_headline_numbers(ns: dict[str, Any]) -> None:
    section = _section("The estimate")
    for name, value in headline(ns).items():
        assert value in section, f"{name}: the page should say {value!r}"


def test_the_estimate_section_states_no_other_number(ns: dict[str, Any]) -> None:
    section = _section("The estimate")
    known = _numbers(" ".join(headline(ns).values()))
    extra = _numbers(section) - known - {"10", "100"}  # the 10x and 100x of the table
    assert extra == set(), f"numbers on the page the notebook does not compute: {extra}"


def test_the_scaling_section_matches_the_notebook(ns: dict[str, Any]) -> None:
    section = _section("Bottlenecks and scaling")
    for scale in (10, 100):
        e = expected(ns, scale)
        assert f"{e['uploads peak']:,.0f}" in section, scale
        assert f"{e['stored PB']:,.0f} PB" in section, scale
        assert f"{e['workers']:,}" in section, scale
    ten = expected(ns, 10)
    assert f"{ten['cdn']:,.0f} Gbit/s" in section
    assert f"{ten['feed reads']:,.0f} feed reads per second" in section
    assert f"{ten['cache all TB']:,.0f} TB" in section


def test_the_deep_dives_quote_the_worker_figures(ns: dict[str, Any]) -> None:
    section = _section("Deep dive: thumbnails in a queue, idempotent by their keys")
    assert f"from {ns['THUMBNAIL_JOBS_PER_WORKER_S']} photos per CPU second" in section
    assert f"{expected(ns)['workers']} at the peak" in section
    presigned = _section("Deep dive: presigned uploads keep the bytes off the API servers")
    assert f"{expected(ns)['ingress']:,.1f} Gbit/s" in presigned
