"""Decision is a frozen value; whole_units rounds quota down without float noise."""

from __future__ import annotations

import dataclasses

import pytest

from examples.machine_coding.rate_limiter.decision import Decision, whole_units


def test_decision_is_immutable() -> None:
    decision = Decision(True, 10, 9, 0.0, 6.0)
    assert decision.delay == 0.0
    with pytest.raises(dataclasses.FrozenInstanceError):
        decision.allowed = False  # type: ignore[misc]


@pytest.mark.parametrize(
    ("amount", "units"),
    [(0.0, 0), (2.5, 2), (2.9999999999, 3), (3.0, 3), (-0.5, 0), (-1e-12, 0)],
)
def test_whole_units_rounds_down_but_absorbs_float_noise(amount: float, units: int) -> None:
    assert whole_units(amount) == units
