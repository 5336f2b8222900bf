"""The payments estimation notebook: its numbers from the plain formulas, its helpers, the page's figures.

Expected values are recomputed here from the notebook's input constants, never
read back from its results and compared with themselves.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.support.example_files import DOCS_DIR
from tests.support.notebooks import markdown_of, run_as_script

NOTEBOOK = DOCS_DIR / "system-design" / "payments" / "estimation.py"
PAGE = DOCS_DIR / "system-design" / "payments" / "index.md"
DAY = 86_400
GB, TB = 10**9, 10**12


@pytest.fixture(scope="module")
def run() -> tuple[dict[str, Any], str]:
    return run_as_script(NOTEBOOK)


@pytest.fixture(scope="module")
def ns(run: tuple[dict[str, Any], str]) -> dict[str, Any]:
    return run[0]


@pytest.fixture(scope="module")
def printed(run: tuple[dict[str, Any], str]) -> str:
    return run[1]


def expected(ns: dict[str, Any]) -> dict[str, float]:
    """Every headline figure, from the inputs by the plain formulas."""
    n, peak = ns["PAYMENTS_PER_DAY"], ns["PEAK_FACTOR"]
    success, refund = ns["SUCCESS_RATE"], ns["REFUND_RATE"]
    rows = ns["ROW_BYTES"]
    moves = success * (1 + refund)  # successes plus their refunds, per payment
    commits = 2 + ns["CLIENT_RETRY_RATE"] + (1 + success * refund) * ns["DELIVERIES_PER_EVENT"]
    per_payment = rows["payments"] + moves * (rows["journal_entries"] + 3 * rows["postings"])
    return {
        "avg_payments": n / DAY,
        "peak_payments": n / DAY * peak,
        "ledger_rows": moves * 4,
        "commits": commits,
        "peak_commits": n / DAY * peak * commits,
        "year_bytes": per_payment * n * 365,
        "ceiling": 1000 / ns["HOT_ROW_COMMIT_MS"],
        "peak_charges": n / DAY * peak * success,
    }


# --- the estimate -----------------------------------------------------------------


def test_each_figure_follows_from_the_inputs(ns: dict[str, Any]) -> None:
    want = expected(ns)
    assert ns["avg_payments"] == pytest.approx(want["avg_payments"])
    assert ns["peak_payments"] == pytest.approx(want["peak_payments"])
    assert ns["ledger_rows"] == pytest.approx(want["ledger_rows"])
    assert ns["commits"] == pytest.approx(want["commits"])
    assert ns["peak_commits"] == pytest.approx(want["peak_commits"])
    assert ns["year_bytes"] == pytest.approx(want["year_bytes"])
    assert ns["ceiling"] == pytest.approx(want["ceiling"])
    assert ns["peak_charges"] == pytest.approx(want["peak_charges"])


def test_the_defaults_by_hand(ns: dict[str, Any]) -> None:
    # 1,000,000 / 86,400 = 11.57/s; x4 = 46.3/s. 0.9 * 1.03 * 4 = 3.708 rows.
    assert ns["avg_payments"] == pytest.approx(11.574, abs=1e-3)
    assert ns["peak_payments"] == pytest.approx(46.296, abs=1e-3)
    assert ns["ledger_rows"] == pytest.approx(3.708)
    # 250 + 0.927 * (240 + 390) = 834.01 bytes a payment, 365 million payments a year.
    assert ns["year_bytes"] / GB == pytest.approx(834.01 * 0.365)


def test_the_window_tables_hold_a_steady_amount(ns: dict[str, Any]) -> None:
    n, rows = ns["PAYMENTS_PER_DAY"], ns["ROW_BYTES"]
    events = 1 + ns["SUCCESS_RATE"] * ns["REFUND_RATE"]
    want = rows["idempotency_keys"] * n * ns["KEY_RETENTION_DAYS"]
    want += rows["processor_events"] * n * events * ns["EVENT_RETENTION_DAYS"]
    assert ns["window_bytes"] == pytest.approx(want)


def test_scaling_multiplies_the_linear_figures(ns: dict[str, Any]) -> None:
    rows = {row[0]: row for row in ns["scaled"]}
    assert list(rows) == ["1x", "10x", "100x"]
    for scale in (1, 10, 100):
        row = rows[f"{scale}x"]
        assert row[2] == f"{ns['peak_commits'] * scale:,.0f}"
        assert row[3] == f"{ns['year_bytes'] * scale / TB:.2f}"
        assert row[4] == f"{ns['peak_charges'] * scale / ns['ceiling']:.0%}"


def test_the_hot_row_breaks_at_100x_and_not_before(ns: dict[str, Any]) -> None:
    share = ns["peak_charges"] / ns["ceiling"]
    assert share * 10 < 1 < share * 100


def test_the_chart_draws_one_bar_per_scale_and_the_ceiling(ns: dict[str, Any]) -> None:
    ax = ns["ax"]
    assert len(ax.patches) == len(ns["SCALES"])
    assert [line.get_ydata()[0] for line in ax.get_lines()] == [ns["ceiling"]]


def test_the_printout_has_the_tables(printed: str) -> None:
    assert re.search(r"write transactions per second, peak\s+165\n", printed)
    assert re.search(r"kept per year, one copy\s+304\.4\n", printed)
    assert "Traceback" not in printed


# --- the helpers --------------------------------------------------------------------


def test_helpers_on_simple_numbers(ns: dict[str, Any]) -> None:
    assert ns["per_second"](86_400) == 1.0
    assert ns["per_second"](86_400, 3) == 3.0
    assert ns["ledger_rows_per_payment"](1.0, 0.0, 4) == 4
    assert ns["ledger_rows_per_payment"](0.5, 1.0, 4) == 4
    assert ns["commits_per_payment"](0.0, 0.0, 0.0, 1) == 3
    assert ns["commits_per_payment"](1.0, 1.0, 1.0, 2) == 3 + 4
    assert ns["kept_bytes"]({"a": 2, "b": 0.5}, {"a": 10, "b": 4}) == 22
    assert ns["hot_row_ceiling"](4) == 250
    assert ns["format_table"](["k", "v"], [["a", "1"]]) == "k  v\n-  -\na  1"


@pytest.mark.parametrize(
    ("helper", "args", "message"),
    [
        ("per_second", (0,), "per_day must be positive, got 0"),
        ("per_second", (float("nan"),), "per_day must be positive, got nan"),
        ("per_second", (100, 0.5), "peak_factor must be at least 1, got 0.5"),
        ("ledger_rows_per_payment", (1.5, 0, 4), "success must be between 0 and 1, got 1.5"),
        ("ledger_rows_per_payment", (0.5, -0.1, 4), "refund must be between 0 and 1, got -0.1"),
        ("ledger_rows_per_payment", (0.5, 0.1, 0), "rows_per_move must be positive, got 0"),
        ("commits_per_payment", (0.9, 0.1, 2, 1.5), "retry must be between 0 and 1, got 2"),
        ("commits_per_payment", (0.9, 0.1, 0.0, 0.5), "deliveries_per_event must be at least 1, got 0.5"),
        ("kept_bytes", ({}, {"a": 1}), "rows must name at least one table"),
        ("kept_bytes", ({"x": 1}, {"a": 1}), "no row size for table 'x'"),
        ("kept_bytes", ({"a": -1}, {"a": 1}), "rows of 'a' must not be negative, got -1"),
        ("hot_row_ceiling", (0,), "commit_ms must be positive, got 0"),
        ("format_table", (["a", "b"], [["one"]]), "every row must have one cell per header"),
    ],
)
def test_bad_input_raises_a_clear_error(ns: dict[str, Any], helper: str, args: tuple, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        ns[helper](*args)


# --- prose and page -------------------------------------------------------------------


def test_the_prose_states_no_computed_result(ns: dict[str, Any]) -> None:
    prose = markdown_of(NOTEBOOK)
    results = ["11.6", "46.3", "3.71", "3.56", "165", "304", "913", "500", "41.7", "8.3", "1,648", "30.4", "833"]
    for result in results:
        assert result not in prose, result


PAGE_FIGURES = {
    "avg_payments": r"averages ([\d.,]+) payments a second",
    "peak_payments": r"peaks at ([\d.,]+);",
    "ledger_rows": r"writes ([\d.,]+) ledger rows",
    "peak_commits": r"sees ([\d.,]+) write transactions a second at the peak",
    "year_gb": r"grow by ([\d.,]+) GB a year",
    "year_tb_100x": r"([\d.,]+) TB at 100x",
    "ceiling": r"assumed \(not measured\) ([\d.,]+) commits a second per row",
    "peak_charges_10x": r"at 10x, ([\d.,]+) charges a second at the peak",
    "hot_share_100x": r"needs ([\d.,]+) times what one row can take",
}


def page_numbers() -> dict[str, str]:
    """The figures the design page's estimate section restates, by what they are."""
    text = PAGE.read_text(encoding="utf-8")
    section = " ".join(text.split("## The estimate", 1)[1].split("\n## ", 1)[0].split())
    found = {}
    for name, pattern in PAGE_FIGURES.items():
        match = re.search(pattern, section)
        assert match, f"the page no longer states {name}: {pattern}"
        found[name] = match.group(1)
    return found


def test_every_number_the_page_restates_is_the_notebooks(ns: dict[str, Any]) -> None:
    stated = page_numbers()
    want = {
        "avg_payments": f"{ns['avg_payments']:.1f}",
        "peak_payments": f"{ns['peak_payments']:.0f}",
        "ledger_rows": f"{ns['ledger_rows']:.1f}",
        "peak_commits": f"{ns['peak_commits']:.0f}",
        "year_gb": f"{ns['year_bytes'] / GB:.0f}",
        "year_tb_100x": f"{ns['year_bytes'] * 100 / TB:.0f}",
        "ceiling": f"{ns['ceiling']:.0f}",
        "peak_charges_10x": f"{ns['peak_charges'] * 10:.0f}",
        "hot_share_100x": f"{ns['peak_charges'] * 100 / ns['ceiling']:.1f}",
    }
    assert stated == want
