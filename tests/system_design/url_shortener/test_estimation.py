"""The URL shortener estimation notebook: its numbers, its helpers, and the page that restates them.

Expected values are recomputed here from the notebook's input constants with the
plain formulas, not read back from the notebook's own results. What every notebook
shares (a title, no LaTeX, links that resolve, a chart on the built page) is
checked in tests/test_notebooks.py.
"""

from __future__ import annotations

import math
import re
from typing import Any

import numpy as np
import pytest

from tests.support.example_files import DOCS_DIR
from tests.support.notebooks import markdown_of, read, run_as_script

NOTEBOOK = DOCS_DIR / "system-design" / "url-shortener" / "estimation.py"
PAGE = DOCS_DIR / "system-design" / "url-shortener" / "index.md"
SECONDS_PER_DAY = 86_400
GB, MB = 10**9, 10**6


@pytest.fixture(scope="module")
def run() -> tuple[dict[str, Any], str]:
    return run_as_script(NOTEBOOK)


@pytest.fixture(scope="module")
def ns(run: tuple[dict[str, Any], str]) -> dict[str, Any]:
    return run[0]


@pytest.fixture(scope="module")
def printed(run: tuple[dict[str, Any], str]) -> str:
    return run[1]


# --- the estimate itself -------------------------------------------------------


def test_inputs_match_the_question_and_the_stated_ratios(ns: dict[str, Any]) -> None:
    assert ns["REDIRECTS_PER_DAY"] == 1_000_000
    assert ns["NEW_URLS_PER_DAY"] == 1_000_000 / ns["READ_WRITE_RATIO"]
    assert len(ns["ALPHABET"]) == len(set(ns["ALPHABET"])) == 62
    from examples.system_design.url_shortener.base62 import ALPHABET
    from examples.system_design.url_shortener.cache import DEFAULT_TTL_SECONDS

    assert ns["ALPHABET"] == ALPHABET  # the codec's order, not just its letters
    assert ns["SERVICE_CACHE_TTL_SECONDS"] == DEFAULT_TTL_SECONDS
    assert ns["RECORD_FIELDS"]["short_code (7 ASCII chars)"] == ns["CODE_LENGTH"]
    assert ns["CLICK_EVENT_FIELDS"]["short_code"] == ns["CODE_LENGTH"]
    assert ns["SCALES"] == (10, 100)


def test_read_qps_is_a_million_over_the_seconds_in_a_day(ns: dict[str, Any]) -> None:
    assert ns["avg_read_qps"] == pytest.approx(11.574, abs=1e-3)
    assert ns["avg_read_qps"] == pytest.approx(1_000_000 / SECONDS_PER_DAY)
    assert ns["peak_read_qps"] == pytest.approx(1_000_000 / SECONDS_PER_DAY * ns["PEAK_FACTOR"])


def test_write_qps_follows_the_read_write_ratio(ns: dict[str, Any]) -> None:
    writes_per_day = 1_000_000 / ns["READ_WRITE_RATIO"]
    assert ns["avg_write_qps"] == pytest.approx(writes_per_day / SECONDS_PER_DAY)
    assert ns["peak_write_qps"] == pytest.approx(writes_per_day / SECONDS_PER_DAY * ns["PEAK_FACTOR"])


def test_record_size_is_the_sum_of_its_fields(ns: dict[str, Any]) -> None:
    fields = ns["RECORD_FIELDS"]
    assert ns["RECORD_BYTES"] == sum(fields.values()) == 272
    assert not any("owner" in name for name in fields)  # the schema has no owner
    # The long URL is the biggest field, which is why its average is the key assumption.
    assert max(fields, key=fields.get).startswith("long_url")


def test_five_year_link_storage_raw_and_replicated(ns: dict[str, Any]) -> None:
    records = ns["NEW_URLS_PER_DAY"] * 365 * 5
    assert ns["total_records"] == records == 18_250_000
    assert ns["raw_storage"] == pytest.approx(records * ns["RECORD_BYTES"])
    assert ns["replicated_storage"] == pytest.approx(records * ns["RECORD_BYTES"] * ns["REPLICATION_FACTOR"])
    # By hand: 10,000 links/day * 1,825 days * 272 bytes = 4,964,000,000 bytes.
    assert ns["raw_storage"] / GB == pytest.approx(4.964)


