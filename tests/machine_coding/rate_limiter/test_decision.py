"""Decision is a frozen value."""

from __future__ import annotations

import dataclasses

import pytest

from examples.machine_coding.rate_limiter.decision import Decision


def test_decision_is_immutable() -> None:
    decision = Decision(True, 10, 9, 0.0, 6.0, 60.0)
    assert decision.delay == 0.0
    with pytest.raises(dataclasses.FrozenInstanceError):
        decision.allowed = False  # type: ignore[misc]
