"""Quiet hours in the user's own time zone, correct on the two days a year the clock jumps.

A quiet window is stored as local wall-clock times ("22:00" to "07:00") and a
zone name. Deciding "may we send now, and if not, when?" is done in local
time with zoneinfo, then converted back to UTC. Two edges need care:

- Spring forward: a local time such as 02:30 does not exist that night.
  It is read with the offset in force before the jump (PEP 495's rule for
  fold=0), so a window that ends then ends at 03:30, after the gap.
- Fall back: 01:30 happens twice. `fold=0` picks the first, which is the
  earlier end, so a message is never held an extra hour. The window's ends
  are compared with `now` as UTC instants: two datetimes with the same
  tzinfo compare by wall-clock time and ignore `fold`, which would put the
  second 01:10 before the first 01:30.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo


# --8<-- [start:quiet]
def _local(day: datetime, at: time, zone: ZoneInfo) -> datetime:
    """`at` on the local date of `day`; a time in a spring-forward gap moves past it."""
    wall = datetime.combine(day.date(), at, tzinfo=zone)  # fold=0
    if wall.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != wall.replace(
        tzinfo=None
    ):
        # The wall time does not exist; UTC round trip lands after the gap.
        return wall.astimezone(UTC).astimezone(zone)
    return wall


def next_send_time(now: datetime, zone_name: str, start: time, end: time) -> datetime:
    """`now` if outside the quiet window [start, end), else the window's end; in UTC."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    if start == end:
        raise ValueError("an empty quiet window: start equals end")
    zone = ZoneInfo(zone_name)  # raises ZoneInfoNotFoundError for unknown names
    local = now.astimezone(zone)
    for day in (local - timedelta(days=1), local):  # a window may start yesterday
        window_start = _local(day, start, zone)
        end_day = day if end > start else day + timedelta(days=1)
        window_end = _local(end_day, end, zone)
        # Compare instants, not wall clocks: aware datetimes sharing one
        # tzinfo compare by wall time and ignore fold (PEP 495).
        if window_start.astimezone(UTC) <= now < window_end.astimezone(UTC):
            return window_end.astimezone(UTC)
    return now.astimezone(UTC)
    # --8<-- [end:quiet]


if __name__ == "__main__":
    # --8<-- [start:demo]
    night = (time(22, 0), time(7, 0))
    cases = [
        ("an ordinary night", datetime(2025, 6, 2, 4, 0, tzinfo=UTC)),
        ("spring forward", datetime(2025, 3, 9, 5, 0, tzinfo=UTC)),
        ("fall back", datetime(2025, 11, 2, 5, 0, tzinfo=UTC)),
        ("after the window", datetime(2025, 6, 2, 12, 0, tzinfo=UTC)),
    ]
    for label, now in cases:
        when = next_send_time(now, "America/New_York", *night)
        held = (when - now) / timedelta(hours=1)
        local = when.astimezone(ZoneInfo("America/New_York"))
        print(f"{label:<17} send {local:%H:%M %Z}, held {held:.0f} h")
        #> an ordinary night send 07:00 EDT, held 7 h
        #> spring forward    send 07:00 EDT, held 6 h
        #> fall back         send 07:00 EST, held 7 h
        #> after the window  send 08:00 EDT, held 0 h
    late = (time(1, 0), time(2, 30))  # ends inside the gap on 9 March 2025
    when = next_send_time(
        datetime(2025, 3, 9, 6, 45, tzinfo=UTC), "America/New_York", *late
    )
    print("window ending at 02:30 on spring-forward night ends", f"{when:%H:%M} UTC")
    #> window ending at 02:30 on spring-forward night ends 07:30 UTC
    # --8<-- [end:demo]