def test_click_events_are_a_row_per_redirect_for_five_years(ns: dict[str, Any]) -> None:
    event = sum(ns["CLICK_EVENT_FIELDS"].values())
    rows = 1_000_000 * 365 * 5
    assert ns["CLICK_EVENT_BYTES"] == event
    assert ns["click_rows"] == rows
    assert ns["click_raw"] == pytest.approx(rows * event)
    assert ns["click_replicated"] == pytest.approx(rows * event * ns["REPLICATION_FACTOR"])
    # The review's figure: about 180 GB of events that the old notebook ignored.
    assert 170 < ns["click_raw"] / GB < 190
    assert ns["click_raw"] / ns["raw_storage"] > 30


def test_cache_memory_is_entries_times_the_measured_entry(ns: dict[str, Any]) -> None:
    entry = ns["CACHE_ENTRY_BYTES"]  # measured against Redis by test_cache.py
    assert ns["all_links_cache"] == pytest.approx(ns["total_records"] * entry)
    assert ns["day_cache"] == ns["distinct_links"] * entry
    assert ns["service_cache"] == pytest.approx(ns["service_entries"] * entry)


def test_hit_rates_are_the_zipf_share_of_the_top_links(ns: dict[str, Any]) -> None:
    n, s = int(ns["total_records"]), ns["ZIPF_EXPONENT"]
    harmonic = np.sum(1.0 / np.arange(1, n + 1, dtype=np.float64) ** s)
    for k in ns["CACHE_SIZES"]:
        top = np.sum(1.0 / np.arange(1, k + 1, dtype=np.float64) ** s)
        assert ns["hit_rate"](ns["cdf"], k) == pytest.approx(top / harmonic, rel=1e-9)
    assert ns["hit_rate"](ns["cdf"], n) == pytest.approx(1.0)


def test_the_seeded_day_touches_the_expected_number_of_distinct_links(ns: dict[str, Any]) -> None:
    """E[distinct] = sum over links of 1 - (1 - p)**clicks; the seeded sample lands within 0.5%."""
    n, s, clicks = int(ns["total_records"]), ns["ZIPF_EXPONENT"], ns["REDIRECTS_PER_DAY"]
    weights = 1.0 / np.arange(1, n + 1, dtype=np.float64) ** s
    p = weights / weights.sum()
    expected = float(np.sum(-np.expm1(clicks * np.log1p(-p))))
    assert ns["distinct_links"] == pytest.approx(expected, rel=0.005)
    assert ns["distinct_links"] > 0.2 * clicks  # far more than the old "hot 20%" rule
    assert len(ns["day"]) == clicks


def test_a_cold_cache_misses_every_first_click_of_the_day(ns: dict[str, Any]) -> None:
    assert ns["cold_day_bound"] == pytest.approx(1 - ns["distinct_links"] / 1_000_000)
    # The upper bound is above what fill-on-miss gets with the service's TTL.
    assert ns["service_hit_rate"] < ns["cold_day_bound"] < ns["upper_bound"]


def test_the_ttl_cache_follows_lambda_t_over_one_plus_lambda_t(ns: dict[str, Any]) -> None:
    n, s = int(ns["total_records"]), ns["ZIPF_EXPONENT"]
    weights = 1.0 / np.arange(1, n + 1, dtype=np.float64) ** s
    p = weights / weights.sum()
    rate = 1_000_000 / SECONDS_PER_DAY
    for ttl in ns["CACHE_TTLS_SECONDS"]:
        x = rate * p * ttl
        hit, entries = ns["ttl_caches"][ttl]
        assert hit == pytest.approx(float(np.sum(p * x / (1 + x))), rel=1e-9)
        assert entries == pytest.approx(float(np.sum(x / (1 + x))), rel=1e-9)
    assert (ns["service_hit_rate"], ns["service_entries"]) == ns["ttl_caches"][3_600]
    # The review's figures for this model: 13.6% at an hour, 33.8% at a day.
    assert round(ns["ttl_caches"][3_600][0], 3) == 0.136
    assert round(ns["ttl_caches"][86_400][0], 3) == 0.338


