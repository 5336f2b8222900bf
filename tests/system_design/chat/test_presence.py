"""Presence on an injected clock: the timeout boundary, last seen, and the push audience."""

from __future__ import annotations

from pathlib import Path

import pytest

from examples.system_design.chat.presence import PresenceTracker, Status, presence_audience
from examples.system_design.chat.service import ChatSettings


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_online_until_a_heartbeat_is_overdue_then_last_seen_is_the_last_beat() -> None:
    clock = Clock()
    presence = PresenceTracker(clock, timeout_s=30)
    assert presence.status("bob") == Status(online=False, last_seen=None)
    assert presence.heartbeat("bob") is True
    clock.now = 110
    assert presence.heartbeat("bob") is False  # already online
    clock.now = 140  # exactly the timeout after the last beat: still online
    assert presence.sweep() == []
    clock.now = 140.5
    assert presence.sweep() == ["bob"]
    assert presence.status("bob") == Status(online=False, last_seen=110)
    assert presence.sweep() == []  # announced once


def test_a_clean_disconnect_sets_last_seen_now() -> None:
    clock = Clock()
    presence = PresenceTracker(clock)
    presence.heartbeat("bob")
    clock.now = 105
    assert presence.disconnect("bob") is True
    assert presence.disconnect("bob") is False
    assert presence.status("bob") == Status(online=False, last_seen=105)
    clock.now = 200
    assert presence.heartbeat("bob") is True
    assert presence.status("bob") == Status(online=True, last_seen=200)


def test_sweep_takes_offline_only_the_overdue_in_name_order() -> None:
    clock = Clock()
    presence = PresenceTracker(clock, timeout_s=10)
    for user in ("carol", "alice"):
        presence.heartbeat(user)
    clock.now = 105
    presence.heartbeat("bob")
    clock.now = 112
    assert presence.sweep() == ["alice", "carol"]
    assert presence.status("bob").online


def test_audience_is_small_conversations_only_without_the_user() -> None:
    conversations = {
        "dm": ["alice", "bob"],
        "small": ["bob", "carol", "dave"],
        "big": ["bob", *(f"u{i}" for i in range(10))],
        "other": ["erin", "frank"],
    }
    assert presence_audience("bob", conversations, max_group=3) == {"alice", "carol", "dave"}
    everyone = {"alice", "carol", "dave", *(f"u{i}" for i in range(10))}
    assert presence_audience("bob", conversations, max_group=11) == everyone
    assert presence_audience("zed", conversations, max_group=50) == set()


def test_bad_settings_are_refused() -> None:
    with pytest.raises(ValueError, match="timeout_s must be positive"):
        PresenceTracker(Clock(), timeout_s=0)
    with pytest.raises(ValueError, match="max_group must be at least 2"):
        presence_audience("bob", {}, max_group=1)


def test_the_default_timeout_forgives_a_late_heartbeat() -> None:
    settings = ChatSettings(name="t", database=Path("unused.db"), secret=b"k" * 32)
    # Two or three intervals: one heartbeat late or lost must not flip a user offline.
    assert 2 <= settings.presence_timeout_s / settings.heartbeat_interval_s <= 3
