"""The ride matching estimate: numbers from the plain formulas, its helpers, and the page that restates them.

Expected values are recomputed from the notebook's input constants, never read
back from its results.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

import pytest

from tests.support.example_files import DOCS_DIR, EXAMPLES_DIR
from tests.support.notebooks import markdown_of, run_as_script

NOTEBOOK = DOCS_DIR / "system-design" / "ride-matching" / "estimation.py"
PAGE = DOCS_DIR / "system-design" / "ride-matching" / "index.md"
MEMORY_EXAMPLE = EXAMPLES_DIR / "system_design" / "ride_matching" / "redis_memory.py"
MB, GB, TB = 10**6, 10**9, 10**12


@pytest.fixture(scope="module")
def run() -> tuple[dict[str, Any], str]:
    return run_as_script(NOTEBOOK)


@pytest.fixture(scope="module")
def ns(run: tuple[dict[str, Any], str]) -> dict[str, Any]:
    return run[0]


def test_updates_are_drivers_over_the_interval(ns: dict[str, Any]) -> None:
    assert ns["updates_per_s"] == ns["DRIVERS_ONLINE_PEAK"] / ns["UPDATE_INTERVAL_S"]
    assert ns["updates_per_s"] == 250_000  # 1,000,000 drivers every 4 s, by hand


def test_wire_size_adds_every_layers_header(ns: dict[str, Any]) -> None:
    payload = len(json.dumps(ns["SAMPLE_UPDATE"], separators=(",", ":")))
    assert ns["payload_bytes"] == payload
    frame = 2 + (2 if payload > 125 else 0) + 4  # RFC 6455: 126..65535 takes 2 length bytes
    assert ns["wire_bytes"] == payload + frame + 22 + 32 + 20
    assert ns["ingress_bytes_per_s"] == pytest.approx(ns["updates_per_s"] * ns["wire_bytes"])


def test_the_sized_update_is_the_apis_message(ns: dict[str, Any]) -> None:
    """The notebook sizes exactly the message the page's API section shows."""
    page = PAGE.read_text(encoding="utf-8")
    block = page.split("# driver -> server", 1)[1].split("\n#", 1)[0]
    message = json.loads(block[block.index("{") :])
    assert message == ns["SAMPLE_UPDATE"]
    assert "driver_id" not in message  # the socket is authenticated once


def test_primaries_are_the_write_rate_over_the_budget(ns: dict[str, Any]) -> None:
    assert ns["write_primaries"] == math.ceil(ns["updates_per_s"] / ns["REDIS_UPDATES_PER_PRIMARY"])


def test_live_state_is_drivers_times_bytes(ns: dict[str, Any]) -> None:
    assert ns["live_bytes"] == ns["DRIVERS_ONLINE_PEAK"] * ns["LIVE_STATE_BYTES_PER_DRIVER"]


def test_the_bytes_per_driver_are_what_redis_measured() -> None:
    """The notebook's constant equals the example's checked output (Redis MEMORY USAGE)."""
    printed = re.search(r"#> live state (\d+) bytes per driver", MEMORY_EXAMPLE.read_text(encoding="utf-8"))
    assert printed, "redis_memory.py no longer prints its total"
    source = NOTEBOOK.read_text(encoding="utf-8")
    assert f"LIVE_STATE_BYTES_PER_DRIVER = {printed.group(1)}" in source


def test_searches_and_map_reads(ns: dict[str, Any]) -> None:
    rides = ns["RIDES_PER_DAY"]
    assert ns["avg_ride_qps"] == pytest.approx(rides / 86_400)
    assert ns["peak_ride_qps"] == pytest.approx(rides / 86_400 * ns["RIDE_PEAK_FACTOR"])
    assert ns["peak_match_searches"] == pytest.approx(ns["peak_ride_qps"] * ns["SEARCHES_PER_RIDE"])
    assert ns["nearby_map_reads"] == ns["RIDER_APPS_OPEN_PEAK"] / ns["NEARBY_REFRESH_S"]
    assert ns["nearby_map_reads"] > 100 * ns["peak_match_searches"]  # the page's "far more"


def test_history_keeps_trips_and_samples_idle_time(ns: dict[str, Any]) -> None:
    per_day = ns["DRIVERS_ONLINE_PEAK"] * ns["DAY_AVERAGE_SHARE"] * 86_400 / ns["UPDATE_INTERVAL_S"]
    share = ns["TRIP_SHARE"] + (1 - ns["TRIP_SHARE"]) / ns["IDLE_KEEP_ONE_IN"]
    assert ns["updates_per_day"] == pytest.approx(per_day)
    assert ns["kept"] == pytest.approx(share)
    assert ns["history_bytes_per_day"] == pytest.approx(per_day * share * ns["HISTORY_ROW_BYTES"])
    assert ns["history_retained"] == pytest.approx(per_day * share * ns["HISTORY_ROW_BYTES"] * 90)
    assert ns["HISTORY_ROW_BYTES"] == 28


def test_growth_is_linear_in_drivers(ns: dict[str, Any]) -> None:
    for scale, (ups, ingress, memory, primaries) in ns["growth"].items():
        assert ups == pytest.approx(scale * ns["updates_per_s"])
        assert ingress == pytest.approx(scale * ns["ingress_bytes_per_s"])
        assert memory == scale * ns["live_bytes"]
        assert primaries == math.ceil(ups / ns["REDIS_UPDATES_PER_PRIMARY"])