def test_the_ttl_formula_agrees_with_a_simulated_ttl_cache(ns: dict[str, Any]) -> None:
    """An independent check: Poisson clicks on a small population through a real TTL cache."""
    rng = np.random.default_rng(11)
    shares = ns["popularity_cdf"](200, 0.8)
    shares = np.diff(shares, prepend=0.0)
    rate, ttl, seconds = 2.0, 30.0, 200_000.0
    count = rng.poisson(rate * seconds)
    times = np.sort(rng.uniform(0, seconds, count))
    links = rng.choice(len(shares), size=count, p=shares)
    expires = np.full(len(shares), -np.inf)
    hits = 0
    for t, link in zip(times, links, strict=True):
        if t < expires[link]:
            hits += 1
        else:
            expires[link] = t + ttl  # fill on a miss; a hit does not renew
    expected, _ = ns["ttl_cache"](shares, rate, ttl)
    assert hits / count == pytest.approx(expected, abs=0.005)


def test_redirect_response_carries_the_long_url_and_the_apps_headers(ns: dict[str, Any]) -> None:
    from examples.system_design.url_shortener.redirects import TRACKED_MAX_AGE

    long_url_bytes = ns["RECORD_FIELDS"]["long_url (average, incl. tracking params)"]
    assert len(ns["sample_long_url"]) == long_url_bytes
    assert ns["redirect_response"] > long_url_bytes + len("Location: \r\n")
    assert ns["create_request"] > long_url_bytes
    # The sized response carries the Cache-Control the service really sends.
    response = ns["http_message_bytes"](
        "HTTP/1.1 302 Found",
        {
            "Location": ns["sample_long_url"],
            "Date": "Mon, 01 Jan 2024 00:00:00 GMT",
            "Cache-Control": f"private, max-age={TRACKED_MAX_AGE}",
            "Content-Length": "0",
        },
    )
    assert ns["redirect_response"] == response


def test_a_new_connection_adds_a_whole_tls_handshake(ns: dict[str, Any]) -> None:
    share = ns["NEW_CONNECTION_SHARE"]
    assert ns["click_in"] == ns["redirect_request"] + share * ns["TLS_CLIENT_BYTES"]
    assert ns["click_out"] == ns["redirect_response"] + share * ns["TLS_SERVER_BYTES"]
    # The certificate chain alone (4,032 bytes, cited) is in the server's flight.
    assert ns["TLS_SERVER_BYTES"] > 4_032 + 1_120
    assert ns["TLS_CLIENT_BYTES"] > 1_216


def test_bandwidth_is_qps_times_bytes_per_message(ns: dict[str, Any]) -> None:
    reads = 1_000_000 / SECONDS_PER_DAY
    writes = reads / ns["READ_WRITE_RATIO"]
    egress = reads * (ns["redirect_response"] + ns["TLS_SERVER_BYTES"]) + writes * ns["create_response"]
    ingress = reads * (ns["redirect_request"] + ns["TLS_CLIENT_BYTES"]) + writes * ns["create_request"]
    assert ns["egress_avg"] == pytest.approx(egress)
    assert ns["ingress_avg"] == pytest.approx(ingress)
    assert ns["http_only_egress"] == pytest.approx(reads * ns["redirect_response"] + writes * ns["create_response"])
    assert ns["mbit_per_s"](125_000) == pytest.approx(1.0)


def test_code_lengths_last_for_the_stated_years(ns: dict[str, Any]) -> None:
    from examples.system_design.url_shortener.ranges import FIRST_NUMBER

    assert ns["code_space"](62, 6) == 56_800_235_584
    assert ns["code_space"](62, 7) == 3_521_614_606_208
    # The service's counter starts at 62**6: its 7-character codes run up to 62**7.
    assert ns["counter_codes"](62, 7) == 62**7 - FIRST_NUMBER == 61 * 62**6
    assert ns["years_to_exhaust"](62**6, 10_000) == pytest.approx(15_561.7, abs=0.1)
    for length, years in ns["code_years"].items():
        per_day = [ns["NEW_URLS_PER_DAY"] * scale for scale in (1, 10, 100)]
        assert years == pytest.approx([61 * 62 ** (length - 1) / d / 365 for d in per_day])


def test_each_scale_multiplies_every_linear_figure(ns: dict[str, Any]) -> None:
    for scale in (10, 100):
        figures = ns["big"][scale]
        assert figures["peak read QPS"] == pytest.approx(scale * ns["peak_read_qps"])
        assert figures["peak write QPS"] == pytest.approx(scale * ns["peak_write_qps"])
        assert figures["links raw"] == pytest.approx(scale * ns["raw_storage"])
        assert figures["clicks raw"] == pytest.approx(scale * ns["click_raw"])
        assert figures["every link cached"] == pytest.approx(scale * ns["all_links_cache"])
        assert figures["peak egress"] == pytest.approx(scale * ns["egress_avg"] * ns["PEAK_FACTOR"])


