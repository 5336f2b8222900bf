"""The news feed notebook: numbers recomputed from its inputs, helpers, and what the page restates.

Expected values come from the notebook's input constants and the plain
formulas, never from the notebook's own results.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import Any

import pytest

from examples.data.redis.connection import redis_session
from examples.system_design.news_feed.timeline_memory import timeline_bytes
from tests.support.example_files import DOCS_DIR
from tests.support.notebooks import markdown_of, run_as_script

NOTEBOOK = DOCS_DIR / "system-design" / "news-feed" / "estimation.py"
PAGE = DOCS_DIR / "system-design" / "news-feed" / "index.md"
DAY = 86_400
TB = 10**12


@pytest.fixture(scope="module")
def run() -> Iterator[tuple[dict[str, Any], str]]:
    yield run_as_script(NOTEBOOK)


@pytest.fixture(scope="module")
def ns(run: tuple[dict[str, Any], str]) -> dict[str, Any]:
    return run[0]


def exact_zipf_sum(n: int, s: float) -> float:
    return math.fsum(r**-s for r in range(1, n + 1))


def test_posts_and_reads_per_second_follow_from_the_daily_counts(ns: dict[str, Any]) -> None:
    posts = ns["DAILY_USERS"] * ns["POSTS_PER_USER_PER_DAY"]
    reads = ns["DAILY_USERS"] * ns["FEED_READS_PER_USER_PER_DAY"]
    assert ns["posts_avg"] == pytest.approx(posts / DAY)
    assert ns["posts_peak"] == pytest.approx(posts / DAY * ns["PEAK_FACTOR"])
    assert ns["reads_avg"] == pytest.approx(reads / DAY)
    assert ns["reads_peak"] == pytest.approx(reads / DAY * ns["PEAK_FACTOR"])
    assert round(ns["posts_avg"]) == 4_630  # 400M / 86,400 by hand


def test_follower_figures_follow_the_zipf_law(ns: dict[str, Any]) -> None:
    users, top, s = ns["DAILY_USERS"], ns["TOP_FOLLOWERS"], ns["ZIPF_EXPONENT"]
    assert ns["MEDIAN_FOLLOWERS"] == pytest.approx(top / (users / 2) ** s)
    # The sum over 200M ranks, by the integral of x**-s from 0.5 to n + 0.5 plus a
    # correction at the head that an exact sum over the first 10,000 ranks pins down.
    head = exact_zipf_sum(10_000, s)
    integral = lambda a, b: (b ** (1 - s) - a ** (1 - s)) / (1 - s)  # noqa: E731
    total = head + integral(10_000.5, users + 0.5)
    assert ns["MEAN_FOLLOWERS"] == pytest.approx(top * total / users, rel=1e-6)
    assert ns["PULLED_ACCOUNTS"] == math.floor((top / ns["HYBRID_THRESHOLD"]) ** (1 / s))
    pulled = ns["PULLED_ACCOUNTS"]
    assert ns["PULLED_SHARE"] == pytest.approx(exact_zipf_sum(pulled, s) / total, rel=1e-6)


def test_fan_out_rates_are_posts_times_followers(ns: dict[str, Any]) -> None:
    posts = ns["DAILY_USERS"] * ns["POSTS_PER_USER_PER_DAY"] / DAY
    assert ns["fanout_avg"] == pytest.approx(posts * ns["MEAN_FOLLOWERS"])
    assert ns["fanout_median"] == pytest.approx(posts * ns["MEDIAN_FOLLOWERS"])
    assert ns["fanout_peak"] == pytest.approx(posts * ns["PEAK_FACTOR"] * ns["MEAN_FOLLOWERS"])
    assert ns["hybrid_fanout_avg"] == pytest.approx(posts * ns["MEAN_FOLLOWERS"] * (1 - ns["PULLED_SHARE"]))
    assert ns["celebrity_rate"] == ns["TOP_FOLLOWERS"] / ns["DELIVERY_TARGET_SECONDS"]
    fleet = posts * ns["PEAK_FACTOR"] * ns["MEAN_FOLLOWERS"]
    assert ns["celebrity_at_peak_fleet"] == pytest.approx(ns["TOP_FOLLOWERS"] / fleet)


def test_read_sources_and_cache_memory(ns: dict[str, Any]) -> None:
    assert ns["hybrid_sources"] == pytest.approx(1 + ns["MEAN_FOLLOWERS"] * ns["PULLED_SHARE"])
    users = ns["DAILY_USERS"]
    assert ns["memory_one"] == users * ns["TIMELINE_CAP"] * ns["BYTES_PER_TIMELINE_ID"]
    assert ns["memory_all"] == ns["memory_one"] * ns["CACHE_REPLICAS"]
    assert ns["memory_small"] == pytest.approx(
        users * ns["SMALL_CAP"] * ns["BYTES_PER_LISTPACK_ID"] * ns["CACHE_REPLICAS"]
    )
    assert ns["memory_all"] / TB == pytest.approx(57.6)  # 200M x 800 x 120 B x 3
    assert ns["fill_days"] == pytest.approx(
        ns["TIMELINE_CAP"] / (ns["MEAN_FOLLOWERS"] * ns["POSTS_PER_USER_PER_DAY"])
    )


def test_scaling_multiplies_the_linear_figures(ns: dict[str, Any]) -> None:
    for k in ns["SCALES"]:
        assert ns["scaled"][k]["feed reads/s, peak"] == pytest.approx(ns["reads_peak"] * k)
        assert ns["scaled"][k]["cache TB, cap 800 x3"] == pytest.approx(ns["memory_all"] * k / TB)


def test_the_chart_falls_on_writes_and_rises_on_reads(ns: dict[str, Any]) -> None:
    writes, sources = ns["writes_curve"], ns["sources_curve"]
    assert writes == sorted(writes)  # higher threshold, fewer pulled, more writes
    assert sources == sorted(sources, reverse=True)
    assert len(ns["ax"].get_lines()) == 2  # the writes curve and the threshold line


def test_bytes_per_id_matches_the_redis_measurement(ns: dict[str, Any], redis_url: str) -> None:
    cap, small = ns["TIMELINE_CAP"], ns["SMALL_CAP"]
    with redis_session("test_news_feed_memory", redis_url) as (client, prefix):
        _, skiplist = timeline_bytes(client, prefix, cap, posts=cap + 200)
        encoding, listpack = timeline_bytes(client, prefix, small, posts=small + 200)
    assert encoding == "listpack"  # the small cap survives the fan-out's add and trim
    assert skiplist / ns["TIMELINE_CAP"] == pytest.approx(ns["BYTES_PER_TIMELINE_ID"], rel=0.05)
    assert listpack / ns["SMALL_CAP"] == pytest.approx(ns["BYTES_PER_LISTPACK_ID"], rel=0.01)


# --- helpers ---------------------------------------------------------------------


def test_zipf_sum_is_exact_in_the_head_and_close_in_the_tail(ns: dict[str, Any]) -> None:
    assert ns["zipf_sum"](10, 1.0) == pytest.approx(exact_zipf_sum(10, 1.0))
    assert ns["zipf_sum"](3_000_000, 1.0) == pytest.approx(exact_zipf_sum(3_000_000, 1.0), rel=1e-9)
    assert ns["zipf_sum"](2_000_000, 0.75) == pytest.approx(exact_zipf_sum(2_000_000, 0.75), rel=1e-9)


def test_small_helpers(ns: dict[str, Any]) -> None:
    assert ns["per_second"](86_400) == 1
    assert ns["per_second"](86_400, 3) == 3
    assert ns["followers_at_rank"](10, 1_000, 1.0) == pytest.approx(100)
    assert ns["accounts_above"](100, 1_000, 1.0, 5) == 5  # capped at the user count
    assert ns["accounts_above"](2_000, 1_000, 1.0, 5) == 0
    assert ns["pulled_share"](2_000, 1_000, 1.0, 5) == 0
    assert ns["cache_bytes"](2, 3, 10, copies=2) == 120
    assert ns["format_table"](["a", "n"], [["x", "1"], ["yy", "22"]]) == "a    n\n--  --\nx    1\nyy  22"


@pytest.mark.parametrize(
    ("helper", "args", "message"),
    [
        ("per_second", (0,), "per_day must be positive, got 0"),
        ("per_second", (float("nan"),), "per_day must be positive, got nan"),
        ("per_second", (10, 0.5), "peak_factor must be at least 1, got 0.5"),
        ("zipf_sum", (0, 1.0), "ranks must be positive, got 0"),
        ("zipf_sum", (10, -1), "exponent must be positive, got -1"),
        ("followers_at_rank", (0, 10, 1.0), "rank must be positive, got 0"),
        ("accounts_above", (0, 10, 1.0, 5), "threshold must be positive, got 0"),
        ("pulled_share", (10, 10, 1.0, 0), "users must be positive, got 0"),
        ("cache_bytes", (10, 0, 100), "ids_per_user must be positive, got 0"),
        ("cache_bytes", (10, 1, 100, 0), "copies must be positive, got 0"),
        ("format_table", (["a", "b"], [["one"]]), "every row must have one cell per header"),
    ],
)
def test_bad_input_raises_a_clear_error(ns: dict[str, Any], helper: str, args: tuple, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        ns[helper](*args)


# --- prose and page ---------------------------------------------------------------


def page_values(ns: dict[str, Any]) -> dict[str, str]:
    """Each figure the page restates, formatted as the page writes it."""
    return {
        "posts per second": f"{ns['posts_avg']:,.0f}",
        "posts at peak": f"{ns['posts_peak']:,.0f}",
        "reads per second": f"{ns['reads_avg']:,.0f}",
        "reads at peak": f"{ns['reads_peak']:,.0f}",
        "fan-out writes per second": f"{ns['fanout_avg']:,.0f}",
        "celebrity writes": f"{ns['TOP_FOLLOWERS']:,}",
        "celebrity seconds": f"{ns['celebrity_at_peak_fleet']:,.0f} s",
        "memory, cap 800 x3": f"{ns['memory_all'] / TB:.1f} TB",
        "memory, small cap x3": f"{ns['memory_small'] / TB:.2f} TB",
        "hybrid sources per read": f"{ns['hybrid_sources']:.2f} sources",
        "pulled accounts": f"{ns['PULLED_ACCOUNTS']:,}",
        "pulled share": f"{ns['PULLED_SHARE']:.1%}",
        "memory at 10x": f"{ns['scaled'][10]['cache TB, cap 800 x3']:,.0f} TB",
    }


def section(markdown: str, heading: str) -> str:
    start = markdown.index(f"\n## {heading}\n")
    end = markdown.find("\n## ", start + 1)
    return markdown[start:end]


def test_the_page_restates_the_notebooks_numbers(ns: dict[str, Any]) -> None:
    page = PAGE.read_text(encoding="utf-8")
    values = page_values(ns)
    for name, value in values.items():
        assert value in page, f"{name}: the page should say {value}"
    # Every number in the estimate section is an input or one of these results.
    estimate = section(page, "The estimate")
    inputs = {f"{ns['DAILY_USERS'] // 10**6}M", f"{ns['TIMELINE_CAP']}", f"{ns['SMALL_CAP']}"}
    allowed = {v.split()[0] for v in values.values()} | inputs
    numbers = {n.rstrip(".,") for n in re.findall(r"\d[\d,.]*M?", estimate)}
    assert numbers <= allowed, numbers - allowed


def test_the_prose_states_no_computed_result(ns: dict[str, Any]) -> None:
    prose = markdown_of(NOTEBOOK)
    for value in page_values(ns).values():
        assert value.split()[0] not in prose, value
    for value in (f"{ns['MEAN_FOLLOWERS']:,.0f}", f"{ns['hybrid_sources']:.2f}", f"{ns['fill_days']:.1f}"):
        assert value not in prose, value


def test_the_printout_has_the_tables(run: tuple[dict[str, Any], str]) -> None:
    printed = run[1]
    assert "Traceback" not in printed
    assert re.search(r"^posts per second\s+4,630\s+13,889$", printed, re.MULTILINE)
    assert re.search(r"^cap 800, x3 copies\s+57\.6$", printed, re.MULTILINE)
