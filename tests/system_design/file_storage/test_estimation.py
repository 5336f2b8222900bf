"""The file storage estimation notebook: its numbers, its helpers, and the page that restates them.

Expected values are recomputed here from the notebook's input constants with the
plain formulas, not read back from its results. The two measured inputs are
checked against the example that measures them. What every notebook shares is
in tests/test_notebooks.py.
"""

from __future__ import annotations

import math
import re
from typing import Any

import pytest

from examples.system_design.file_storage.dedup_demo import measure
from tests.support.example_files import DOCS_DIR
from tests.support.notebooks import markdown_of, read, run_as_script

NOTEBOOK = DOCS_DIR / "system-design" / "file-storage" / "estimation.py"
PAGE = DOCS_DIR / "system-design" / "file-storage" / "index.md"
DAY = 86_400
KB, TB, PB = 10**3, 10**12, 10**15


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


def test_the_measured_inputs_are_what_the_example_measures(ns: dict[str, Any]) -> None:
    results = measure()
    cdc = results["content-defined 8 KiB", "replace 100 B mid"]
    fixed = results["fixed 8 KiB", "replace 100 B mid"]
    assert ns["CDC_CHUNKS_PER_EDIT"] == cdc.new_bytes / 8192
    assert ns["FIXED_SHARE_PER_EDIT"] == fixed.share


def test_the_comment_quotes_the_measured_bytes() -> None:
    source = NOTEBOOK.read_text(encoding="utf-8")
    results = measure()
    assert f"{results['content-defined 8 KiB', 'replace 100 B mid'].new_bytes:,} bytes" in source
    fixed = results["fixed 8 KiB", "replace 100 B mid"]
    assert f"{fixed.new_bytes:,} of {fixed.file_bytes:,} bytes" in source


# --- the estimate, recomputed --------------------------------------------------------


def expected(ns: dict[str, Any], users: float = 50_000_000) -> dict[str, float]:
    """Every headline figure from the input constants, by the plain formulas."""
    dau = users * ns["DAU_SHARE"]
    new_files = dau * ns["NEW_FILES_PER_DAU_PER_DAY"]
    edits = dau * ns["EDITS_PER_DAU_PER_DAY"]
    file_b, chunk_b = ns["AVG_FILE_BYTES"], ns["AVG_CHUNK_BYTES"]
    cdc_edit = min(file_b, ns["CDC_CHUNKS_PER_EDIT"] * chunk_b)
    peak = ns["PEAK_FACTOR"]

    def gbit(per_day: float) -> float:
        return per_day / DAY * peak * 8 / 1e9

    days = ns["YEARS"] * 365
    logical = (
        users * ns["FILES_PER_USER"] * file_b + new_files * file_b * days + edits * cdc_edit * ns["VERSION_DAYS"]
    )
    per_file = max(1.0, file_b / chunk_b)
    files = users * ns["FILES_PER_USER"] + new_files * days
    versions = files + edits * ns["VERSION_DAYS"]
    rows = {
        "files": files,
        "versions": versions,
        "version_chunks": versions * per_file,
        "chunks": files * per_file + edits * ns["VERSION_DAYS"] * min(per_file, ns["CDC_CHUNKS_PER_EDIT"]),
        "journal": (new_files + edits) * ns["JOURNAL_DAYS"],
        "devices": users * ns["DEVICES_PER_USER"],
    }
    metadata = sum(rows[t] * ns["ROW_BYTES"][t] for t in rows)
    return {
        "dau": dau,
        "peak commits": (new_files + edits) / DAY * peak,
        "logical PB": logical / PB,
        "physical PB": logical * ns["REDUNDANCY"] / PB,
        "old versions PB": edits * cdc_edit * ns["VERSION_DAYS"] / PB,
        "cdc edit KB": cdc_edit / KB,
        "upload cdc": gbit(new_files * file_b + edits * cdc_edit),
        "upload whole": gbit(new_files * file_b + edits * file_b),
        "download": gbit(new_files * file_b + edits * cdc_edit) * (ns["DEVICES_PER_USER"] - 1),
        "metadata TB": metadata / TB,
        "disk shards": math.ceil(metadata / (ns["SHARD_DISK_BYTES"] * ns["SHARD_FILL"])),
        "commit shards": max(1, math.ceil((new_files + edits) / DAY * peak / ns["SHARD_COMMITS_PER_S"])),
        "puts": (new_files * per_file + edits * min(ns["CDC_CHUNKS_PER_EDIT"], per_file)) / DAY * peak,
    }


