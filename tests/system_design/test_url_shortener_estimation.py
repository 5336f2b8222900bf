"""The URL shortener estimation notebook: its numbers, its helpers, and its page form.

Expected values are recomputed here from the notebook's input constants with the
plain formulas, not read back from the notebook's own results.
"""

from __future__ import annotations

import contextlib
import io
import math
import re
import runpy
from collections.abc import Iterator
from typing import Any

import jupytext
import matplotlib
import pytest

from tests.support.example_files import DOCS_DIR

NOTEBOOK = DOCS_DIR / "system-design" / "url-shortener" / "estimation.py"
SECONDS_PER_DAY = 86_400
GB = 10**9


@pytest.fixture(scope="module")
def run() -> Iterator[tuple[dict[str, Any], str]]:
    """Run the notebook once as a plain script; yield its globals and its printout."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MPLBACKEND", "Agg")
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            namespace = runpy.run_path(str(NOTEBOOK), run_name="__main__")
        yield namespace, out.getvalue()
        plt.close("all")


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
    assert len(ns["ALPHABET"]) == 62
    assert len(set(ns["ALPHABET"])) == 62
    assert ns["RECORD_FIELDS"]["short_code (7 ASCII chars)"] == ns["CODE_LENGTH"]


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
    assert ns["RECORD_BYTES"] == sum(fields.values())
    # The long URL is the biggest field, which is why its average is the key assumption.
    assert max(fields, key=fields.get).startswith("long_url")


def test_five_year_storage_raw_and_replicated(ns: dict[str, Any]) -> None:
    records = ns["NEW_URLS_PER_DAY"] * 365 * 5
    assert ns["total_records"] == records
    assert ns["raw_storage"] == pytest.approx(records * ns["RECORD_BYTES"])
    assert ns["replicated_storage"] == pytest.approx(records * ns["RECORD_BYTES"] * ns["REPLICATION_FACTOR"])


def test_storage_figures_for_the_default_assumptions(ns: dict[str, Any]) -> None:
    # By hand: 10,000 links/day * 1,825 days * 279 bytes = 5,091,750,000 bytes.
    assert ns["RECORD_BYTES"] == 279
    assert ns["raw_storage"] / GB == pytest.approx(5.09175)
    assert ns["replicated_storage"] / GB == pytest.approx(3 * 5.09175)


def test_cache_holds_the_hot_fifth_of_a_days_requests(ns: dict[str, Any]) -> None:
    fields = ns["RECORD_FIELDS"]
    entry = (
        fields["short_code (7 ASCII chars)"]
        + fields["long_url (average, incl. tracking params)"]
        + ns["CACHE_KEY_OVERHEAD_BYTES"]
    )
    assert ns["CACHE_ENTRY_BYTES"] == entry
    assert ns["hot_cache"] == pytest.approx(1_000_000 * ns["HOT_FRACTION"] * entry)
    assert ns["hot_cache"] == pytest.approx(54.2e6)  # 200,000 entries * 271 bytes


def test_redirect_response_carries_the_long_url(ns: dict[str, Any]) -> None:
    long_url_bytes = ns["RECORD_FIELDS"]["long_url (average, incl. tracking params)"]
    assert len(ns["sample_long_url"]) == long_url_bytes
    assert ns["redirect_response"] > long_url_bytes + len("Location: \r\n")
    assert ns["create_request"] > long_url_bytes


def test_bandwidth_is_qps_times_message_size(ns: dict[str, Any]) -> None:
    reads = 1_000_000 / SECONDS_PER_DAY
    writes = reads / ns["READ_WRITE_RATIO"]
    egress = reads * ns["redirect_response"] + writes * ns["create_response"]
    ingress = reads * ns["redirect_request"] + writes * ns["create_request"]
    assert ns["egress_avg"] == pytest.approx(egress)
    assert ns["ingress_avg"] == pytest.approx(ingress)
    assert ns["mbit_per_s"](125_000) == pytest.approx(1.0)


def test_code_lengths_last_for_the_stated_years(ns: dict[str, Any]) -> None:
    assert ns["code_space"](62, 6) == 56_800_235_584
    assert ns["code_space"](62, 7) == 3_521_614_606_208
    writes_per_day = ns["NEW_URLS_PER_DAY"]
    assert ns["years_to_exhaust"](62**6, writes_per_day) == pytest.approx(62**6 / writes_per_day / 365)
    assert ns["years_to_exhaust"](62**6, 10_000) == pytest.approx(15_561.7, abs=0.1)


def test_scaling_by_100_scales_every_linear_figure(ns: dict[str, Any]) -> None:
    assert ns["SCALE"] == 100
    assert ns["big_peak_reads"] == pytest.approx(100 * ns["peak_read_qps"])
    assert ns["big_raw_storage"] == pytest.approx(100 * ns["raw_storage"])
    assert ns["big_cache"] == pytest.approx(100 * ns["hot_cache"])
    for now, big in ns["code_years"].values():
        assert big == pytest.approx(now / 100)


def test_today_fits_one_node_with_room_to_spare(ns: dict[str, Any]) -> None:
    # The page's verdict, "a small system", rests on every share being tiny.
    assert all(share < 0.01 for share in ns["one_node_share"].values())


def test_printout_shows_the_summary_table(printed: str) -> None:
    lines = printed.splitlines()
    assert any(re.fullmatch(r"peak read QPS\s+34\.72", line) for line in lines)
    assert any(re.fullmatch(r"storage, 5 years, raw\s+5\.09 GB", line) for line in lines)
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


def test_cache_bytes_takes_the_hot_fraction(ns: dict[str, Any]) -> None:
    assert ns["cache_bytes"](1_000, 0.2, 50) == pytest.approx(10_000)
    assert ns["cache_bytes"](1_000, 1, 50) == 50_000


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
    assert profile == ns["diurnal_profile"](10.0, 3.0, samples=96)  # deterministic


def test_format_table_aligns_columns(ns: dict[str, Any]) -> None:
    table = ns["format_table"](["name", "n"], [["a", "1"], ["bb", "22"]])
    assert table == "name   n\n----  --\na      1\nbb    22"


@pytest.mark.parametrize(
    ("helper", "args", "message"),
    [
        ("qps", (0,), "per_day must be positive, got 0"),
        ("qps", (-1_000,), "per_day must be positive, got -1000"),
        ("qps", (float("nan"),), "per_day must be positive, got nan"),
        ("qps", (1_000, 0.5), "peak_factor must be at least 1, got 0.5"),
        ("record_bytes", ({},), "fields must name at least one field"),
        ("record_bytes", ({"url": 0},), "field 'url' must be positive, got 0"),
        ("storage_bytes", (-1, 100, 10), "records_per_day must be positive, got -1"),
        ("storage_bytes", (1, 0, 10), "bytes_per_record must be positive, got 0"),
        ("storage_bytes", (1, 100, 0), "days must be positive, got 0"),
        ("storage_bytes", (1, 100, 10, 0), "replication must be positive, got 0"),
        ("cache_bytes", (1_000, 0, 50), "hot_fraction must be in (0, 1], got 0"),
        ("cache_bytes", (1_000, 1.5, 50), "hot_fraction must be in (0, 1], got 1.5"),
        ("cache_bytes", (1_000, 0.2, -5), "entry_bytes must be positive, got -5"),
        ("http_message_bytes", ("", {}), "start_line must not be empty"),
        ("mbit_per_s", (-1,), "bytes_per_s must not be negative, got -1"),
        ("code_space", (0, 6), "alphabet_size must be positive, got 0"),
        ("code_space", (62, -1), "length must be positive, got -1"),
        ("years_to_exhaust", (62**6, 0), "codes_per_day must be positive, got 0"),
        ("p_any_collision", (0, 100), "codes must be positive, got 0"),
        ("p_next_collision", (-1, 100), "existing must not be negative, got -1"),
        ("p_next_collision", (1, 0), "space must be positive, got 0"),
        ("diurnal_profile", (0, 3.0), "average must be positive, got 0"),
        ("diurnal_profile", (10, 1.0), "peak_factor must be greater than 1, got 1.0"),
        ("diurnal_profile", (10, 4.0), "peak_factor 4.0 is too high for this shape"),
        ("format_table", (["a", "b"], [["only one"]]), "every row must have one cell per header"),
    ],
)
def test_bad_input_raises_a_clear_error(ns: dict[str, Any], helper: str, args: tuple, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        ns[helper](*args)


# --- the page form ----------------------------------------------------------------


def _notebook():
    return jupytext.read(NOTEBOOK, fmt="py:percent")


def test_jupytext_reads_a_titled_notebook() -> None:
    cells = _notebook().cells
    markdown = [c for c in cells if c.cell_type == "markdown"]
    assert cells[0].cell_type == "markdown"
    assert cells[0].source.startswith("# ")
    assert len(markdown) > 1
    assert any(c.cell_type == "code" for c in cells)


def test_matplotlib_magic_survives_the_round_trip() -> None:
    sources = [c.source for c in _notebook().cells if c.cell_type == "code"]
    assert any("\n%matplotlib inline\n" in f"\n{source}\n" for source in sources)


def test_markdown_uses_no_latex() -> None:
    # MathJax is off on purpose: a dollar sign or \( in prose would render raw.
    for cell in _notebook().cells:
        if cell.cell_type == "markdown":
            assert "$" not in cell.source
            assert "\\(" not in cell.source


def test_markdown_states_no_computed_results() -> None:
    """Results live in printed output; prose may only repeat input assumptions."""
    prose = "\n".join(c.source for c in _notebook().cells if c.cell_type == "markdown")
    for result in ["11.57", "34.7", "5.09", "15.28", "54.2", "15,562", "3,472"]:
        assert result not in prose


def test_links_point_at_built_pages() -> None:
    # Notebook markdown bypasses MkDocs' link checks, so check the targets here.
    # From system-design/url-shortener/estimation/, "../../../x/y/" is docs/x/y.md.
    prose = "\n".join(c.source for c in _notebook().cells if c.cell_type == "markdown")
    links = re.findall(r"\]\(([^)]+)\)", prose)
    assert links
    for link in links:
        assert link.startswith("../../../") and link.endswith("/"), link
        target = link.removeprefix("../../../").removesuffix("/")
        candidates = [DOCS_DIR / f"{target}.md", DOCS_DIR / target / "index.md"]
        assert any(path.is_file() for path in candidates), link


def test_kernel_run_embeds_the_chart_as_png(monkeypatch: pytest.MonkeyPatch) -> None:
    """Execute the notebook in a real kernel, as the build does, even with MPLBACKEND=Agg set."""
    from nbclient import NotebookClient

    monkeypatch.setenv("MPLBACKEND", "Agg")
    notebook = _notebook()
    client = NotebookClient(notebook, timeout=60, kernel_name="python3")
    client.execute(cwd=str(NOTEBOOK.parent))
    outputs = [out for cell in notebook.cells if cell.cell_type == "code" for out in cell.outputs]
    assert not [out for out in outputs if out.output_type == "error"]
    assert sum("image/png" in out.get("data", {}) for out in outputs) == 1
