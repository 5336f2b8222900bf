"""The shared demo data is valid and the time helper formats in the right zone."""

from __future__ import annotations

from examples.machine_coding.notification_service.sample_data import (
    START,
    TEMPLATES,
    USERS,
    clock_time,
)


def test_start_is_evening_in_berlin_and_afternoon_in_new_york() -> None:
    assert clock_time(START) == "21:30"
    assert clock_time(START, "Europe/Berlin") == "22:30"
    assert clock_time(START, "America/New_York") == "16:30"


def test_the_login_code_is_the_only_urgent_template() -> None:
    assert [t.name for t in TEMPLATES if t.urgent] == ["login_code"]


def test_user_ids_are_unique() -> None:
    assert len({u.id for u in USERS}) == len(USERS)
