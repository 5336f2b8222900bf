"""The relay's fate is a pure function of seed and bytes; the real relay matches a list model of it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.fundamentals.tcp_udp.lossy_relay import Faults, fate, send_and_collect


def model(count: int, faults: Faults) -> list[int]:
    """What should arrive: drops removed, each held datagram moved after the next one passed."""
    arrived: list[int] = []
    held: int | None = None
    for number in range(count):
        decision = fate(str(number).encode(), faults)
        if decision == "drop":
            continue
        earlier, held = held, (number if decision == "hold" else None)
        if decision == "pass":
            arrived.append(number)
        if earlier is not None:
            arrived.append(earlier)
    if held is not None:
        arrived.append(held)  # the flush at the end
    return arrived


@settings(max_examples=6, deadline=None)
@given(
    seed=st.integers(min_value=-(2**63), max_value=2**63 - 1),
    loss=st.sampled_from([0.0, 0.2, 0.5]),
    reorder=st.sampled_from([0.0, 0.2, 0.4]),
)
def test_the_real_relay_does_what_the_model_says(seed: int, loss: float, reorder: float) -> None:
    faults = Faults(seed=seed, loss=loss, reorder=reorder)
    assert send_and_collect(20, faults) == model(20, faults)


def test_no_faults_delivers_everything_in_order() -> None:
    assert send_and_collect(10, Faults(seed=1)) == list(range(10))


def test_total_loss_delivers_nothing() -> None:
    assert send_and_collect(10, Faults(seed=1, loss=1.0)) == []


@given(seed=st.integers(min_value=0, max_value=2**32), datagram=st.binary(max_size=64))
def test_the_same_seed_and_bytes_always_meet_the_same_fate(seed: int, datagram: bytes) -> None:
    faults = Faults(seed=seed, loss=0.3, reorder=0.3)
    assert fate(datagram, faults) == fate(datagram, faults)


def test_the_loss_rate_is_close_to_the_one_asked_for() -> None:
    faults = Faults(seed=42, loss=0.25, reorder=0.1)
    fates = [fate(str(n).encode(), faults) for n in range(10_000)]
    assert fates.count("drop") / len(fates) == pytest.approx(0.25, abs=0.02)
    assert fates.count("hold") / len(fates) == pytest.approx(0.10, abs=0.02)


@pytest.mark.parametrize(("loss", "reorder"), [(-0.1, 0), (0, 1.1), (0.6, 0.6)])
def test_impossible_probabilities_are_refused(loss: float, reorder: float) -> None:
    with pytest.raises(ValueError, match="probabilities"):
        Faults(seed=1, loss=loss, reorder=reorder)