def test_today_fits_one_node_and_100x_does_not(ns: dict[str, Any]) -> None:
    # The verdict, "a small system", rests on every share staying below one node.
    assert all(share < 1 for share in ns["one_node_share"].values())
    assert ns["big"][100]["clicks raw"] > ns["DB_NODE_DISK_BYTES"]
    assert ns["big"][100]["every link cached"] > ns["CACHE_NODE_RAM_BYTES"]


def test_printout_shows_the_summary_table(printed: str) -> None:
    lines = printed.splitlines()
    assert any(re.fullmatch(r"peak read QPS\s+34\.72", line) for line in lines)
    assert any(re.fullmatch(r"links, 5 years, raw\s+4\.96 GB", line) for line in lines)
    assert any(re.fullmatch(r"click events, 5 years, raw\s+178\.85 GB", line) for line in lines)
    assert "Traceback" not in printed


def test_chart_peaks_at_the_stated_hour(ns: dict[str, Any]) -> None:
    profile, hours = ns["profile"], ns["hours"]
    assert hours[profile.index(max(profile))] == ns["PEAK_HOUR"]
    assert len(ns["ax"].get_lines()) == 3


# --- pure helpers ----------------------------------------------------------------


def test_qps_divides_by_seconds_and_scales_by_peak(ns: dict[str, Any]) -> None:
    assert ns["qps"](86_400) == 1.0
    assert ns["qps"](86_400, 2.5) == 2.5


def test_storage_bytes_multiplies_every_factor(ns: dict[str, Any]) -> None:
    assert ns["storage_bytes"](10, 100, 7) == 7_000
    assert ns["storage_bytes"](10, 100, 7, replication=3) == 21_000


def test_popularity_cdf_on_a_tiny_population(ns: dict[str, Any]) -> None:
    cdf = ns["popularity_cdf"](4, 1.0)  # weights 1, 1/2, 1/3, 1/4 over 25/12
    assert list(cdf) == pytest.approx([12 / 25, 18 / 25, 22 / 25, 1.0])
    assert ns["hit_rate"](cdf, 2) == pytest.approx(18 / 25)
    assert ns["hit_rate"](cdf, 99) == 1.0  # a cache larger than the population holds it all


def test_sample_clicks_is_seeded_and_follows_the_weights(ns: dict[str, Any]) -> None:
    cdf = ns["popularity_cdf"](4, 1.0)
    ranks = ns["sample_clicks"](cdf, 100_000, seed=3)
    assert np.array_equal(ranks, ns["sample_clicks"](cdf, 100_000, seed=3))
    shares = np.bincount(ranks, minlength=4) / 100_000
    assert shares == pytest.approx([12 / 25, 6 / 25, 4 / 25, 3 / 25], abs=0.01)


def test_per_click_bytes_adds_the_handshake_share(ns: dict[str, Any]) -> None:
    assert ns["per_click_bytes"](300, 6_000, 1.0) == 6_300
    assert ns["per_click_bytes"](300, 6_000, 0.25) == 1_800
    assert ns["per_click_bytes"](300, 6_000, 0.0) == 300


def test_http_message_bytes_counts_crlf_and_body(ns: dict[str, Any]) -> None:
    # "HTTP/1.1 302 Found\r\n" + "Location: /x\r\n" + "\r\n" = 20 + 14 + 2 bytes
    assert ns["http_message_bytes"]("HTTP/1.1 302 Found", {"Location": "/x"}) == 36
    assert ns["http_message_bytes"]("POST / HTTP/1.1", {}, "héllo") == 17 + 2 + 6


def test_birthday_bound_matches_the_classic_example(ns: dict[str, Any]) -> None:
    exact = 1 - math.prod((365 - i) / 365 for i in range(23))  # 23 people, 365 days
    assert exact == pytest.approx(0.5073, abs=1e-4)
    assert ns["p_any_collision"](23, 365) == pytest.approx(exact, abs=0.01)
    assert ns["p_any_collision"](1, 365) == 0
    # For tiny probabilities the expm1 form keeps precision instead of rounding to 0.
    assert ns["p_any_collision"](2, 62**7) == pytest.approx(1 / 62**7)