def test_traffic_and_storage_follow_the_inputs(ns: dict[str, Any]) -> None:
    e = expected(ns)
    assert ns["day"]["dau"] == pytest.approx(e["dau"])
    assert ns["peak_commits"] == pytest.approx(e["peak commits"])
    assert sum(ns["storage"].values()) / PB == pytest.approx(e["logical PB"])
    assert ns["physical"] / PB == pytest.approx(e["physical PB"])
    assert ns["upload"]["content-defined"]["per edit"] / KB == pytest.approx(e["cdc edit KB"])
    assert ns["cdc_upload_peak"] == pytest.approx(e["upload cdc"])
    assert ns["download_peak"] == pytest.approx(e["download"])
    assert ns["peak_puts"] == pytest.approx(e["puts"])


def test_metadata_follows_the_row_counts(ns: dict[str, Any]) -> None:
    e = expected(ns)
    assert ns["metadata_bytes"] / TB == pytest.approx(e["metadata TB"])
    assert ns["shards"] == max(e["disk shards"], e["commit shards"])
    assert ns["rows"]["version_chunks"] > ns["rows"]["files"]  # chunk lists dominate


def test_the_scale_table_grows_with_users(ns: dict[str, Any]) -> None:
    for scale in (1, 10, 100):
        e = expected(ns, 50_000_000 * scale)
        row = ns["big"][scale]
        assert row["physical PB"] == pytest.approx(e["physical PB"])
        assert row["peak commits/s"] == pytest.approx(e["peak commits"])
        assert row["metadata TB"] == pytest.approx(e["metadata TB"])
        assert row["metadata shards"] == e["disk shards"]
        assert row["shards for commits"] == e["commit shards"]


def test_smaller_chunks_upload_less_and_store_more_rows(ns: dict[str, Any]) -> None:
    table = ns["chunk_table"]
    metadata = [float(r[1].replace(",", "")) for r in table]
    per_edit = [float(r[2].replace(",", "")) for r in table]
    assert metadata == sorted(metadata, reverse=True)
    assert per_edit == sorted(per_edit)
    assert per_edit[-1] == ns["AVG_FILE_BYTES"] / KB  # a chunk bigger than the file: no saving


# --- the helpers ----------------------------------------------------------------------


def test_helpers_compute_what_they_say(ns: dict[str, Any]) -> None:
    assert ns["per_second"](86_400) == 1.0
    assert ns["per_second"](86_400, 3) == 3.0
    assert ns["edit_upload_bytes"]("whole file", 1_000) == 1_000
    assert ns["edit_upload_bytes"]("fixed", 1_000) == pytest.approx(1_000 * ns["FIXED_SHARE_PER_EDIT"])
    assert ns["edit_upload_bytes"]("content-defined", 10**9, 1_000) == pytest.approx(1_000 * ns["CDC_CHUNKS_PER_EDIT"])
    assert ns["edit_upload_bytes"]("content-defined", 500, 1_000) == 500
    assert ns["chunks_per_file"](100, 1_000) == 1.0
    assert ns["chunks_per_file"](4_000, 1_000) == 4.0
    assert ns["gbit_per_s"](125_000_000) == 1.0
    assert ns["shards_needed"](0, 10) == 1
    assert ns["shards_needed"](11, 10) == 2
    assert ns["format_table"](["a", "n"], [["x", "1"], ["yy", "22"]]) == "a    n\n--  --\nx    1\nyy  22"


