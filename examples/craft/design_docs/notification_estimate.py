"""The numbers in the durable-queue design doc, computed rather than typed.

The forecast is an assumption the doc states as one (the callers' numbers,
to be replaced by theirs). Everything else follows from it, and from the
retry policies the machine-coding notification service already uses
(examples/machine_coding/notification_service/wiring.py). The test checks
that every line printed here appears, word for word, in the doc.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass

from examples.machine_coding.notification_service.model import Channel
from examples.machine_coding.notification_service.wiring import DEFAULT_POLICIES

SECONDS_PER_DAY = 86_400
# Accepting a delivery is one INSERT; each attempt is a claim (an UPDATE that
# takes a lease) and an outcome (an UPDATE that records sent, failed or retry).
WRITES_TO_ACCEPT = 1
WRITES_PER_ATTEMPT = 2


# --8<-- [start:forecast]
@dataclass(frozen=True)
class Forecast:
    """What the callers expect to send. Assumed; every field is positive."""

    notifications_per_day: int = 2_000_000
    channels_per_notification: float = 1.5
    peak_to_average: float = 4.0
    provider_call_s: float = 0.2  # one provider call, the page's example figure
    bytes_per_delivery: int = 2_000  # the rendered message and its columns
    retention_days: int = 30
    headroom: float = 2.0  # the load test runs at this multiple of the peak

    def __post_init__(self) -> None:
        for name, value in vars(self).items():
            if not (isinstance(value, int | float) and math.isfinite(value)):
                raise ValueError(f"{name} must be a finite number")
            if value <= 0:
                raise ValueError(f"{name} must be positive")


# --8<-- [end:forecast]


# --8<-- [start:estimate]
@dataclass(frozen=True)
class Estimate:
    deliveries_per_day: float
    average_per_s: float
    peak_per_s: float
    load_test_per_s: float
    peak_writes_per_s: float
    calls_in_flight_at_peak: float  # Little's law: arrival rate times time in system
    storage_gb: float


def estimate(forecast: Forecast) -> Estimate:
    per_day = forecast.notifications_per_day * forecast.channels_per_notification
    average = per_day / SECONDS_PER_DAY
    peak = average * forecast.peak_to_average
    writes = WRITES_TO_ACCEPT + WRITES_PER_ATTEMPT  # a delivery sent first time
    stored = per_day * forecast.retention_days * forecast.bytes_per_delivery
    return Estimate(
        deliveries_per_day=per_day,
        average_per_s=average,
        peak_per_s=peak,
        load_test_per_s=peak * forecast.headroom,
        peak_writes_per_s=peak * writes,
        calls_in_flight_at_peak=peak * forecast.provider_call_s,
        storage_gb=stored / 1e9,
    )


def worst_case_writes(channel: Channel) -> int:
    """Writes for one delivery that uses every attempt its policy allows."""
    attempts = 1 + DEFAULT_POLICIES[channel].max_retries
    return WRITES_TO_ACCEPT + WRITES_PER_ATTEMPT * attempts


# --8<-- [end:estimate]


def doc_lines(forecast: Forecast) -> list[str]:
    """The doc's estimate bullets; the doc may wrap them, not change them."""
    e = estimate(forecast)
    sms = DEFAULT_POLICIES[Channel.SMS]
    return [
        f"- {e.deliveries_per_day:,.0f} deliveries a day:"
        f" {e.average_per_s:.1f} a second on average, {e.peak_per_s:.1f} at peak.",
        f"- {e.peak_writes_per_s:.0f} database writes a second at peak"
        f" ({WRITES_TO_ACCEPT + WRITES_PER_ATTEMPT} per delivery sent first time).",
        f"- {e.calls_in_flight_at_peak:.1f} provider calls in flight at peak,"
        f" so at least {math.ceil(e.calls_in_flight_at_peak)} dispatcher threads.",
        f"- {e.storage_gb:.0f} GB of deliveries kept for"
        f" {forecast.retention_days} days.",
        f"- An SMS that fails every time costs at most"
        f" {worst_case_writes(Channel.SMS)} writes: up to {1 + sms.max_retries}"
        f" attempts, fewer if its {sms.deadline_s:g} s of backoff run out first.",
        f"- Load test target: {e.load_test_per_s:.0f} deliveries a second"
        f" ({forecast.headroom:g} times the peak).",
    ]


if __name__ == "__main__":
    # --8<-- [start:demo]
    for bullet in doc_lines(Forecast()):
        for line in textwrap.wrap(bullet, 72, subsequent_indent="  "):
            print(line)
            #> - 3,000,000 deliveries a day: 34.7 a second on average, 138.9 at peak.
            #> - 417 database writes a second at peak (3 per delivery sent first time).
            #> - 27.8 provider calls in flight at peak, so at least 28 dispatcher
            #>   threads.
            #> - 180 GB of deliveries kept for 30 days.
            #> - An SMS that fails every time costs at most 15 writes: up to 7
            #>   attempts, fewer if its 30 s of backoff run out first.
            #> - Load test target: 278 deliveries a second (2 times the peak).
    # --8<-- [end:demo]
