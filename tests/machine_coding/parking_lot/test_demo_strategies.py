"""The strategy comparison demo shows the trade-off it claims."""

from __future__ import annotations

from examples.machine_coding.parking_lot.allocation import BestFit, NearestFirst
from examples.machine_coding.parking_lot.demo_strategies import run


def test_nearest_first_strands_the_van_and_best_fit_does_not() -> None:
    assert run(NearestFirst()) == ["CAR-1->L0-001", "VAN-1->LotFullError"]
    assert run(BestFit()) == ["CAR-1->L1-001", "VAN-1->L0-001"]