def test_next_insert_collision_is_the_filled_share(ns: dict[str, Any]) -> None:
    assert ns["p_next_collision"](0, 100) == 0
    assert ns["p_next_collision"](25, 100) == 0.25
    assert ns["p_next_collision"](500, 100) == 1.0


def test_diurnal_profile_has_the_requested_mean_and_peak(ns: dict[str, Any]) -> None:
    profile = ns["diurnal_profile"](10.0, 3.0, samples=96)
    assert len(profile) == 96
    assert sum(profile) / len(profile) == pytest.approx(10.0)
    assert max(profile) == pytest.approx(30.0)
    assert min(profile) >= 0


def test_format_table_aligns_columns(ns: dict[str, Any]) -> None:
    table = ns["format_table"](["name", "n"], [["a", "1"], ["bb", "22"]])
    assert table == "name   n\n----  --\na      1\nbb    22"


@pytest.mark.parametrize(
    ("helper", "args", "message"),
    [
        ("qps", (0,), "per_day must be positive, got 0"),
        ("qps", (float("nan"),), "per_day must be positive, got nan"),
        ("qps", (1_000, 0.5), "peak_factor must be at least 1, got 0.5"),
        ("record_bytes", ({},), "fields must name at least one field"),
        ("record_bytes", ({"url": 0},), "field 'url' must be positive, got 0"),
        ("storage_bytes", (-1, 100, 10), "records_per_day must be positive, got -1"),
        ("storage_bytes", (1, 100, 10, 0), "replication must be positive, got 0"),
        ("popularity_cdf", (0, 0.8), "links must be positive, got 0"),
        ("popularity_cdf", (10, 0), "exponent must be in (0, 3], got 0"),
        ("popularity_cdf", (10, 5.0), "exponent must be in (0, 3], got 5.0"),
        ("sample_clicks", (np.array([1.0]), 0, 1), "clicks must be positive, got 0"),
        ("hit_rate", (np.array([1.0]), 0), "entries must be positive, got 0"),
        ("ttl_cache", (np.array([1.0]), 0, 60), "clicks_per_second must be positive, got 0"),
        ("ttl_cache", (np.array([1.0]), 1, 0), "ttl_seconds must be positive, got 0"),
        ("ttl_cache", (np.array([0.5, 0.2]), 1, 60), "shares must be non-negative and sum to 1"),
        ("ttl_cache", (np.array([1.5, -0.5]), 1, 60), "shares must be non-negative and sum to 1"),
        ("counter_codes", (62, 0), "length must be positive, got 0"),
        ("per_click_bytes", (0, 100, 1.0), "http_bytes must be positive, got 0"),
        ("per_click_bytes", (300, -1, 1.0), "tls_bytes must not be negative, got -1"),
        ("per_click_bytes", (300, 100, 1.5), "new_connection_share must be in [0, 1], got 1.5"),
        ("http_message_bytes", ("", {}), "start_line must not be empty"),
        ("mbit_per_s", (-1,), "bytes_per_s must not be negative, got -1"),
        ("code_space", (0, 6), "alphabet_size must be positive, got 0"),
        ("years_to_exhaust", (62**6, 0), "codes_per_day must be positive, got 0"),
        ("p_any_collision", (0, 100), "codes must be positive, got 0"),
        ("p_next_collision", (-1, 100), "existing must not be negative, got -1"),
        ("diurnal_profile", (10, 1.0), "peak_factor must be greater than 1, got 1.0"),
        ("diurnal_profile", (10, 4.0), "peak_factor 4.0 is too high for this shape"),
        ("format_table", (["a", "b"], [["only one"]]), "every row must have one cell per header"),
    ],
)
def test_bad_input_raises_a_clear_error(ns: dict[str, Any], helper: str, args: tuple, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        ns[helper](*args)


# --- the notebook's form (the rest is in tests/test_notebooks.py) ------------------


NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _numbers(text: str) -> set[str]:
    return {n.rstrip(",.") for n in NUMBER.findall(text)}


def test_markdown_states_no_computed_results(printed: str) -> None:
    """Results live in printed output; prose may repeat only literals of the code and small counts."""
    prose = markdown_of(NOTEBOOK)
    for result in ["11.57", "34.7", "4.96", "14.89", "178.85", "536.55", "703,880", "6.28", "3,472", "13.6", "50.6"]:
        assert result not in prose
    code = "\n".join(c.source for c in read(NOTEBOOK).cells if c.cell_type == "code")
    allowed = _numbers(code)  # inputs such as 1,000,000 or a status code such as 302
    stated = {n for n in _numbers(prose) & _numbers(printed) if n not in allowed}
    assert {n for n in stated if float(n.replace(",", "")) > 100} == set()


def test_no_sentence_mentions_a_seed_document() -> None:
    prose = markdown_of(NOTEBOOK).lower()
    assert "the seed" not in prose


# --- the design page restates the headline numbers ---------------------------------


def _section(heading: str) -> str:
    text = PAGE.read_text(encoding="utf-8")
    start = text.index(f"\n## {heading}")
    end = text.find("\n## ", start + 1)
    return " ".join(text[start : end if end != -1 else None].split())  # unwrap lines


def headline(ns: dict[str, Any]) -> dict[str, str]:
    """Each number the page's estimate states, formatted as the page writes it."""
    return {
        "average reads": f"{ns['avg_read_qps']:.2f}",
        "peak reads": f"{ns['peak_read_qps']:.2f}",
        "peak writes": f"{ns['peak_write_qps']:.3f}",
        "links raw": f"{ns['raw_storage'] / GB:.2f} GB",
        "clicks raw": f"{ns['click_raw'] / GB:.2f} GB",
        "clicks replicated": f"{ns['click_replicated'] / GB:.2f} GB",
        "distinct links": f"{ns['distinct_links']:,}",
        "service cache entries": f"{ns['service_entries']:,.0f}",
        "service cache memory": f"{ns['service_cache'] / MB:.0f} MB",
        "service hit rate": f"{ns['service_hit_rate']:.1%}",
        "a day's TTL hit rate": f"{ns['ttl_caches'][86_400][0]:.1%}",
        "a day's TTL memory": f"{ns['ttl_caches'][86_400][1] * ns['CACHE_ENTRY_BYTES'] / MB:.0f} MB",
        "cold first day": f"{ns['cold_day_bound']:.1%}",
        "upper bound": f"{ns['upper_bound']:.1%}",
        "every link cached": f"{ns['all_links_cache'] / GB:.2f} GB",
        "new-connection click out": f"{ns['click_out']:,.0f} bytes",
        "http-only response": f"{ns['redirect_response']} bytes",
        "peak egress": f"{mbit_per_s(ns, ns['egress_avg'] * ns['PEAK_FACTOR']):.2f} Mbit/s",
    }


def mbit_per_s(ns: dict[str, Any], bytes_per_s: float) -> float:
    return bytes_per_s * 8 / 10**6


def test_the_page_restates_the_headline_numbers(ns: dict[str, Any]) -> None:
    section = _section("The estimate")
    for name, value in headline(ns).items():
        assert value in section, f"{name}: the page should say {value}"


def test_the_estimate_section_states_no_other_number(ns: dict[str, Any]) -> None:
    section = _section("The estimate").removeprefix("## The estimate")
    known = _numbers(" ".join(headline(ns).values()))
    inputs = {"1", "5", "3", "10", "100"}  # 1M clicks, 5 years, 3 copies, 10x, 100x (1 h TTL)
    extra = _numbers(section) - known - inputs
    assert extra == set(), f"numbers on the page the notebook does not compute: {extra}"


def test_the_scaling_section_matches_the_100x_column(ns: dict[str, Any]) -> None:
    section = _section("Bottlenecks and scaling")
    big = ns["big"][100]
    assert f"{big['peak read QPS']:,.0f}" in section
    assert f"{big['clicks raw'] / 10**12:.1f} TB" in section
    assert f"{big['every link cached'] / GB:,.0f} GB" in section
    assert f"{ns['big'][10]['peak read QPS']:,.0f}" in section


def test_numbers_restated_in_the_deep_dives_match(ns: dict[str, Any]) -> None:
    assert f"about {1 + ns['click_raw'] / ns['raw_storage']:.0f} times its size" in _section("Data model")
    codes = _section("Deep dive: short codes from counter ranges or from a hash")
    assert f"against a peak of {ns['peak_write_qps']:.3f} new links" in codes
    assert f"and {ns['big'][100]['peak write QPS']:.1f} at 100x" in codes
    assert f"{ns['counter_codes'](62, 7):.3g}".replace("e+12", "") in codes  # 3.46 (x 10^12)
    redirects = _section("Deep dive: redirects, 301 or 302, and who keeps a copy")
    assert f"{ns['click_out']:,.0f} bytes out instead of {ns['redirect_response']} in" in redirects
