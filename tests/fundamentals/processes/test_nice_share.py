"""Nice values: the 1.25 rule, the kernel's weights, and the shares a pinned CPU gives."""

from __future__ import annotations

import multiprocessing
import os
import time
from multiprocessing.connection import Connection

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.fundamentals.processes.children import result_from, started
from examples.fundamentals.processes.cpu_work import one_cpu
from examples.fundamentals.processes.nice_share import KERNEL_WEIGHT, cpu_shares, predicted_share, spin_at

nice_values = st.integers(min_value=-20, max_value=19)


@given(nice_values, nice_values)
def test_two_shares_add_up_to_the_whole_cpu(a: int, b: int) -> None:
    assert predicted_share(a, b) + predicted_share(b, a) == pytest.approx(1)


@given(nice_values, nice_values)
def test_a_lower_nice_value_never_gets_less(a: int, b: int) -> None:
    if a <= b:
        assert predicted_share(a, b) >= 0.5


def test_the_rule_matches_the_kernels_weights_for_nice_10() -> None:
    kernel = KERNEL_WEIGHT[0] / (KERNEL_WEIGHT[0] + KERNEL_WEIGHT[10])
    assert predicted_share(0, 10) == pytest.approx(kernel, abs=0.001)  # both 90.3%


@pytest.mark.parametrize("bad", [-21, 20])
def test_nice_values_outside_the_linux_range_are_refused(bad: int) -> None:
    with pytest.raises(ValueError, match="nice values run from -20 to 19"):
        predicted_share(0, bad)


BAD = [((0, -5), 0.1), ((0, 20), 0.1), ((0,), 0.1), ((0, 10), 0), ((0, 10), 11)]


@pytest.mark.parametrize(("nices", "window"), BAD)
def test_measurements_that_need_privilege_or_make_no_sense_are_refused(nices: tuple[int, ...], window: float) -> None:
    with pytest.raises(ValueError, match=r"two nice values within 0\.\.19|window_s must be within"):
        cpu_shares(nices, window)  # type: ignore[arg-type]


def test_nice_0_gets_several_times_the_cpu_of_nice_10() -> None:
    favored, niced = cpu_shares((0, 10), window_s=0.3)
    assert favored + niced == pytest.approx(1)
    assert favored > 3 * niced  # predicted 9.3 times; shared machines blur it, not this much


def test_equal_nice_values_share_about_equally() -> None:
    first, second = cpu_shares((5, 5), window_s=0.3)
    assert 0.25 < first < 0.75 and first + second == pytest.approx(1)


def _spin_once_from_a_niced_parent(inherited: int, asked: int, send: Connection) -> None:
    os.setpriority(os.PRIO_PROCESS, 0, inherited)  # as if the service already ran niced
    spin_at(0, asked, one_cpu(), time.monotonic(), 0.01, send)


@pytest.mark.parametrize(("inherited", "asked"), [(3, 10), (0, 10), (5, 5)])
def test_a_spinner_runs_at_the_level_asked_not_at_the_parents_plus_it(inherited: int, asked: int) -> None:
    """os.nice(10) in a child of a nice-3 parent would have run it at 13 (review S4)."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_spin_once_from_a_niced_parent, args=(inherited, asked, send))
    with receive, send, started([child]):
        slot, cpu_s, level = result_from(receive, [child], 30)
    assert (slot, level) == (0, asked)
    assert cpu_s >= 0
