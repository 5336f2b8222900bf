"""The chat estimation notebook: its numbers from plain formulas, its helpers, and the page that quotes it."""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from examples.system_design.chat.service import ChatSettings
from tests.support.example_files import DOCS_DIR
from tests.support.notebooks import markdown_of, run_as_script

NOTEBOOK = DOCS_DIR / "system-design" / "chat" / "estimation.py"
PAGE = DOCS_DIR / "system-design" / "chat" / "index.md"
DAY = 86_400


@pytest.fixture(scope="module")
def run() -> tuple[dict[str, Any], str]:
    return run_as_script(NOTEBOOK)


@pytest.fixture(scope="module")
def ns(run: tuple[dict[str, Any], str]) -> dict[str, Any]:
    return run[0]


def test_message_rates_follow_users_times_messages(ns: dict[str, Any]) -> None:
    per_day = ns["DAILY_ACTIVE_USERS"] * ns["MESSAGES_PER_USER_PER_DAY"]
    assert ns["messages_per_day"] == per_day == 800_000_000
    assert ns["avg_messages_per_s"] == pytest.approx(per_day / DAY)
    assert ns["peak_messages_per_s"] == pytest.approx(per_day / DAY * ns["PEAK_FACTOR"])
    peak = per_day / DAY * ns["PEAK_FACTOR"]
    deliveries = peak * ns["RECIPIENTS_PER_MESSAGE"]
    assert ns["peak_deliveries_per_s"] == pytest.approx(deliveries)
    assert ns["peak_acks_per_s"] == pytest.approx(2 * deliveries)


def test_frames_follow_the_code_every_member_gets_messages_and_receipts(ns: dict[str, Any]) -> None:
    """session.py publishes a message and each receipt to every member, and replies "sent"."""
    peak, recipients = ns["peak_messages_per_s"], ns["RECIPIENTS_PER_MESSAGE"]
    members = recipients + 1
    message_frames = peak * members
    receipt_frames = peak * recipients * ns["ACKS_PER_DELIVERY"] * members
    assert ns["peak_message_frames_per_s"] == pytest.approx(message_frames)
    assert ns["peak_receipt_frames_per_s"] == pytest.approx(receipt_frames)
    assert ns["peak_publishes_per_s"] == pytest.approx(message_frames + receipt_frames)
    assert ns["peak_frames_out_per_s"] == pytest.approx(message_frames + receipt_frames + peak)


def test_connections_come_from_connected_hours(ns: dict[str, Any]) -> None:
    average = ns["DAILY_ACTIVE_USERS"] * ns["CONNECTED_HOURS_PER_USER"] / 24
    assert ns["avg_connections"] == pytest.approx(average)
    assert ns["peak_connections"] == pytest.approx(average * ns["PEAK_FACTOR"])
    assert ns["peak_heartbeats_per_s"] == pytest.approx(average * ns["PEAK_FACTOR"] / ns["HEARTBEAT_INTERVAL_S"])
    assert ns["peak_pings_per_s"] == pytest.approx(average * ns["PEAK_FACTOR"] / ns["WS_PING_INTERVAL_S"])


def test_the_intervals_match_the_code(ns: dict[str, Any]) -> None:
    settings = ChatSettings(name="t", database=Path("unused.db"), secret=b"k" * 32)
    assert settings.heartbeat_interval_s == ns["HEARTBEAT_INTERVAL_S"]
    assert uvicorn.Config(app=None).ws_ping_interval == ns["WS_PING_INTERVAL_S"]


