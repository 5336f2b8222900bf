"""The estimate behind the durable-queue design doc, and the doc's use of it."""

from __future__ import annotations

import re

import pytest

from examples.craft.design_docs.files import DURABLE_QUEUE
from examples.craft.design_docs.notification_estimate import (
    SECONDS_PER_DAY,
    Forecast,
    doc_lines,
    estimate,
    worst_case_writes,
)
from examples.machine_coding.notification_service.model import Channel
from examples.machine_coding.notification_service.wiring import DEFAULT_POLICIES


def squeezed(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_every_estimate_line_is_in_the_doc_word_for_word() -> None:
    doc = squeezed(DURABLE_QUEUE.read_text(encoding="utf-8"))
    for line in doc_lines(Forecast()):
        assert squeezed(line) in doc, line


def test_the_doc_states_the_forecast_it_was_computed_from() -> None:
    doc = squeezed(DURABLE_QUEUE.read_text(encoding="utf-8"))
    f = Forecast()
    assert f"{f.notifications_per_day:,} notifications a day" in doc
    assert f"{f.channels_per_notification:g} channels each" in doc
    assert f"peak {f.peak_to_average:g} times the average" in doc
    assert f"{f.provider_call_s * 1000:.0f} ms a provider call" in doc
    assert f"{f.bytes_per_delivery:,} bytes a delivery" in doc


def test_the_arithmetic() -> None:
    e = estimate(Forecast(notifications_per_day=86_400, channels_per_notification=2, peak_to_average=3))
    assert e.deliveries_per_day == 172_800
    assert e.average_per_s == 2.0
    assert e.peak_per_s == 6.0
    assert e.load_test_per_s == 12.0
    assert e.peak_writes_per_s == 18.0  # insert, claim, outcome
    assert e.calls_in_flight_at_peak == pytest.approx(1.2)  # 6 a second, 0.2 s each
    assert e.storage_gb == pytest.approx(172_800 * 30 * 2_000 / 1e9)
    assert SECONDS_PER_DAY == 24 * 60 * 60


def test_worst_case_writes_follow_the_retry_policies() -> None:
    for channel in Channel:
        assert worst_case_writes(channel) == 1 + 2 * (1 + DEFAULT_POLICIES[channel].max_retries)
    assert worst_case_writes(Channel.SMS) == 15


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("notifications_per_day", 0, "must be positive"),
        ("peak_to_average", -1.0, "must be positive"),
        ("provider_call_s", float("nan"), "must be a finite number"),
        ("retention_days", float("inf"), "must be a finite number"),
        ("bytes_per_delivery", "2kB", "must be a finite number"),
    ],
)
def test_a_forecast_that_makes_no_sense_is_refused(field: str, value: object, message: str) -> None:
    with pytest.raises(ValueError, match=f"{field} {message}"):
        Forecast(**{field: value})