@pytest.mark.parametrize(
    ("helper", "args", "message"),
    [
        ("per_second", (-1,), "per_day must not be negative, got -1"),
        ("per_second", (10, 0.5), "peak_factor must be at least 1, got 0.5"),
        ("edit_upload_bytes", ("content-defined", 0), "file_bytes must be positive, got 0"),
        ("edit_upload_bytes", ("content-defined", 10, float("nan")), "chunk_bytes must be positive, got nan"),
        ("edit_upload_bytes", ("rsync", 10), "strategy must be 'whole file', 'fixed' or 'content-defined'"),
        ("chunks_per_file", (10, -1), "chunk_bytes must be positive, got -1"),
        ("gbit_per_s", (-5,), "bytes_per_s must not be negative, got -5"),
        ("shards_needed", (-1, 10), "load must not be negative, got -1"),
        ("shards_needed", (1, 0), "per_shard must be positive, got 0"),
        ("traffic", (0,), "users must be positive, got 0"),
        ("stored_bytes", (10, -1, 5), "years must not be negative, got -1"),
        ("format_table", (["a", "b"], [["x"]]), "every row must have one cell per header"),
    ],
)
def test_bad_input_raises_a_clear_error(ns: dict[str, Any], helper: str, args: tuple, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        ns[helper](*args)


# --- the notebook's form ------------------------------------------------------------------

NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _numbers(text: str) -> set[str]:
    return {n.rstrip(",.") for n in NUMBER.findall(text)}


def test_no_bare_abbreviation_the_glossary_reads_as_change_data_capture(printed: str) -> None:
    prose = markdown_of(NOTEBOOK)
    assert re.search(r"\bCDC\b", prose) is None
    assert re.search(r"\bCDC\b", printed) is None
    assert re.search(r"\bCDC\b", PAGE.read_text(encoding="utf-8")) is None


def test_markdown_states_no_computed_results(printed: str) -> None:
    prose = markdown_of(NOTEBOOK)
    code = "\n".join(c.source for c in read(NOTEBOOK).cells if c.cell_type == "code")
    stated = {n for n in _numbers(prose) & _numbers(printed) if n not in _numbers(code)}
    assert {n for n in stated if float(n.replace(",", "")) > 10} == set()
    for result in ["4,167", "43.50", "65.25", "341.2", "5.1", "10.2"]:
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
        "peak commits": f"{e['peak commits']:,.0f} commits per second",
        "logical": f"{e['logical PB']:.2f} PB of logical bytes",
        "physical": f"{e['physical PB']:.2f} PB on disk",
        "old versions": f"{e['old versions PB']:.2f} PB",
        "edit": f"{e['cdc edit KB']:.0f} KB with content-defined chunks",
        "whole file edit": f"{ns['AVG_FILE_BYTES'] / KB:.0f} KB for the whole file",
        "upload": f"{e['upload cdc']:.1f} Gbit/s",
        "whole upload": f"{e['upload whole']:.1f} Gbit/s if every edit",
        "download": f"{e['download']:.1f} Gbit/s",
        "metadata": f"{e['metadata TB']:.1f} TB for one copy",
        "shards": f"{e['disk shards']} shards by disk",
    }


def test_the_page_restates_the_headline_numbers(ns: dict[str, Any]) -> None:
    section = " ".join(_section("The estimate").split())
    for name, value in headline(ns).items():
        assert value in section, f"{name}: the page should say {value!r}"


def test_the_estimate_section_states_no_other_number(ns: dict[str, Any]) -> None:
    section = _section("The estimate").split("\n", 2)[2]
    known = _numbers(" ".join(headline(ns).values()))
    inputs = {"10", "5", "50", "1"}  # ten million users, five years, 10x and 100x
    extra = _numbers(section) - known - inputs - {"100"}
    assert extra == set(), f"numbers on the page the notebook does not compute: {extra}"


def test_the_scaling_section_matches_the_notebook(ns: dict[str, Any]) -> None:
    section = " ".join(_section("Bottlenecks and scaling").split())
    for scale in (1, 10, 100):
        e = expected(ns, 50_000_000 * scale)
        assert f"{e['disk shards']:,} shards" in section, scale
        assert f"{e['peak commits']:,.0f} commits per second" in section, scale
    assert f"{expected(ns, 5e9)['physical PB']:,.0f} PB" in section
    assert f"{expected(ns)['puts']:,.0f} chunk PUTs per second" in section
    assert f"{ns['SHARD_DISK_BYTES'] / TB:.0f} TB" in section
