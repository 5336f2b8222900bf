"""Quiet hours across midnight and daylight-saving changes; opt-outs; the directory."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.machine_coding.notification_service.errors import (
    MissingAddressError,
    UnknownUserError,
)
from examples.machine_coding.notification_service.model import Channel, DeliveryStatus
from examples.machine_coding.notification_service.preferences import (
    ALL_CATEGORIES,
    QuietHours,
    User,
    UserDirectory,
    hold_reason,
)

NIGHT = QuietHours(time(22, 0), time(7, 0))
BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


def utc(*args: int) -> float:
    return datetime(*args, tzinfo=UTC).timestamp()


def local(zone: ZoneInfo, *args: int, fold: int = 0) -> float:
    return datetime(*args, tzinfo=zone, fold=fold).timestamp()


# --- the window, away from DST changes (Berlin is UTC+1 in January) ---


@pytest.mark.parametrize(
    ("now", "expected_end"),
    [
        (local(BERLIN, 2025, 1, 15, 22, 0), local(BERLIN, 2025, 1, 16, 7, 0)),  # start is inside
        (local(BERLIN, 2025, 1, 15, 23, 59), local(BERLIN, 2025, 1, 16, 7, 0)),  # before midnight
        (local(BERLIN, 2025, 1, 16, 0, 30), local(BERLIN, 2025, 1, 16, 7, 0)),  # after midnight
        (local(BERLIN, 2025, 1, 16, 6, 59), local(BERLIN, 2025, 1, 16, 7, 0)),
        (local(BERLIN, 2025, 1, 16, 7, 0), None),  # end is outside
        (local(BERLIN, 2025, 1, 15, 21, 59), None),
        (local(BERLIN, 2025, 1, 15, 12, 0), None),
    ],
)
def test_a_window_across_midnight(now: float, expected_end: float | None) -> None:
    assert NIGHT.ends_at(now, BERLIN) == expected_end


def test_the_window_is_local_time_not_utc() -> None:
    # 22:30 UTC is 23:30 in Berlin (quiet) but 17:30 in New York (not quiet).
    now = utc(2025, 1, 15, 22, 30)
    assert NIGHT.ends_at(now, BERLIN) == utc(2025, 1, 16, 6, 0)
    assert NIGHT.ends_at(now, NEW_YORK) is None


def test_a_window_within_one_day() -> None:
    lunch = QuietHours(time(12, 0), time(13, 30))
    assert lunch.ends_at(local(BERLIN, 2025, 1, 15, 12, 45), BERLIN) == local(BERLIN, 2025, 1, 15, 13, 30)
    assert lunch.ends_at(local(BERLIN, 2025, 1, 15, 13, 30), BERLIN) is None
    assert lunch.ends_at(local(BERLIN, 2025, 1, 15, 11, 59), BERLIN) is None


# --- daylight-saving changes ---


def test_spring_forward_makes_the_night_an_hour_shorter() -> None:
    # Berlin, 30 March 2025: 02:00 CET jumps to 03:00 CEST.
    start = local(BERLIN, 2025, 3, 29, 22, 0)
    end = NIGHT.ends_at(start, BERLIN)
    assert end == utc(2025, 3, 30, 5, 0)  # 07:00 CEST
    assert end is not None and end - start == 8 * 3600  # 9 wall-clock hours, 8 real


def test_fall_back_makes_the_night_an_hour_longer() -> None:
    # Berlin, 26 October 2025: 03:00 CEST falls back to 02:00 CET.
    start = local(BERLIN, 2025, 10, 25, 22, 0)
    end = NIGHT.ends_at(start, BERLIN)
    assert end == utc(2025, 10, 26, 6, 0)  # 07:00 CET
    assert end is not None and end - start == 10 * 3600


def test_an_end_time_that_happens_twice_ends_at_the_right_one() -> None:
    # New York, 2 November 2025: 01:00-02:00 happens twice (EDT, then EST).
    window = QuietHours(time(22, 0), time(1, 30))
    first_pass = local(NEW_YORK, 2025, 11, 2, 1, 15, fold=0)  # 05:15 UTC
    second_pass = local(NEW_YORK, 2025, 11, 2, 1, 15, fold=1)  # 06:15 UTC
    assert window.ends_at(first_pass, NEW_YORK) == utc(2025, 11, 2, 5, 30)
    # The first 01:30 is already past; the window ends at the second one.
    assert window.ends_at(second_pass, NEW_YORK) == utc(2025, 11, 2, 6, 30)


def test_an_end_time_skipped_by_spring_forward_ends_when_the_clocks_jump() -> None:
    # New York, 9 March 2025: 02:00 EST jumps to 03:00 EDT, so 02:30 never
    # happens. The clock goes from 01:59:59 to 03:00:00, past 02:30 at once.
    window = QuietHours(time(23, 0), time(2, 30))
    end = window.ends_at(local(NEW_YORK, 2025, 3, 9, 1, 0), NEW_YORK)
    assert end == utc(2025, 3, 9, 7, 0)
    assert datetime.fromtimestamp(end, NEW_YORK).strftime("%H:%M") == "03:00"
    assert window.ends_at(end - 1, NEW_YORK) is not None  # still quiet a second before


def test_a_skipped_end_does_not_push_the_end_into_the_next_window() -> None:
    # Quiet 03:15 to 02:15 in Berlin: on 31 March 2024 the clocks jump from
    # 02:00 to 03:00, so the user is awake 03:00-03:15. Moving the end "late
    # by the gap" would give 03:15, the start of the next window.
    window = QuietHours(time(3, 15), time(2, 15))
    end = window.ends_at(local(BERLIN, 2024, 3, 30, 6, 40), BERLIN)
    assert end == utc(2024, 3, 31, 1, 0)  # 03:00 CEST, the jump
    assert window.ends_at(end, BERLIN) is None


def test_a_clock_that_falls_back_past_the_start_is_followed_literally() -> None:
    # New York, 2 November 2025: 01:59 EDT is followed by 01:00 EST. The page
    # says what happens: a message held since 01:40 EDT waits for 07:00, one
    # arriving at 01:10 EST goes out, since the clock says 01:30 is to come.
    window = QuietHours(time(1, 30), time(7, 0))
    held = window.ends_at(local(NEW_YORK, 2025, 11, 2, 1, 40, fold=0), NEW_YORK)
    assert held == local(NEW_YORK, 2025, 11, 2, 7, 0)
    assert window.ends_at(local(NEW_YORK, 2025, 11, 2, 1, 10, fold=1), NEW_YORK) is None


def test_waking_hours_that_fall_in_the_skipped_hour_run_on_to_the_next_night() -> None:
    # Quiet from 02:15 to 02:00: awake only 02:00-02:15, which Berlin skips on
    # 31 March 2024. The first end maps to 03:00 CEST, already inside the
    # next window, so the message waits for the 02:00 after that.
    window = QuietHours(time(2, 15), time(2, 0))
    end = window.ends_at(local(BERLIN, 2024, 3, 30, 2, 20), BERLIN)
    assert end == local(BERLIN, 2024, 4, 1, 2, 0)
    assert window.ends_at(end, BERLIN) is None


def transitions(zone: ZoneInfo, year: int) -> list[int]:
    """The UTC seconds at which `zone` changes its offset during `year`."""
    found = []
    t, end = int(utc(year, 1, 1)), int(utc(year + 1, 1, 1))
    offset = datetime.fromtimestamp(t, zone).utcoffset()
    while t < end:
        step = datetime.fromtimestamp(t + 3600, zone).utcoffset()
        if step != offset:
            low, high = t, t + 3600  # bisect to the second
            while high - low > 1:
                mid = (low + high) // 2
                if datetime.fromtimestamp(mid, zone).utcoffset() == offset:
                    low = mid
                else:
                    high = mid
            found.append(high)
            offset = step
        t += 3600
    return found


def test_every_small_hours_window_around_every_2025_change_ends_on_time() -> None:
    """Exhaustive where random sampling almost never looks: windows starting
    and ending between 00:00 and 04:00 (30-minute steps), `now` every 30
    minutes for a day either side of each change, in zones that move by an
    hour at 01:00 UTC, at 02:00 local, and by half an hour (Lord Howe). The
    end must be after `now`, outside the window, and not late."""
    grid = [time(m // 60, m % 60) for m in range(0, 4 * 60 + 1, 30)]
    failures = []
    for tz in (BERLIN, NEW_YORK, ZoneInfo("Australia/Lord_Howe")):
        for change in transitions(tz, 2025):
            for start in grid:
                for end in grid:
                    if start == end:
                        continue
                    window = QuietHours(start, end)
                    for now in range(change - 24 * 3600, change + 24 * 3600, 1800):
                        ends = window.ends_at(now, tz)
                        if ends is None:
                            continue
                        after = now < ends and window.ends_at(ends, tz) is None
                        # Not late either: a minute before the end, still quiet.
                        prompt = ends - 60 <= now or window.ends_at(ends - 60, tz) is not None
                        if not (after and prompt):
                            failures.append((tz.key, start, end, now, ends))
    assert failures == []


ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata"]
minutes = st.integers(0, 24 * 60 - 1).map(lambda m: time(m // 60, m % 60))


@settings(max_examples=300, deadline=None)
@given(
    now=st.integers(int(utc(2024, 1, 1)), int(utc(2026, 1, 1))),
    zone=st.sampled_from(ZONES),
    start=minutes,
    end=minutes,
)
def test_a_deferred_message_lands_after_now_and_outside_the_window(now: int, zone: str, start: time, end: time) -> None:
    if start == end:
        return
    window, tz = QuietHours(start, end), ZoneInfo(zone)
    ends = window.ends_at(now, tz)
    if ends is None:
        return
    # At most a day and a bit; two when the waking hours were skipped.
    assert now < ends <= now + 48 * 3600
    assert window.ends_at(ends, tz) is None  # not inside quiet hours any more


def test_quiet_hours_are_validated() -> None:
    with pytest.raises(ValueError, match="different"):
        QuietHours(time(7), time(7))
    with pytest.raises(ValueError, match="wall-clock"):
        QuietHours(time(22, tzinfo=UTC), time(7))


# --- users ---


def ada(**changes: object) -> User:
    values: dict = {
        "id": "ada",
        "time_zone": "Europe/Berlin",
        "email": "ada@example.com",
        "phone": "+15555550100",
        "device_id": "device-1",
        "quiet_hours": NIGHT,
    }
    return User(**{**values, **changes})


def test_each_channel_has_its_own_address() -> None:
    user = ada()
    assert [user.address(c) for c in Channel] == [
        "ada@example.com",
        "+15555550100",
        "device-1",
        "ada",
    ]


def test_a_missing_address_is_a_clear_error() -> None:
    with pytest.raises(MissingAddressError, match="user 'ada' has no address for channel 'sms'"):
        ada(phone=None).address(Channel.SMS)


def test_an_unknown_time_zone_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown time zone 'Mars/Olympus'"):
        ada(time_zone="Mars/Olympus")
    with pytest.raises(ValueError, match="unknown time zone"):
        ada(time_zone="../etc/passwd")


def test_opt_out_by_category_or_for_the_whole_channel() -> None:
    user = ada(opted_out=frozenset({(Channel.EMAIL, "marketing"), (Channel.SMS, ALL_CATEGORIES)}))
    assert not user.allows(Channel.EMAIL, "marketing")
    assert user.allows(Channel.EMAIL, "orders")
    assert not user.allows(Channel.SMS, "security")
    assert user.allows(Channel.PUSH, "marketing")


def test_no_quiet_hours_means_never_quiet() -> None:
    assert ada(quiet_hours=None).quiet_until(local(BERLIN, 2025, 1, 15, 23, 0)) is None


def test_hold_reason_suppresses_before_it_defers() -> None:
    night = local(BERLIN, 2025, 1, 15, 23, 0)
    morning = local(BERLIN, 2025, 1, 16, 7, 0)
    opted_out = ada(opted_out=frozenset({(Channel.EMAIL, "marketing")}))
    assert hold_reason(opted_out, Channel.EMAIL, "marketing", False, night) == (
        DeliveryStatus.SUPPRESSED,
        night,
    )
    assert hold_reason(ada(), Channel.EMAIL, "marketing", False, night) == (
        DeliveryStatus.DEFERRED,
        morning,
    )
    assert hold_reason(ada(), Channel.SMS, "security", True, night) is None  # urgent
    assert hold_reason(ada(), Channel.EMAIL, "marketing", False, morning) is None


def test_directory_get_put_opt_out_remove() -> None:
    directory = UserDirectory((ada(),))
    assert directory.get("ada") == ada()
    updated = directory.opt_out("ada", Channel.PUSH, "marketing")
    assert not directory.get("ada").allows(Channel.PUSH, "marketing")
    assert updated == directory.get("ada")
    directory.put(ada(email="new@example.com"))
    assert directory.get("ada").email == "new@example.com"
    directory.remove("ada")
    with pytest.raises(UnknownUserError, match="there is no user with id 'ada'"):
        directory.get("ada")


@pytest.mark.parametrize(
    "call",
    [
        lambda d: d.get("ghost"),
        lambda d: d.opt_out("ghost", Channel.SMS, "x"),
        lambda d: d.remove("ghost"),
    ],
)
def test_directory_refuses_unknown_users(call) -> None:
    directory = UserDirectory((ada(),))
    with pytest.raises(UnknownUserError):
        call(directory)
    assert directory.get("ada") == ada()
