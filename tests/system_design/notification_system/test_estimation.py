"""The notification system notebook: numbers recomputed from its inputs, helpers, and the page.

Expected values come from the notebook's input constants and the plain
formulas, never from the notebook's own results.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.support.example_files import DOCS_DIR
from tests.support.notebooks import markdown_of, run_as_script

NOTEBOOK = DOCS_DIR / "system-design" / "notification-system" / "estimation.py"
PAGE = DOCS_DIR / "system-design" / "notification-system" / "index.md"
DAY = 86_400
TB = 10**12


@pytest.fixture(scope="module")
def run() -> Iterator[tuple[dict[str, Any], str]]:
    yield run_as_script(NOTEBOOK)


@pytest.fixture(scope="module")
def ns(run: tuple[dict[str, Any], str]) -> dict[str, Any]:
    return run[0]


def test_daily_counts_and_rates(ns: dict[str, Any]) -> None:
    users, rates = ns["DAILY_USERS"], ns["PER_USER_PER_DAY"]
    extra = ns["CAMPAIGN_RECIPIENTS"] * ns["CAMPAIGNS_PER_DAY"]
    expected = {ch: users * n + (extra if ch in ns["CAMPAIGN_CHANNELS"] else 0) for ch, n in rates.items()}
    assert ns["daily"] == pytest.approx(expected)
    assert ns["TOTAL_PER_DAY"] == pytest.approx(sum(expected.values()))
    assert ns["TOTAL_PER_DAY"] == 575_000_000  # 50M x 11.1 + 10M x 2, by hand
    for ch, n in rates.items():
        assert ns["peak"][ch] == pytest.approx(users * n / DAY * ns["PEAK_FACTOR"])


def test_campaign_drain_and_backlog(ns: dict[str, Any]) -> None:
    n, fanout = ns["CAMPAIGN_RECIPIENTS"], ns["FANOUT_JOBS_PER_S"]
    for ch in ns["CAMPAIGN_CHANNELS"]:
        limit = ns["PROVIDER_RATE_PER_S"][ch]
        urgent = ns["DAILY_USERS"] * ns["PER_USER_PER_DAY"][ch] / DAY * ns["PEAK_FACTOR"]
        drain = max(limit - urgent, limit * ns["BULK_FLOOR"])
        assert ns["drain_rate"][ch] == pytest.approx(drain)
        assert ns["drain_time"][ch] == pytest.approx(n / drain)
        # Deepest when the fan-out ends at n / fanout seconds.
        assert ns["depth_peak"][ch] == pytest.approx(n - drain * n / fanout)
        assert ns["fits"][ch] == (urgent <= limit * (1 - ns["BULK_FLOOR"]))


def test_the_backlog_curve_rises_then_empties(ns: dict[str, Any]) -> None:
    for curve in ns["curves"].values():
        top = curve.index(max(curve))
        assert curve[0] == 0 and curve[-1] == pytest.approx(0, abs=1e-3)
        assert curve[: top + 1] == sorted(curve[: top + 1])
        assert curve[top:] == sorted(curve[top:], reverse=True)
    assert len(ns["ax"].get_lines()) == len(ns["CAMPAIGN_CHANNELS"])


def test_log_size_and_bill(ns: dict[str, Any]) -> None:
    daily = ns["daily"]
    provider_sends = daily["push"] + daily["email"] + daily["sms"]  # in-app has no callbacks
    events = provider_sends * ns["EVENTS_PER_PROVIDER_SEND"] * ns["EVENT_ROW_BYTES"]
    per_day = (ns["TOTAL_PER_DAY"] * ns["DELIVERY_ROW_BYTES"] + events) * ns["INDEX_FACTOR"]
    assert ns["LOG_PER_YEAR"] == pytest.approx(per_day * 365)
    assert ns["LOG_HOT"] == pytest.approx(per_day * ns["HOT_DAYS"])
    for end, fee in ns["SMS_CARRIER_FEE"].items():
        bill = daily["email"] / 1000 * ns["EMAIL_PER_1000"] + daily["sms"] * (ns["SMS_PER_SEGMENT"] + fee)
        assert ns["COST_PER_DAY"][end] == pytest.approx(bill)
    assert ns["COST_PER_DAY"]["low"] < ns["COST_PER_DAY"]["high"]


def test_scaling_is_linear(ns: dict[str, Any]) -> None:
    for k in ns["SCALES"]:
        assert ns["scaled"][k]["provider USD/day (high fee)"] == pytest.approx(ns["COST_PER_DAY"]["high"] * k)
        assert ns["scaled"][k]["push peak/s"] == pytest.approx(ns["peak"]["push"] * k)


# --- helpers ---------------------------------------------------------------------


def test_helpers(ns: dict[str, Any]) -> None:
    assert ns["per_second"](86_400, 2) == 2
    assert ns["backlog"](100, 10, 4, 5) == 30  # 50 in, 20 out
    assert ns["backlog"](100, 10, 4, 30) == 0  # all sent by t = 25
    assert ns["backlog"](100, 10, 20, 3) == 0  # the drain outruns the fan-out
    assert ns["peak_backlog"](100, 10, 4) == 60
    assert ns["drain_seconds"](100, 4) == 25
    assert ns["format_table"](["a", "n"], [["x", "1"]]) == "a  n\n-  -\nx  1"


@pytest.mark.parametrize(
    ("helper", "args", "message"),
    [
        ("per_second", (0,), "per_day must be positive, got 0"),
        ("per_second", (10, 0.5), "peak_factor must be at least 1, got 0.5"),
        ("backlog", (0, 1, 1, 0), "jobs must be positive, got 0"),
        ("backlog", (1, 1, float("nan"), 0), "drain_rate must be positive, got nan"),
        ("backlog", (1, 1, 1, -1), "t must be zero or more, got -1"),
        ("drain_seconds", (10, 0), "drain_rate must be positive, got 0"),
        ("log_bytes", (10, 5, 0), "days must be positive, got 0"),
        ("log_bytes", (10, 11, 1), "provider_sends must be in [0, notifications], got 11"),
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
        "notifications per day": f"{ns['TOTAL_PER_DAY']:,.0f}",
        "average per second": f"{ns['TOTAL_PER_DAY'] / DAY:,.0f}",
        "transactional peak": f"{sum(ns['peak'].values()):,.0f}",
        "push backlog": f"{ns['depth_peak']['push']:,.0f}",
        "push drain hours": f"{ns['drain_time']['push'] / 3600:.2f} hours",
        "email drain hours": f"{ns['drain_time']['email'] / 3600:.2f} hours",
        "log per year": f"{ns['LOG_PER_YEAR'] / TB:,.1f} TB",
        "log hot": f"{ns['LOG_HOT'] / TB:,.1f} TB",
        "bill per day, low": f"${ns['COST_PER_DAY']['low']:,.0f}",
        "bill per day, high": f"${ns['COST_PER_DAY']['high']:,.0f}",
        "push peak at 10x": f"{ns['scaled'][10]['push peak/s']:,.0f}",
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
    estimate = section(page, "The estimate")
    rates = ns["PROVIDER_RATE_PER_S"]
    inputs = {
        f"{ns['DAILY_USERS'] // 10**6}M",
        f"{ns['CAMPAIGN_RECIPIENTS'] // 10**6}M",
        f"{rates['push'] * 60:,}",  # FCM's quota is documented per minute
        f"{rates['push']:,}",
        f"{rates['email']:,}",
        str(ns["HOT_DAYS"]),
    }
    allowed = {v.split()[0].lstrip("$") for v in values.values()} | inputs
    numbers = {n.rstrip(".,") for n in re.findall(r"\d[\d,.]*M?", estimate)}
    assert inputs <= numbers, inputs - numbers  # the inputs it names are the notebook's
    assert numbers <= allowed, numbers - allowed


def test_the_prose_states_no_computed_result(ns: dict[str, Any]) -> None:
    prose = markdown_of(NOTEBOOK)
    for value in page_values(ns).values():
        assert value.split()[0].lstrip("$") not in prose, value


def test_the_printout_has_the_tables(run: tuple[dict[str, Any], str]) -> None:
    printed = run[1]
    assert "Traceback" not in printed
    assert re.search(r"^all channels\s+575,000,000\s+6,655\s+19,271$", printed, re.MULTILINE)
    assert "urgent peak fits beside the bulk floor: {'push': True, 'email': True}" in printed