def test_servers_hold_the_peak_at_the_target_utilization(ns: dict[str, Any]) -> None:
    usable = ns["CONNECTIONS_PER_SERVER"] * ns["TARGET_UTILIZATION"]
    assert ns["fleet"] == math.ceil(ns["peak_connections"] / usable)
    assert ns["per_server_at_peak"] <= usable
    assert ns["memory_per_server"] == ns["CONNECTIONS_PER_SERVER"] * ns["MEMORY_PER_CONNECTION_BYTES"]
    assert ns["zone_reconnects_per_s"] == pytest.approx(ns["peak_connections"] / ns["ZONES"] / ns["RECONNECT_WINDOW_S"])
    # Losing one zone of three at half load leaves the others at three quarters.
    survivors = ns["fleet"] * (ns["ZONES"] - 1) / ns["ZONES"]
    assert ns["peak_connections"] / survivors <= ns["CONNECTIONS_PER_SERVER"]


def test_storage_is_messages_times_bytes(ns: dict[str, Any]) -> None:
    assert ns["MESSAGE_BYTES"] == sum(ns["MESSAGE_FIELDS"].values()) == 236
    per_year = ns["messages_per_day"] * 236 * 365
    assert ns["storage_per_year"] == per_year
    assert ns["replicated_per_year"] == per_year * ns["REPLICATION_FACTOR"]
    assert ns["storage_per_year"] / 10**12 == pytest.approx(68.912)


def test_egress_counts_every_frame_out(ns: dict[str, Any]) -> None:
    # Per message with two recipients: 3 copies, 1 sent, 2 x 2 acks to 3 members.
    frames = ns["peak_messages_per_s"] * (3 + 1 + 12)
    assert ns["peak_egress"] == pytest.approx(frames * ns["FRAME_BYTES"])


def test_scaling_is_linear_except_the_rounded_fleet(ns: dict[str, Any]) -> None:
    assert ns["SCALES"] == (10, 100)
    for scale, servers in ns["scaled_fleets"].items():
        usable = ns["CONNECTIONS_PER_SERVER"] * ns["TARGET_UTILIZATION"]
        assert servers == math.ceil(ns["peak_connections"] * scale / usable)


def test_printout_has_the_headline_rows(run: tuple[dict[str, Any], str]) -> None:
    printed = run[1]
    assert re.search(r"^messages sent \(store writes\)\s+9,259\s+18,519$", printed, re.MULTILINE)
    assert re.search(r"^servers needed\s+100$", printed, re.MULTILINE)
    assert re.search(r"^servers needed\s+100\s+1,000\s+10,000$", printed, re.MULTILINE)
    assert "Traceback" not in printed


def test_the_chart_draws_one_line_per_scale_and_the_planning_mark(ns: dict[str, Any]) -> None:
    assert len(ns["ax"].get_lines()) == 1 + len(ns["SCALES"]) + 1


# --- helpers ------------------------------------------------------------------------


def test_helpers_compute_what_they_say(ns: dict[str, Any]) -> None:
    assert ns["per_second"](86_400) == 1.0
    assert ns["per_second"](86_400, 3) == 3.0
    assert ns["concurrent_connections"](2_400, 1) == 100
    assert ns["concurrent_connections"](2_400, 24, 2) == 4_800
    assert ns["servers_needed"](100_001, 100_000, 1.0) == 2
    assert ns["servers_needed"](50_000, 100_000, 0.5) == 1
    assert ns["record_bytes"]({"a": 3, "b": 4}) == 7
    assert ns["gbit_per_s"](125_000_000) == 1.0
    assert ns["format_table"](["n", "v"], [["a", "1"], ["bb", "22"]]) == "n    v\n--  --\na    1\nbb  22"