def test_the_chart_draws_three_fleets_and_the_budget(ns: dict[str, Any]) -> None:
    lines = ns["ax"].get_lines()
    assert len(lines) == 5  # three fleets, the budget, the assumed interval
    assert list(lines[1].get_ydata()) == [ns["DRIVERS_ONLINE_PEAK"] / i for i in ns["intervals"]]


def test_printout_has_the_summary(run: tuple[dict[str, Any], str]) -> None:
    printed = run[1]
    assert re.search(r"^location updates/s, peak\s+250,000$", printed, re.MULTILINE)
    assert "Traceback" not in printed


@pytest.mark.parametrize(
    ("helper", "args", "message"),
    [
        ("per_second", (0, 4), "count must be positive, got 0"),
        ("per_second", (10, 0), "interval_s must be positive, got 0"),
        ("qps", (float("nan"),), "per_day must be positive, got nan"),
        ("qps", (100, 0.5), "peak_factor must be at least 1, got 0.5"),
        ("websocket_client_overhead", (-1,), "payload_bytes must not be negative, got -1"),
        ("primaries_for", (-1, 10), "load must not be negative, got -1"),
        ("primaries_for", (10, 0), "capacity must be positive, got 0"),
        ("kept_share", (1.5, 4), "trip_share must be in [0, 1], got 1.5"),
        ("kept_share", (0.5, 0), "idle_keep_one_in must be an integer >= 1, got 0"),
        ("mbit_per_s", (-1,), "bytes_per_s must not be negative, got -1"),
        ("format_table", (["a", "b"], [["x"]]), "every row must have one cell per header"),
    ],
)
def test_bad_input_raises_a_clear_error(ns: dict[str, Any], helper: str, args: tuple, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        ns[helper](*args)


def test_helpers_on_known_values(ns: dict[str, Any]) -> None:
    overhead = ns["websocket_client_overhead"]
    assert (overhead(0), overhead(125), overhead(126), overhead(65_536)) == (6, 6, 8, 14)
    assert ns["primaries_for"](0, 10) == 1
    assert ns["primaries_for"](11, 10) == 2
    assert ns["kept_share"](0.5, 4) == 0.625
    assert ns["mbit_per_s"](125_000) == 1.0


def test_prose_states_no_computed_result(ns: dict[str, Any]) -> None:
    prose = markdown_of(NOTEBOOK)
    for value in [
        f"{ns['updates_per_s']:,.0f}",
        f"{ns['mbit_per_s'](ns['ingress_bytes_per_s']):,.0f}",
        f"{ns['live_bytes'] / MB:,.0f} MB",
        f"{ns['nearby_map_reads']:,.0f}",
        f"{ns['peak_match_searches']:,.0f}",
        f"{ns['history_bytes_per_day'] / GB:,.0f} GB",
        f"{ns['write_primaries']} primaries",
        f"{ns['wire_bytes']} bytes",
    ]:
        assert value not in prose, value


def _page_number(pattern: str) -> str:
    text = " ".join(PAGE.read_text(encoding="utf-8").split())  # across line breaks
    match = re.search(pattern, text)
    assert match, f"the page no longer says {pattern!r}"
    return match.group(1)


def test_the_page_restates_the_notebook(ns: dict[str, Any]) -> None:
    mbit = ns["mbit_per_s"]
    assert _page_number(r"At ([\d,]+) drivers reporting every") == f"{ns['DRIVERS_ONLINE_PEAK']:,}"
    assert _page_number(r"reporting every (\d+) seconds") == str(ns["UPDATE_INTERVAL_S"])
    assert _page_number(r"takes ([\d,]+) location updates a second") == f"{ns['updates_per_s']:,.0f}"
    assert _page_number(r"about ([\d,]+) Mbit/s of ingress") == f"{mbit(ns['ingress_bytes_per_s']):,.0f}"
    assert _page_number(r"live state is only (\d+) MB") == f"{ns['live_bytes'] / MB:,.0f}"
    assert _page_number(r"writes need (\d+) Redis primaries") == str(ns["write_primaries"])
    assert _page_number(r"asks ([\d,]+) times a second") == f"{ns['nearby_map_reads']:,.0f}"
    assert _page_number(r"matching's ([\d,]+) searches a second") == f"{ns['peak_match_searches']:,.0f}"
    assert _page_number(r"grows by (\d+) GB a day") == f"{ns['history_bytes_per_day'] / GB:,.0f}"
    assert _page_number(r"One million drivers online at peak, a position every (\d+) seconds") == str(
        ns["UPDATE_INTERVAL_S"]
    )
    assert ns["DRIVERS_ONLINE_PEAK"] == 1_000_000  # "One million", in words on the page
    # Bottlenecks and scaling
    assert _page_number(r"([\d,]+) scripts a second exceed one Redis primary") == f"{ns['updates_per_s']:,.0f}"
    assert ns["updates_per_s"] / ns["REDIS_UPDATES_PER_PRIMARY"] >= 10  # "by an order of magnitude"
    assert _page_number(r"The rider's map\*\* at ([\d,]+) reads a second") == f"{ns['nearby_map_reads']:,.0f}"
    _, ingress_10, _, primaries_10 = ns["growth"][10]
    assert _page_number(r"\(10 million drivers\): (\d+) primaries") == str(primaries_10)
    assert _page_number(r"primaries, ([\d,]+) Mbit/s of ingress over") == f"{mbit(ingress_10):,.0f}"
    assert ns["DRIVERS_ONLINE_PEAK"] * 10 == 10_000_000
    assert _page_number(r"About (\d+) bytes, measured with") == str(ns["LIVE_STATE_BYTES_PER_DRIVER"])
