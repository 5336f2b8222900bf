"""Templates and users the demos share. Names, numbers and addresses are made up."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from examples.machine_coding.notification_service.model import Channel
from examples.machine_coding.notification_service.preferences import QuietHours, User
from examples.machine_coding.notification_service.templates import Template

# Wednesday 15 January 2025, 21:30 UTC: 22:30 in Berlin, 16:30 in New York.
START = datetime(2025, 1, 15, 21, 30, tzinfo=UTC).timestamp()

# --8<-- [start:templates]
TEMPLATES = (
    Template(
        name="login_code",
        category="security",
        urgent=True,  # useless in the morning, so it ignores quiet hours
        text="Your login code is $code. It expires in 5 minutes.",
        email_subject="Your login code",
        email_html="<p>Your login code is <b>$code</b>.</p>",
    ),
    Template(
        name="order_shipped",
        category="orders",
        text="Hi $name, order $order_id has shipped.",
        email_subject="Order $order_id has shipped",
        email_html="<p>Hi $name, order <b>$order_id</b> has shipped.</p>",
    ),
    Template(
        name="weekly_digest",
        category="marketing",
        text="Hi $name, $count new items this week.",
        email_subject="Your week at Example",
        email_html="<p>Hi $name, $count new items this week.</p>",
    ),
)
# --8<-- [end:templates]

# --8<-- [start:users]
USERS = (
    User(
        id="ada",
        time_zone="Europe/Berlin",
        email="ada@example.com",
        phone="+15555550100",
        device_id="device-ada-1",
        quiet_hours=QuietHours(start=time(22, 0), end=time(7, 0)),
    ),
    User(
        id="bob",
        time_zone="America/New_York",
        email="bob@example.com",
        opted_out=frozenset({(Channel.EMAIL, "marketing")}),
    ),
)
# --8<-- [end:users]


def clock_time(seconds: float, zone: str = "UTC") -> str:
    """An epoch time as 'HH:MM' in `zone`, for readable demo output."""
    return datetime.fromtimestamp(seconds, ZoneInfo(zone)).strftime("%H:%M")