@pytest.mark.parametrize(
    ("helper", "args", "message"),
    [
        ("per_second", (0,), "per_day must be positive, got 0"),
        ("per_second", (float("nan"),), "per_day must be positive, got nan"),
        ("per_second", (10, 0.5), "peak_factor must be at least 1, got 0.5"),
        ("concurrent_connections", (-1, 3), "users must be positive, got -1"),
        ("concurrent_connections", (10, 25), "connected_hours must be in (0, 24], got 25"),
        ("concurrent_connections", (10, 0), "connected_hours must be in (0, 24], got 0"),
        ("concurrent_connections", (10, 3, 0.9), "peak_factor must be at least 1, got 0.9"),
        ("servers_needed", (0, 10, 0.5), "connections must be positive, got 0"),
        ("servers_needed", (10, 0, 0.5), "per_server must be positive, got 0"),
        ("servers_needed", (10, 10, 1.5), "utilization must be in (0, 1], got 1.5"),
        ("record_bytes", ({},), "fields must name at least one field"),
        ("record_bytes", ({"body": -1},), "field 'body' must be positive, got -1"),
        ("gbit_per_s", (-1,), "bytes_per_s must not be negative, got -1"),
        ("format_table", (["a", "b"], [["one"]]), "every row must have one cell per header"),
    ],
)
def test_bad_input_raises_a_clear_error(ns: dict[str, Any], helper: str, args: tuple, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        ns[helper](*args)


# --- prose and the page ---------------------------------------------------------------


def test_notebook_prose_states_no_computed_result() -> None:
    prose = markdown_of(NOTEBOOK)
    results = ["800,000,000", "9,259", "18,519", "37,037", "5,000,000", "166,667", "250,000", "277,778"]
    for result in [*results, "68.9", "206.7", "27,778"]:
        assert result not in prose


def page_numbers(ns: dict[str, Any]) -> dict[str, str]:
    """Every figure the design page restates, formatted from the notebook's values."""
    words = {2: "two", 3: "three"}
    assert ns["TARGET_UTILIZATION"] == 0.5  # the page says "half full"
    return {
        "inputs": (
            f"At {ns['MESSAGES_PER_USER_PER_DAY']} messages per user a day,"
            f" {ns['DAILY_ACTIVE_USERS'] / 1e6:.0f} million users"
        ),
        "recipients": f"at {words[int(ns['RECIPIENTS_PER_MESSAGE'])]} recipients each",
        "hours": f"Connected {words[int(ns['CONNECTED_HOURS_PER_USER'])]} hours a day",
        "per server": f"{ns['CONNECTIONS_PER_SERVER']:,} connections each, run half full",
        "zones": f"Losing one zone of {words[ns['ZONES']]}",
        "messages a day": f"{ns['messages_per_day'] / 1e6:,.0f} million messages a day",
        "average rate": f"{ns['avg_messages_per_s']:,.0f} a second on average",
        "peak rate": f"{ns['peak_messages_per_s']:,.0f} at the peak",
        "deliveries": f"{ns['peak_deliveries_per_s']:,.0f} deliveries a second",
        "connections": f"{ns['peak_connections'] / 1e6:,.0f} million connections",
        "servers": f"{ns['fleet']:,} servers",
        "heartbeats": f"{ns['peak_heartbeats_per_s']:,.0f} heartbeats a second",
        "pings": f"{ns['peak_pings_per_s']:,.0f} WebSocket pings",
        "publishes": f"{ns['peak_publishes_per_s']:,.0f} Redis publishes a second",
        "per message": f"{ns['peak_heartbeats_per_s'] / ns['peak_messages_per_s']:.0f} for every message",
        "storage": f"{ns['storage_per_year'] / 1e12:.1f} TB a year",
        "replicated": f"{ns['replicated_per_year'] / 1e12:.1f} TB with three copies",
        "zone": f"{ns['zone_reconnects_per_s']:,.0f} reconnects a second",
        "fleet at 10x": f"{ns['scaled_fleets'][10]:,} servers at 10x",
        "fleet at 100x": f"{ns['scaled_fleets'][100]:,} at 100x",
        "peak at 100x": f"{ns['peak_messages_per_s'] * 100 / 1e6:.1f} million messages a second",
    }


def test_the_design_page_quotes_the_notebook(ns: dict[str, Any]) -> None:
    page = " ".join(PAGE.read_text(encoding="utf-8").split())  # line breaks as spaces
    missing = {name: text for name, text in page_numbers(ns).items() if text not in page}
    assert missing == {}
