"""The composition root wires every part and shares one clock."""

from __future__ import annotations

from examples.machine_coding.notification_service.model import Channel
from examples.machine_coding.notification_service.wiring import (
    DEFAULT_POLICIES,
    build_system,
)
from examples.role.notification_retry_schedule import POLICIES


def test_every_channel_has_a_policy_and_two_come_from_the_role_guide() -> None:
    assert set(DEFAULT_POLICIES) == set(Channel)
    assert DEFAULT_POLICIES[Channel.SMS] is POLICIES["sms_otp"]
    assert DEFAULT_POLICIES[Channel.EMAIL] is POLICIES["email_receipt"]


def test_build_system_wires_one_fake_per_channel_and_shares_the_clock() -> None:
    system = build_system(now=5.0)
    assert set(system.providers) == set(Channel)
    assert all(p.channel is c for c, p in system.providers.items())
    assert system.clock() == 5.0
    assert system.repository.pending() == 0
    assert len(system.dead_letters) == 0
