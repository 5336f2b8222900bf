"""CPU-bound threads stay within one core under the GIL; processes do the same work."""

from __future__ import annotations

import sysconfig
from collections.abc import Callable

import pytest

from examples.fundamentals.processes.gil_cores import Busy, busy_with_processes, busy_with_threads


def test_this_interpreter_is_the_default_build_with_the_gil() -> None:
    assert not sysconfig.get_config_var("Py_GIL_DISABLED")  # None or 0 on 3.11's default build


@pytest.mark.parametrize("workers", [2, 4])
def test_cpu_bound_threads_never_use_more_than_one_core(workers: int) -> None:
    busy = busy_with_threads(workers, 1_000_000)
    assert busy.cores <= 1.05


def test_every_worker_is_charged_for_its_work() -> None:
    one = busy_with_threads(1, 1_000_000)
    two = busy_with_processes(2, 1_000_000)
    assert one.cpu_s > 0 and two.cpu_s > one.cpu_s  # two processes did twice the loop


def test_cores_is_cpu_over_wall() -> None:
    assert Busy(wall_s=2.0, cpu_s=3.0).cores == 1.5


@pytest.mark.parametrize("run", [busy_with_threads, busy_with_processes])
def test_zero_workers_are_refused(run: Callable[[int, int], Busy]) -> None:
    with pytest.raises(ValueError, match="workers must be >= 1"):
        run(0, 10)
